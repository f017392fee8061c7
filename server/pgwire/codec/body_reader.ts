import { protocolViolation } from './protocol_error.js';

/** Reads the fields of one message body; any overrun is a protocol violation (as PostgreSQL's pqformat). */
export class BodyReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  byte(): number {
    if (this.pos + 1 > this.buf.length) throw protocolViolation('insufficient data left in message');
    return this.buf[this.pos++]!;
  }

  int16(): number {
    if (this.pos + 2 > this.buf.length) throw protocolViolation('insufficient data left in message');
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    if (this.pos + 4 > this.buf.length) throw protocolViolation('insufficient data left in message');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  cstring(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw protocolViolation('invalid string in message');
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) throw protocolViolation('insufficient data left in message');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  }

  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }

  /** The message must be fully consumed. */
  end(): void {
    if (this.pos !== this.buf.length) throw protocolViolation('invalid message format');
  }
}
