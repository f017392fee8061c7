/** Casts over whole vectors via common/values castDatum; same-kind casts without typmod are relabels. */
import type { Datum } from '../../common/datum.js';
import { typesEqual, type SqlType } from '../../common/types.js';
import { castDatum } from '../../common/values/cast.js';
import type { ValueContext } from '../../common/values/context.js';
import type { Vector } from '../../common/vector.js';
import { getDatum } from '../../common/vector.js';
import { VectorBuilder } from './vector_out.js';
import { scaledCast } from './numeric_vector.js';

export function isRelabel(from: SqlType, to: SqlType): boolean {
  if (from.kind === to.kind) {
    if (from.kind === 'array' && to.kind === 'array') return typesEqual(from.element, to.element);
    if (to.kind === 'numeric') return to.precision === null;
    if (to.kind === 'varchar' || to.kind === 'bpchar') return to.length === null;
    return true;
  }
  const str = (t: SqlType) => t.kind === 'text' || t.kind === 'varchar' || t.kind === 'unknown';
  return str(from) && to.kind === 'text' || (from.kind === 'unknown' && to.kind === 'varchar' && to.length === null) || (from.kind === 'text' && to.kind === 'varchar' && to.length === null);
}

export function castVector(v: Vector, from: SqlType, to: SqlType, mode: 'explicit' | 'implicit' | 'assignment', ctx: ValueContext): Vector {
  if (isRelabel(from, to)) return { type: to, length: v.length, data: v.data, nulls: v.nulls };
  if (from.kind === 'numeric') { const fast = scaledCast(v, to); if (fast !== null) return fast; }
  const n = v.length;
  if ((from.kind === 'int2' || from.kind === 'int4') && (to.kind === 'float8' || to.kind === 'int4' || to.kind === 'int2' && from.kind === 'int2')) {
    const data = to.kind === 'float8' ? Float64Array.from(v.data as Int32Array) : Int32Array.from(v.data as Int16Array);
    return { type: to, length: n, data, nulls: v.nulls };
  }
  if ((from.kind === 'int2' || from.kind === 'int4') && to.kind === 'int8') {
    const src = v.data as Int32Array;
    const data = new BigInt64Array(n);
    for (let i = 0; i < n; i++) data[i] = BigInt(src[i]!);
    return { type: to, length: n, data, nulls: v.nulls };
  }
  const out = new VectorBuilder(to, n);
  for (let i = 0; i < n; i++) {
    const d: Datum = getDatum(v, i);
    out.set(i, d === null ? null : castDatum(d, from, to, mode, ctx));
  }
  return out.finish();
}
