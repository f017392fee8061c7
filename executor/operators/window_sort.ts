/**
 * Sorting for WindowAgg: comparators specialised on the vectors' storage (typed arrays compare in place;
 * other types through compareDatums on pre-extracted datums), NULLs placed by nullsFirst.
 */
import type { Datum } from '../../common/datum.js';
import { compareDatums, compareFloats } from '../../common/values/compare.js';
import type { Vector } from '../../common/vector.js';
import { getDatum, isScaledNumerics, sliceVector, takeVector } from '../../common/vector.js';

export type RowComparator = (a: number, b: number) => number;

/** Ascending, NULL-free comparison of rows a and b of `v` (NULL positions must be handled by the caller). */
function valueComparator(v: Vector): RowComparator {
  switch (v.type.kind) {
    case 'int2': case 'int4': case 'date': case 'bool': case 'int8': case 'timestamp': case 'timestamptz': {
      const d = v.data as Int32Array | Int16Array | Uint8Array | BigInt64Array;
      return (a, b) => { const x = d[a]!; const y = d[b]!; return x < y ? -1 : x > y ? 1 : 0; };
    }
    case 'float4': case 'float8': {
      const d = v.data as Float64Array | Float32Array;
      return (a, b) => compareFloats(d[a]!, d[b]!);
    }
    case 'text': case 'varchar': case 'unknown': {
      const d = v.data as string[];
      return (a, b) => { const x = d[a]!; const y = d[b]!; return x === y ? 0 : compareDatums(v.type, x, y); };
    }
    default: {
      const vals: Datum[] = Array.from({ length: v.length }, (_, i) => getDatum(v, i));
      return (a, b) => compareDatums(v.type, vals[a] as Exclude<Datum, null>, vals[b] as Exclude<Datum, null>);
    }
  }
}

/** Comparator of one key with direction and NULL placement. */
export function keyComparator(v: Vector, descending: boolean, nullsFirst: boolean): RowComparator {
  const cmp = valueComparator(v);
  const n = v.nulls;
  const dir = descending ? -1 : 1;
  const nullSide = nullsFirst ? -1 : 1;
  if (n === null) return descending ? (a, b) => -cmp(a, b) : cmp;
  return (a, b) => {
    const x = n[a] === 1;
    const y = n[b] === 1;
    if (x || y) return x && y ? 0 : x ? nullSide : -nullSide;
    return dir * cmp(a, b);
  };
}

/** Stable sort permutation of rows 0..rows-1 by the comparators (ties by row number). */
export function sortRows(cmps: readonly RowComparator[], rows: number): Int32Array {
  const perm = new Int32Array(rows);
  for (let i = 0; i < rows; i++) perm[i] = i;
  if (cmps.length === 0) return perm;
  const k = cmps.length;
  if (k === 1) {
    const c0 = cmps[0]!;
    return perm.sort((a, b) => c0(a, b) || a - b);
  }
  return perm.sort((a, b) => {
    for (let i = 0; i < k; i++) {
      const c = cmps[i]!(a, b);
      if (c !== 0) return c;
    }
    return a - b;
  });
}

function takeArray<X>(src: readonly X[], sel: Int32Array): X[] {
  const out = new Array<X>(sel.length);
  for (let j = 0; j < sel.length; j++) out[j] = src[sel[j]!]!;
  return out;
}

