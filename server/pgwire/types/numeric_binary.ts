/**
 * numeric_send / numeric_recv layout: int16 ndigits, int16 weight, uint16 sign, int16 dscale,
 * then ndigits int16 base-10000 digits (leading and trailing zero digits stripped).
 */
import type { Numeric } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { pow10 } from '../../../common/values/numeric.js';

const NUMERIC_POS = 0x0000;
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;

export function encodeNumericBinary(n: Numeric): Uint8Array {
  let sign = NUMERIC_POS;
  let digits: number[] = [];
  let weight = 0;
  // PostgreSQL sends the special header's low bits as dscale: 0 for NaN, 32 for ±Infinity
  const dscale = n.special === 'inf' || n.special === '-inf' ? 32 : n.special ? 0 : n.scale;
  if (n.special === 'nan') sign = NUMERIC_NAN;
  else if (n.special === 'inf') sign = NUMERIC_PINF;
  else if (n.special === '-inf') sign = NUMERIC_NINF;
  else if (n.unscaled !== 0n) {
    sign = n.unscaled < 0n ? NUMERIC_NEG : NUMERIC_POS;
    const abs = n.unscaled < 0n ? -n.unscaled : n.unscaled;
    const fracGroups = Math.ceil(n.scale / 4);
    let a = abs * pow10(fracGroups * 4 - n.scale);
    const rev: number[] = [];
    while (a > 0n) { rev.push(Number(a % 10000n)); a /= 10000n; }
    digits = rev.reverse();
    weight = digits.length - 1 - fracGroups;
    while (digits.length > 0 && digits[digits.length - 1] === 0) digits.pop();
  }
  const buf = new Uint8Array(8 + 2 * digits.length);
  const dv = new DataView(buf.buffer);
  dv.setInt16(0, digits.length);
  dv.setInt16(2, weight);
  dv.setUint16(4, sign);
  dv.setInt16(6, dscale);
  digits.forEach((d, i) => dv.setInt16(8 + 2 * i, d));
  return buf;
}

function badFormat(): QueryError {
  return new QueryError('22P03', 'invalid external "numeric" value');
}

export function decodeNumericBinary(bytes: Uint8Array): Numeric {
  if (bytes.length < 8) throw new QueryError('22P03', 'insufficient data left in message');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ndigits = dv.getInt16(0);
  const weight = dv.getInt16(2);
  const sign = dv.getUint16(4);
  const dscale = dv.getInt16(6);
  if (ndigits < 0 || bytes.length < 8 + 2 * ndigits) throw new QueryError('22P03', 'insufficient data left in message');
  if (sign === NUMERIC_NAN) return { unscaled: 0n, scale: 0, special: 'nan' };
  if (sign === NUMERIC_PINF) return { unscaled: 0n, scale: 0, special: 'inf' };
  if (sign === NUMERIC_NINF) return { unscaled: 0n, scale: 0, special: '-inf' };
  if ((sign !== NUMERIC_POS && sign !== NUMERIC_NEG) || dscale < 0 || dscale > 0x3fff) throw badFormat();
  let n = 0n;
  for (let i = 0; i < ndigits; i++) {
    const d = dv.getInt16(8 + 2 * i);
    if (d < 0 || d >= 10000) throw badFormat();
    n = n * 10000n + BigInt(d);
  }
  // value = n × 10^(4 × (weight - ndigits + 1)); as unscaled with scale dscale:
  const exp = 4 * (weight - ndigits + 1) + dscale;
  let unscaled: bigint;
  if (exp >= 0) unscaled = n * pow10(exp);
  else {
    const d = pow10(-exp);
    unscaled = n / d;
    if ((n % d) * 2n >= d) unscaled += 1n;
  }
  return { unscaled: sign === NUMERIC_NEG ? -unscaled : unscaled, scale: dscale };
}
