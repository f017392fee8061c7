/**
 * Columnar batches. A Vector holds one column of `length` values of one SqlType; `nulls` marks
 * NULLs (nulls[i] === 1) or is null when the column has none. Values at NULL positions are
 * unspecified (0, '', or null) and must not be read.
 *
 * | SqlType.kind                     | Vector.data                         |
 * |----------------------------------|-------------------------------------|
 * | bool                             | Uint8Array (0 / 1)                  |
 * | int2                             | Int16Array                          |
 * | int4, date                       | Int32Array                          |
 * | int8, timestamp, timestamptz     | BigInt64Array                       |
 * | float4                           | Float32Array                        |
 * | float8                           | Float64Array                        |
 * | numeric                          | (Numeric | null)[] or ScaledNumerics |
 * | text, varchar, bpchar, unknown   | string[]                            |
 * | bytea (byte strings), json, jsonb | string[]                           |
 * | interval                         | (Interval | null)[]                 |
 * | array                            | (readonly Datum[] | null)[]         |
 *
 * A numeric vector may hold the compact form `ScaledNumerics` (one scale, unscaled values exact in a
 * Float64Array): read numeric vectors only through getDatum, the helpers here, or `numericObjects` /
 * `materializeNumeric` (executor/…/numeric_vector.ts has the kernels that use the compact form directly).
 *
 * Typed arrays and plain arrays of plain objects survive structured clone, so batches move between
 * worker threads as they are (typed arrays can go in a transfer list).
 */
import type { Datum, Interval, Numeric } from './datum.js';
import type { Field, SqlType } from './types.js';
import { assertNever } from './types.js';
import { plainSelection, takeRows } from './vector_take.js';

export type VectorData =
  | Uint8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Float32Array
  | Float64Array
  | (Numeric | null)[]
  | ScaledNumerics
  | string[]
  | (Interval | null)[]
  | (readonly Datum[] | null)[];

/**
 * Compact numeric column: the value of row i is values[i] × 10^-scale, every values[i] an integer with
 * |values[i]| ≤ 2^53 − 1 (exact), every value's display scale `scale`. Moves between threads as one buffer.
 */
export interface ScaledNumerics {
  readonly form: 'scaled';
  readonly scale: number;
  readonly values: Float64Array;
}

/** Largest unscaled magnitude the compact form holds exactly. */
export const SCALED_MAX = 9007199254740991;

export function isScaledNumerics(d: VectorData): d is ScaledNumerics {
  return (d as { form?: unknown }).form === 'scaled';
}

export function scaledNumerics(scale: number, values: Float64Array): ScaledNumerics {
  return { form: 'scaled', scale, values };
}

/** The numeric values of a numeric vector as objects (NULL positions: null). */
export function numericObjects(v: Vector): (Numeric | null)[] {
  const d = v.data;
  if (!isScaledNumerics(d)) return d as (Numeric | null)[];
  const out = new Array<Numeric | null>(v.length);
  const vals = d.values, scale = d.scale, nulls = v.nulls;
  for (let i = 0; i < v.length; i++) out[i] = nulls !== null && nulls[i] === 1 ? null : { unscaled: BigInt(vals[i]!), scale };
  return out;
}

/** `v` with numeric data in object form (the one conversion for consumers that do not read the compact form). */
export function materializeNumeric(v: Vector): Vector {
  if (!isScaledNumerics(v.data)) return v;
  return { type: v.type, length: v.length, data: numericObjects(v), nulls: v.nulls };
}

export function materializeBatch(b: Batch): Batch {
  if (!b.columns.some((c) => isScaledNumerics(c.data))) return b;
  return { length: b.length, columns: b.columns.map(materializeNumeric) };
}

export interface Vector {
  readonly type: SqlType;
  readonly length: number;
  readonly data: VectorData;
  readonly nulls: Uint8Array | null;
}

export interface Batch {
  readonly length: number;
  readonly columns: readonly Vector[];
}

export type Schema = readonly Field[];

/** Allocate the data array for `length` values of `type`. */
export function allocData(type: SqlType, length: number): VectorData {
  switch (type.kind) {
    case 'bool': return new Uint8Array(length);
    case 'int2': return new Int16Array(length);
    case 'int4': case 'date': return new Int32Array(length);
    case 'int8': case 'timestamp': case 'timestamptz': return new BigInt64Array(length);
    case 'float4': return new Float32Array(length);
    case 'float8': return new Float64Array(length);
    case 'numeric': return new Array<Numeric | null>(length).fill(null);
    case 'text': case 'varchar': case 'bpchar': case 'unknown': return new Array<string>(length).fill('');
    case 'bytea': case 'json': case 'jsonb': return new Array<string>(length).fill('');
    case 'interval': return new Array<Interval | null>(length).fill(null);
    case 'array': return new Array<readonly Datum[] | null>(length).fill(null);
    default: return assertNever(type);
  }
}

export function isNull(v: Vector, i: number): boolean {
  return v.nulls !== null && v.nulls[i] === 1;
}

/** One value of a vector as a Datum (slow path: for result encoding, constants, tests). */
export function getDatum(v: Vector, i: number): Datum {
  if (v.nulls !== null && v.nulls[i] === 1) return null;
  const data = v.data;
  if (isScaledNumerics(data)) return { unscaled: BigInt(data.values[i]!), scale: data.scale };
  const d = data[i];
  if (v.type.kind === 'bool') return d === 1;
  return d as Datum;
}

