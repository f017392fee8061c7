/**
 * A growable byte buffer for building backend messages. Several messages accumulate in one buffer
 * so that many DataRows go out in one socket write; `take()` hands the bytes over and resets.
 */
export class ByteWriter {
  private buf: Buffer;
  private len = 0;
  /** offset of the length word of the message being built, or -1 */
  private msgStart = -1;

  constructor(initialSize = 8192) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  get length(): number {
    return this.len;
  }

  private ensure(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** Start a typed message: type byte + a length word filled in by `end()`. */
  begin(type: string): this {
    this.ensure(5);
    this.buf[this.len] = type.charCodeAt(0);
    this.msgStart = this.len + 1;
    this.len += 5;
    return this;
  }

  /** Close the message started by `begin()`: write its length (which includes itself). */
  end(): this {
    if (this.msgStart < 0) throw new Error('ByteWriter.end() without begin()');
    this.buf.writeInt32BE(this.len - this.msgStart, this.msgStart);
    this.msgStart = -1;
    return this;
  }

  byte(b: number): this {
    this.ensure(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  int16(n: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(n, this.len);
    this.len += 2;
    return this;
  }

  int32(n: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(n, this.len);
    this.len += 4;
    return this;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.ensure(n + 1);
    this.buf.write(s, this.len, n, 'utf8');
    this.len += n;
    this.buf[this.len++] = 0;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** int32 byte length then the UTF-8 bytes of `s` (a DataRow text value). */
  lengthPrefixedString(s: string): this {
    // Worst case 3 bytes per UTF-16 code unit.
    const max = s.length * 3;
    this.ensure(4 + max);
    const n = this.buf.write(s, this.len + 4, 'utf8');
    this.buf.writeInt32BE(n, this.len);
    this.len += 4 + n;
    return this;
  }

  /** int32 byte length then the bytes (or -1 for NULL). */
  lengthPrefixedBytes(b: Uint8Array | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    return this.bytes(b);
  }

  /** A copy of the bytes written so far; resets the writer. */
  take(): Buffer {
    if (this.msgStart >= 0) throw new Error('ByteWriter.take() inside an unfinished message');
    const out = Buffer.from(this.buf.subarray(0, this.len));
    this.len = 0;
    return out;
  }
}