/** Rows `sel` of a vector (a tight loop per storage kind; no NULL-producing negative indices). */
export function takeRows(v: Vector, sel: Int32Array): Vector {
  if (isScaledNumerics(v.data)) return takeVector(v, sel);
  const n = sel.length;
  const d = v.data;
  let data: Vector['data'];
  if (d instanceof Int32Array) { const o = new Int32Array(n); for (let j = 0; j < n; j++) o[j] = d[sel[j]!]!; data = o; }
  else if (d instanceof Float64Array) { const o = new Float64Array(n); for (let j = 0; j < n; j++) o[j] = d[sel[j]!]!; data = o; }
  else if (d instanceof BigInt64Array) {
    // copy the two 32-bit halves: reading a BigInt64Array element allocates a BigInt
    const o = new BigInt64Array(n);
    const src = new Int32Array(d.buffer, d.byteOffset, d.length * 2);
    const dst = new Int32Array(o.buffer);
    for (let j = 0; j < n; j++) { const r = sel[j]! * 2; dst[2 * j] = src[r]!; dst[2 * j + 1] = src[r + 1]!; }
    data = o;
  }
  else if (d instanceof Uint8Array) { const o = new Uint8Array(n); for (let j = 0; j < n; j++) o[j] = d[sel[j]!]!; data = o; }
  else if (d instanceof Int16Array) { const o = new Int16Array(n); for (let j = 0; j < n; j++) o[j] = d[sel[j]!]!; data = o; }
  else if (d instanceof Float32Array) { const o = new Float32Array(n); for (let j = 0; j < n; j++) o[j] = d[sel[j]!]!; data = o; }
  else data = takeArray(d as unknown[], sel) as Vector['data'];
  let nulls: Uint8Array | null = null;
  if (v.nulls !== null) {
    const vn = v.nulls;
    const out = new Uint8Array(n);
    let any = false;
    for (let j = 0; j < n; j++) if (vn[sel[j]!] === 1) { out[j] = 1; any = true; }
    if (any) nulls = out;
  }
  return { type: v.type, length: n, data, nulls };
}

/** Rows [start, end) of a vector without copying typed storage. */
export function viewRows(v: Vector, start: number, end: number): Vector {
  if (isScaledNumerics(v.data)) return sliceVector(v, start, end);
  const data = ArrayBuffer.isView(v.data)
    ? (v.data as unknown as { subarray(a: number, b: number): Vector['data'] }).subarray(start, end)
    : (v.data as unknown[]).slice(start, end) as Vector['data'];
  return { type: v.type, length: end - start, data, nulls: v.nulls === null ? null : v.nulls.subarray(start, end) };
}

const ROW_BITS = 2 ** 21;
const CODE_LIMIT = 2 ** 32;

/**
 * Sort permutation by keys of small-range integer types (int2/int4/int8/date/bool/timestamps) without a
 * comparator: each row's keys become one mixed-radix code, code·2^21 + row sorts natively as a float64.
 * Null when a key has another type or the ranges are too wide.
 */
export function packedSort(vectors: readonly Vector[], keys: readonly { readonly descending: boolean; readonly nullsFirst: boolean }[], rows: number): Int32Array | null {
  if (rows >= ROW_BITS || vectors.length === 0) return null;
  const codes = new Float64Array(rows);
  let radix = 1;
  for (let k = 0; k < vectors.length; k++) {
    const v = vectors[k]!;
    const d = v.data;
    if (!(d instanceof Int32Array || d instanceof Int16Array || d instanceof Uint8Array || d instanceof BigInt64Array)) return null;
    const nulls = v.nulls;
    const num: ArrayLike<number> = d instanceof BigInt64Array ? toNumbers(d, nulls) ?? [] : d;
    if (d instanceof BigInt64Array && num.length !== rows) return null;
    let min = Infinity;
    let max = -Infinity;
    let anyNull = false;
    for (let i = 0; i < rows; i++) {
      if (nulls !== null && nulls[i] === 1) { anyNull = true; continue; }
      const x = num[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (min === Infinity) { min = 0; max = 0; }
    const range = max - min + 1 + (anyNull ? 1 : 0);
    radix *= range;
    if (radix >= CODE_LIMIT) return null;
    const { descending, nullsFirst } = keys[k]!;
    const shift = anyNull && nullsFirst ? 1 : 0;
    const nullDigit = nullsFirst ? 0 : range - 1;
    for (let i = 0; i < rows; i++) {
      const digit = nulls !== null && nulls[i] === 1 ? nullDigit : (descending ? max - num[i]! : num[i]! - min) + shift;
      codes[i] = codes[i]! * range + digit;
    }
  }
  for (let i = 0; i < rows; i++) codes[i] = codes[i]! * ROW_BITS + i;
  codes.sort();
  const perm = new Int32Array(rows);
  for (let i = 0; i < rows; i++) perm[i] = codes[i]! % ROW_BITS;
  return perm;
}

/** int8 values as numbers when all fit exactly (else null). */
function toNumbers(d: BigInt64Array, nulls: Uint8Array | null): Float64Array | null {
  const out = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const x = Number(d[i]!);
    if (!Number.isSafeInteger(x)) return null;
    out[i] = x;
  }
  return out;
}
