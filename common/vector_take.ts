/**
 * Row selection (`takeVector` in vector.ts): one tight loop per data representation, each only ever called with
 * one array type, so every element access stays monomorphic (a single generic loop over all typed arrays went
 * megamorphic and cost ~10× in scan tasks). A negative index in `sel` gives NULL (the missing side of an outer join);
 * a selection without one (`plainSelection`, checked once per batch) over a column without NULLs copies with no
 * per-row checks.
 * NULL positions keep the empty value of `allocData` (0, '', null), as kernels that skip NULLs by flag may still
 * add or compare the value there.
 */
import type { Datum, Interval, Numeric } from './datum.js';
import type { SqlType } from './types.js';
import type { ScaledNumerics, Vector, VectorData } from './vector.js';

type Sel = Int32Array | readonly number[];

/** The NULL flags of rows `sel` of a vector with flags `nulls` (null: none). */
function takeNulls(nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): Uint8Array | null {
  let out: Uint8Array | null = null;
  if (nulls === null) {
    if (plain) return null;
    for (let j = 0; j < count; j++) {
      if (sel[j]! < 0) {
        out ??= new Uint8Array(count);
        out[j] = 1;
      }
    }
    return out;
  }
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i < 0 || nulls[i] === 1) {
      out ??= new Uint8Array(count);
      out[j] = 1;
    }
  }
  return out;
}

function takeU8(src: Uint8Array, nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): Uint8Array {
  const out = new Uint8Array(count);
  if (plain && nulls === null) for (let j = 0; j < count; j++) out[j] = src[sel[j]!]!;
  else for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0 && (nulls === null || nulls[i] !== 1)) out[j] = src[i]!; }
  return out;
}

function takeI16(src: Int16Array, nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): Int16Array {
  const out = new Int16Array(count);
  if (plain && nulls === null) for (let j = 0; j < count; j++) out[j] = src[sel[j]!]!;
  else for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0 && (nulls === null || nulls[i] !== 1)) out[j] = src[i]!; }
  return out;
}

function takeI32(src: Int32Array, nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): Int32Array {
  const out = new Int32Array(count);
  if (plain && nulls === null) for (let j = 0; j < count; j++) out[j] = src[sel[j]!]!;
  else for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0 && (nulls === null || nulls[i] !== 1)) out[j] = src[i]!; }
  return out;
}

function takeBig64(src: BigInt64Array, nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): BigInt64Array {
  const out = new BigInt64Array(count);
  if (plain && nulls === null) for (let j = 0; j < count; j++) out[j] = src[sel[j]!]!;
  else for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0 && (nulls === null || nulls[i] !== 1)) out[j] = src[i]!; }
  return out;
}

function takeF32(src: Float32Array, nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): Float32Array {
  const out = new Float32Array(count);
  if (plain && nulls === null) for (let j = 0; j < count; j++) out[j] = src[sel[j]!]!;
  else for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0 && (nulls === null || nulls[i] !== 1)) out[j] = src[i]!; }
  return out;
}

function takeF64(src: Float64Array, nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): Float64Array {
  const out = new Float64Array(count);
  if (plain && nulls === null) for (let j = 0; j < count; j++) out[j] = src[sel[j]!]!;
  else for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0 && (nulls === null || nulls[i] !== 1)) out[j] = src[i]!; }
  return out;
}

function takeStrings(src: readonly string[], nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): string[] {
  // preallocated and filled (a packed array; push-growing it measured ~3× slower)
  const out = new Array<string>(count).fill('');
  if (plain && nulls === null) {
    for (let j = 0; j < count; j++) out[j] = src[sel[j]!]!;
  } else if (nulls === null) {
    for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0) out[j] = src[i]!; }
  } else {
    for (let j = 0; j < count; j++) { const i = sel[j]!; if (i >= 0 && nulls[i] !== 1) out[j] = src[i]!; }
  }
  return out;
}

type Obj = Numeric | Interval | readonly Datum[] | null;

function takeObjects(src: readonly Obj[], nulls: Uint8Array | null, sel: Sel, count: number): Obj[] {
  const out = new Array<Obj>(count).fill(null);
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i >= 0 && (nulls === null || nulls[i] !== 1)) out[j] = src[i]!;
  }
  return out;
}

function takeData(type: SqlType, d: VectorData, nulls: Uint8Array | null, sel: Sel, count: number, plain: boolean): VectorData {
  switch (type.kind) {
    case 'bool': return takeU8(d as Uint8Array, nulls, sel, count, plain);
    case 'int2': return takeI16(d as Int16Array, nulls, sel, count, plain);
    case 'int4': case 'date': return takeI32(d as Int32Array, nulls, sel, count, plain);
    case 'int8': case 'timestamp': case 'timestamptz': return takeBig64(d as BigInt64Array, nulls, sel, count, plain);
    case 'float4': return takeF32(d as Float32Array, nulls, sel, count, plain);
    case 'float8': return takeF64(d as Float64Array, nulls, sel, count, plain);
    case 'text': case 'varchar': case 'bpchar': case 'unknown': case 'bytea': case 'json': case 'jsonb':
      return takeStrings(d as string[], nulls, sel, count, plain);
    case 'numeric': {
      const s = d as ScaledNumerics | (Numeric | null)[];
      if (!Array.isArray(s)) return { form: 'scaled', scale: s.scale, values: takeF64(s.values, nulls, sel, count, plain) } satisfies ScaledNumerics;
      return takeObjects(s, nulls, sel, count) as (Numeric | null)[];
    }
    case 'interval': return takeObjects(d as (Interval | null)[], nulls, sel, count) as (Interval | null)[];
    case 'array': return takeObjects(d as (readonly Datum[] | null)[], nulls, sel, count) as (readonly Datum[] | null)[];
    default: {
      const never: never = type;
      throw new Error(`takeVector: unknown type ${JSON.stringify(never)}`);
    }
  }
}

/** True when `sel` holds no negative index (no outer-join NULL rows): the copies need no per-row checks. */
export function plainSelection(sel: Sel, count: number): boolean {
  for (let j = 0; j < count; j++) if (sel[j]! < 0) return false;
  return true;
}

/** Rows `sel` (indices, in order) of a vector; a negative index gives NULL. `plain`: see plainSelection. */
export function takeRows(v: Vector, sel: Sel, count: number, plain = plainSelection(sel, count)): Vector {
  return { type: v.type, length: count, data: takeData(v.type, v.data, v.nulls, sel, count, plain), nulls: takeNulls(v.nulls, sel, count, plain) };
}