/** Build a vector from datums (slow path: VALUES lists, constants, tests). */
export function vectorFromDatums(type: SqlType, values: readonly Datum[]): Vector {
  const n = values.length;
  const data = allocData(type, n);
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x === null || x === undefined) {
      nulls ??= new Uint8Array(n);
      nulls[i] = 1;
      continue;
    }
    if (type.kind === 'bool') (data as Uint8Array)[i] = x ? 1 : 0;
    else (data as unknown as Datum[])[i] = x;
  }
  return { type, length: n, data, nulls };
}

/** A vector of `length` copies of one datum. */
export function constantVector(type: SqlType, value: Datum, length: number): Vector {
  const data = allocData(type, length);
  if (value === null) return { type, length, data, nulls: length === 0 ? null : new Uint8Array(length).fill(1) };
  (data as unknown as { fill(v: unknown): unknown }).fill(type.kind === 'bool' ? (value ? 1 : 0) : value);
  return { type, length, data, nulls: null };
}

/** Rows `sel` (indices, in order) of a vector; a negative index gives NULL (the missing side of an outer join). */
export function takeVector(v: Vector, sel: Int32Array | readonly number[], count = sel.length): Vector {
  // one monomorphic copy loop per representation (vector_take.ts)
  return takeRows(v, sel, count);
}

export function takeBatch(b: Batch, sel: Int32Array | readonly number[], count = sel.length): Batch {
  const plain = plainSelection(sel, count); // once for every column
  return { length: count, columns: b.columns.map((c) => takeRows(c, sel, count, plain)) };
}

/** Rows [start, end) of a vector. */
export function sliceVector(v: Vector, start: number, end: number): Vector {
  const d = v.data;
  const data = isScaledNumerics(d) ? scaledNumerics(d.scale, d.values.slice(start, end)) : (v.data as unknown as { slice(a: number, b: number): VectorData }).slice(start, end);
  return { type: v.type, length: end - start, data, nulls: v.nulls === null ? null : v.nulls.slice(start, end) };
}

export function sliceBatch(b: Batch, start: number, end: number): Batch {
  return { length: end - start, columns: b.columns.map((c) => sliceVector(c, start, end)) };
}

/** Concatenate vectors of one type. */
export function concatVectors(type: SqlType, parts: readonly Vector[]): Vector {
  const n = parts.reduce((s, p) => s + p.length, 0);
  if (parts.some((p) => isScaledNumerics(p.data))) {
    const s0 = parts.find((p) => isScaledNumerics(p.data))!.data as ScaledNumerics;
    if (parts.every((p) => p.length === 0 || (isScaledNumerics(p.data) && p.data.scale === s0.scale))) return concatScaled(type, s0.scale, parts, n);
    return concatVectors(type, parts.map(materializeNumeric));
  }
  const data = allocData(type, n);
  const dst = data as unknown as unknown[];
  let nulls: Uint8Array | null = null;
  let o = 0;
  for (const p of parts) {
    const src = p.data as unknown as ArrayLike<unknown>;
    if (ArrayBuffer.isView(data) && ArrayBuffer.isView(p.data)) {
      (data as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(p.data as unknown as ArrayLike<unknown>, o);
    } else {
      for (let i = 0; i < p.length; i++) dst[o + i] = src[i];
    }
    if (p.nulls !== null) {
      nulls ??= new Uint8Array(n);
      nulls.set(p.nulls, o);
    }
    o += p.length;
  }
  return { type, length: n, data, nulls };
}

function concatScaled(type: SqlType, scale: number, parts: readonly Vector[], n: number): Vector {
  const out = new Float64Array(n);
  let nulls: Uint8Array | null = null;
  let o = 0;
  for (const p of parts) {
    if (p.length > 0) out.set((p.data as ScaledNumerics).values.subarray(0, p.length), o);
    if (p.nulls !== null) {
      nulls ??= new Uint8Array(n);
      nulls.set(p.nulls.subarray(0, p.length), o);
    }
    o += p.length;
  }
  return { type, length: n, data: scaledNumerics(scale, out), nulls };
}

export function concatBatches(schema: Schema, parts: readonly Batch[]): Batch {
  if (parts.length === 1) return parts[0]!;
  const length = parts.reduce((s, p) => s + p.length, 0);
  return { length, columns: schema.map((f, c) => concatVectors(f.type, parts.map((p) => p.columns[c]!))) };
}

export function emptyBatch(schema: Schema): Batch {
  return { length: 0, columns: schema.map((f) => ({ type: f.type, length: 0, data: allocData(f.type, 0), nulls: null })) };
}

/** Typed-array buffers of a batch, for a worker transfer list. */
export function transferables(b: Batch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of b.columns) {
    if (ArrayBuffer.isView(c.data) && c.data.buffer instanceof ArrayBuffer) out.push(c.data.buffer);
    else if (isScaledNumerics(c.data) && c.data.values.buffer instanceof ArrayBuffer) out.push(c.data.values.buffer);
    if (c.nulls !== null && c.nulls.buffer instanceof ArrayBuffer) out.push(c.nulls.buffer);
  }
  return out;
}
