/**
 * Hash keys for grouping, DISTINCT and hash joins: one JS Map key per row of some key vectors, equal
 * exactly when the SQL values are equal (numeric 1.50 = 1.5, float -0 = 0) — NULLs get their own marker
 * (grouping treats NULLs as equal; joins skip rows with a NULL key).
 */
import { datumKey } from '../expr/datum_compare.js';
import type { Datum, Interval, Numeric } from '../../common/datum.js';
import { isScaledNumerics, type Vector } from '../../common/vector.js';

export type HashKey = string | number | bigint;

function numericKey(n: Numeric): string {
  if (n.special) return n.special;
  let u = n.unscaled;
  let s = n.scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return `${u}e${s}`;
}

/** The key numericKey gives for unscaled `u` (an exact integer) at `scale`. */
function scaledKey(u: number, scale: number): string {
  let s = scale;
  while (s > 0 && u % 10 === 0) {
    u /= 10;
    s--;
  }
  return `${u === 0 ? 0 : u}e${s}`;
}

/** The hash key of one value (equal exactly when the SQL values are equal; NULL: its own marker). */
export function valueKey(v: Vector, i: number): string {
  if (v.nulls !== null && v.nulls[i] === 1) return '\u0000';
  const data = v.data;
  if (isScaledNumerics(data)) return scaledKey(data.values[i]!, data.scale);
  const d = (data as ArrayLike<unknown>)[i];
  switch (v.type.kind) {
    case 'numeric': return numericKey(d as Numeric);
    case 'interval': {
      const iv = d as Interval;
      return `${iv.months}m${iv.days}d${iv.micros}`;
    }
    case 'float4': case 'float8': return (d as number) === 0 ? '0' : String(d);
    case 'text': case 'varchar': case 'bpchar': case 'unknown': return `s${(d as string).length}:${d as string}`;
    // arrays and jsonb: the key datumKey gives (element-wise; jsonb numbers compared as numeric)
    case 'array': case 'jsonb': return String(datumKey(v.type, d as Exclude<Datum, null>));
    default: return String(d);
  }
}

/** A function giving the key of row i; single non-null-able integer columns use the raw value. */
export function keyFunction(keys: readonly Vector[]): (i: number) => HashKey {
  if (keys.length === 1) {
    const v = keys[0]!;
    const k = v.type.kind;
    if (k === 'int2' || k === 'int4' || k === 'date' || k === 'int8' || k === 'timestamp' || k === 'timestamptz') {
      // raw values whether or not this batch has NULLs, so keys agree across batches (NULL: a string marker)
      const data = v.data as ArrayLike<number | bigint>;
      const nulls = v.nulls;
      if (nulls === null) return (i) => data[i]!;
      return (i) => (nulls[i] === 1 ? '\u0000' : data[i]!);
    }
    return (i) => valueKey(v, i);
  }
  return (i) => {
    let s = '';
    for (const v of keys) s += `${valueKey(v, i)}\u0001`;
    return s;
  };
}

/** Whether any key column is NULL in row i. */
export function anyNull(keys: readonly Vector[], i: number): boolean {
  for (const v of keys) if (v.nulls !== null && v.nulls[i] === 1) return true;
  return false;
}
