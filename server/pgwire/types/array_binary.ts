/**
 * Binary array format (array_send / array_recv): int4 ndim, int4 has-nulls flag, int4 element OID,
 * then per dimension int4 length and int4 lower bound, then per element int4 length (-1 = NULL) and bytes.
 */
import type { Datum } from '../../../common/datum.js';
import { QueryError } from '../../../common/errors.js';
import { typeOid, type SqlType } from '../../../common/types.js';

export function encodeArrayBinary(element: SqlType, items: readonly Datum[], encode: (t: SqlType, d: Exclude<Datum, null>) => Uint8Array): Uint8Array {
  const parts = items.map((d) => (d === null ? null : encode(element, d)));
  const ndim = items.length === 0 ? 0 : 1;
  const size = 12 + ndim * 8 + parts.reduce((n, p) => n + 4 + (p?.length ?? 0), 0);
  const buf = new Uint8Array(size);
  const dv = new DataView(buf.buffer);
  dv.setInt32(0, ndim);
  dv.setInt32(4, items.some((d) => d === null) ? 1 : 0);
  dv.setInt32(8, typeOid(element));
  let o = 12;
  if (ndim === 1) { dv.setInt32(12, items.length); dv.setInt32(16, 1); o = 20; }
  for (const p of parts) {
    dv.setInt32(o, p === null ? -1 : p.length);
    o += 4;
    if (p !== null) { buf.set(p, o); o += p.length; }
  }
  return buf;
}

export function decodeArrayBinary(element: SqlType, bytes: Uint8Array, decode: (t: SqlType, b: Uint8Array) => Exclude<Datum, null>): Datum[] {
  const bad = () => new QueryError('22P03', 'insufficient data left in message');
  if (bytes.length < 12) throw bad();
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ndim = dv.getInt32(0);
  if (ndim === 0) return [];
  if (ndim !== 1) throw new QueryError('0A000', 'multidimensional arrays are not supported');
  const n = dv.getInt32(12);
  let o = 20;
  const out: Datum[] = [];
  for (let i = 0; i < n; i++) {
    if (o + 4 > bytes.length) throw bad();
    const len = dv.getInt32(o);
    o += 4;
    if (len < 0) { out.push(null); continue; }
    if (o + len > bytes.length) throw bad();
    out.push(decode(element, bytes.subarray(o, o + len)));
    o += len;
  }
  return out;
}
