/** Total order of non-null datums of one type: negative, zero, positive (text compares by code point, "C" collation). */
import type { Datum, Interval, Numeric } from '../datum.js';
import { compareArrays } from './array_io.js';
import { assertNever, type SqlType } from '../types.js';
import { numericCmp } from './numeric.js';
import { compareJsonb } from './json_format.js';

/** float order as PostgreSQL: NaN equals NaN and sorts above everything; -0 = 0 */
export function compareFloats(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** code point order of two JS strings (UTF-16 code unit order fixed up for surrogates) */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800) x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
      if (y >= 0xd800) y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** char(n) compares without trailing spaces */
export function rtrimSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** PostgreSQL's interval_cmp_value: months count as 30 days, days as 24 hours */
export function intervalSpan(iv: Interval): bigint {
  return (BigInt(iv.months) * 30n + BigInt(iv.days)) * 86400000000n + iv.micros;
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareDatums(type: SqlType, a: Exclude<Datum, null>, b: Exclude<Datum, null>): number {
  switch (type.kind) {
    case 'bool': return a === b ? 0 : a ? 1 : -1;
    case 'int2': case 'int4': case 'date': {
      const x = a as number, y = b as number;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'int8': case 'timestamp': case 'timestamptz': return cmpBig(a as bigint, b as bigint);
    case 'float4': case 'float8': return compareFloats(a as number, b as number);
    case 'numeric': return numericCmp(a as Numeric, b as Numeric);
    case 'text': case 'varchar': case 'unknown': return compareText(a as string, b as string);
    case 'bpchar': return compareText(rtrimSpaces(a as string), rtrimSpaces(b as string));
    case 'interval': return cmpBig(intervalSpan(a as Interval), intervalSpan(b as Interval));
    case 'bytea': case 'json': return compareText(a as string, b as string);
    case 'jsonb': return compareJsonb(a as string, b as string);
    case 'array': { const el = type.element; return compareArrays(a as readonly Datum[], b as readonly Datum[], (x, y) => compareDatums(el, x, y)); }
    default: return assertNever(type);
  }
}
