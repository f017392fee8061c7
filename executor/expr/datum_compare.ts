/** Comparators for non-null datums of one type, local to the compiler (fast paths per type). */
import type { Datum, Interval, Numeric } from '../../common/datum.js';
import { compareArrays } from '../../common/values/array_io.js';
import type { SqlType } from '../../common/types.js';
import { compareFloats, intervalSpan, rtrimSpaces } from '../../common/values/compare.js';
import { numericCmp } from '../../common/values/numeric.js';
import { compareJsonb, jsonbKey } from '../../common/values/json_format.js';

type D = Exclude<Datum, null>;

/** numeric order as PostgreSQL (NaN above +Infinity) */
export const numericCompare: (a: Numeric, b: Numeric) => number = numericCmp;

export function intervalCompare(a: Interval, b: Interval): number {
  const x = intervalSpan(a), y = intervalSpan(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function stringCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bpcharCompare(a: string, b: string): number {
  return stringCompare(rtrimSpaces(a), rtrimSpaces(b));
}

export function comparatorFor(t: SqlType): (a: D, b: D) => number {
  switch (t.kind) {
    case 'bool': return (a, b) => (a === b ? 0 : a ? 1 : -1);
    case 'int2': case 'int4': case 'date': return (a, b) => (a as number) - (b as number);
    case 'float4': case 'float8': return (a, b) => compareFloats(a as number, b as number);
    case 'int8': case 'timestamp': case 'timestamptz': return (a, b) => ((a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0);
    case 'numeric': return (a, b) => numericCompare(a as Numeric, b as Numeric);
    case 'bpchar': return (a, b) => bpcharCompare(a as string, b as string);
    case 'text': case 'varchar': case 'unknown': return (a, b) => stringCompare(a as string, b as string);
    case 'interval': return (a, b) => intervalCompare(a as Interval, b as Interval);
    case 'bytea': case 'json': return (a, b) => stringCompare(a as string, b as string);
    case 'jsonb': return (a, b) => compareJsonb(a as string, b as string);
    case 'array': { const el = comparatorFor(t.element); return (a, b) => compareArrays(a as readonly D[], b as readonly D[], el); }
  }
}

/** A key for hashing (DISTINCT, IN lists): equal datums give equal keys. */
export function datumKey(t: SqlType, d: D): string | number | bigint | boolean {
  switch (t.kind) {
    case 'numeric': {
      const n = d as Numeric;
      if (n.special !== undefined) return n.special;
      let u = n.unscaled, s = n.scale;
      while (s > 0 && u % 10n === 0n) { u /= 10n; s--; }
      return `${u}e${s}`;
    }
    case 'interval': return intervalSpan(d as Interval);
    case 'bpchar': return rtrimSpaces(d as string);
    case 'float4': case 'float8': return Object.is(d, -0) ? 0 : (d as number);
    case 'jsonb': return 'J' + jsonbKey(d as string);
    case 'array': { const el = t.element; return 'A' + (d as readonly D[]).map((x) => (x === null ? 'N' : `${typeof x}:${String(datumKey(el, x))}`)).join('\u0001'); }
    default: return d as string | number | bigint | boolean;
  }
}
