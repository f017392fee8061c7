/**
 * COPY's binary format: the `PGCOPY\n\377\r\n\0` signature, flags and header extension, then per row an int16
 * field count and per field an int32 length (-1 = NULL) and the type's binary send/recv bytes; int16 -1 ends.
 */
import type { Datum } from '../../common/datum.js';
import { QueryError } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import { decodeBinary, encodeBinary } from '../pgwire/types/binary.js';

export const BINARY_SIGNATURE = Uint8Array.of(0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00);

const badFormat = (message: string): QueryError => new QueryError('22P04', message);

export function binaryHeader(): Uint8Array {
  const out = new Uint8Array(BINARY_SIGNATURE.length + 8);
  out.set(BINARY_SIGNATURE);
  return out;
}

export function binaryTrailer(): Uint8Array {
  return Uint8Array.of(0xff, 0xff);
}

export function encodeBinaryRow(types: readonly SqlType[], values: readonly Datum[]): Uint8Array {
  const encoded = values.map((v, i) => (v === null || v === undefined ? null : encodeBinary(types[i]!, v)));
  const size = 2 + encoded.reduce((n, b) => n + 4 + (b?.length ?? 0), 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setInt16(0, values.length);
  let off = 2;
  for (const bytes of encoded) {
    dv.setInt32(off, bytes === null ? -1 : bytes.length);
    off += 4;
    if (bytes !== null) {
      out.set(bytes, off);
      off += bytes.length;
    }
  }
  return out;
}

/** Reads binary COPY rows from bytes pushed in pieces. */
export class BinaryRowReader {
  private buf = new Uint8Array(0);
  private pos = 0;
  private headerDone = false;
  private ended = false;
  row = 0;

  constructor(private readonly types: readonly SqlType[]) {}

  push(chunk: Uint8Array): void {
    const rest = this.buf.subarray(this.pos);
    const merged = new Uint8Array(rest.length + chunk.length);
    merged.set(rest);
    merged.set(chunk, rest.length);
    this.buf = merged;
    this.pos = 0;
  }

  private available(): number {
    return this.buf.length - this.pos;
  }

  /** the next row's values; null when more data is needed or the trailer was read */
  next(final: boolean): Datum[] | null {
    if (this.ended) return null;
    const dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    if (!this.headerDone) {
      if (this.available() < BINARY_SIGNATURE.length + 8) {
        if (final) throw badFormat('COPY file signature not recognized');
        return null;
      }
      for (let i = 0; i < BINARY_SIGNATURE.length; i++) {
        if (this.buf[this.pos + i] !== BINARY_SIGNATURE[i]) throw badFormat('COPY file signature not recognized');
      }
      const flags = dv.getInt32(this.pos + 11);
      if ((flags & 0x10000) !== 0) throw badFormat('invalid COPY file header (WITH OIDS)');
      if ((flags & 0xfffeffff) !== 0) throw badFormat('unrecognized critical flags in COPY file header');
      const extLen = dv.getInt32(this.pos + 15);
      if (this.available() < 19 + extLen) {
        if (final) throw badFormat('invalid COPY file header (missing length)');
        return null;
      }
      this.pos += 19 + extLen;
      this.headerDone = true;
    }
    const start = this.pos;
    if (this.available() < 2) {
      if (final) throw badFormat(this.available() === 0 ? 'unexpected EOF in COPY data' : 'invalid field size');
      return null;
    }
    const count = dv.getInt16(this.pos);
    if (count === -1) {
      this.ended = true;
      return null;
    }
    if (count !== this.types.length) throw badFormat(`row field count is ${count}, expected ${this.types.length}`);
    let off = this.pos + 2;
    const out: Datum[] = [];
    for (let i = 0; i < count; i++) {
      if (this.buf.length - off < 4) return this.incomplete(final, start);
      const len = dv.getInt32(off);
      off += 4;
      if (len === -1) {
        out.push(null);
        continue;
      }
      if (len < 0) throw badFormat('invalid field size');
      if (this.buf.length - off < len) return this.incomplete(final, start);
      const bytes = this.buf.slice(off, off + len);
      off += len;
      try {
        out.push(decodeBinary(this.types[i]!, bytes));
      } catch (e) {
        if (e instanceof QueryError && e.sqlstate === '22P03') throw e;
        throw new QueryError('22P03', 'incorrect binary data format');
      }
    }
    this.pos = off;
    this.row++;
    return out;
  }

  private incomplete(final: boolean, start: number): null {
    if (final) throw badFormat('unexpected EOF in COPY data');
    this.pos = start;
    return null;
  }
}
