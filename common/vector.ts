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
 * | numeric                          | (Numeric | null)[]                  |
 * | text, varchar, bpchar, unknown   | string[]                            |
 * | interval                         | (Interval | null)[]                 |
 * | array                            | (readonly Datum[] | null)[]         |
 *
 * Typed arrays and plain arrays of plain objects survive structured clone, so batches move between
 * worker threads as they are (typed arrays can go in a transfer list).
 */
import type { Datum, Interval, Numeric } from './datum.js';
import type { Field, SqlType } from './types.js';
import { assertNever } from './types.js';

export type VectorData =
  | Uint8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Float32Array
  | Float64Array
  | (Numeric | null)[]
  | string[]
  | (Interval | null)[]
  | (readonly Datum[] | null)[];

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
  const d = v.data[i];
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
  return vectorFromDatums(type, new Array<Datum>(length).fill(value));
}

/** Rows `sel` (indices, in order) of a vector; a negative index gives NULL (the missing side of an outer join). */
export function takeVector(v: Vector, sel: Int32Array | readonly number[], count = sel.length): Vector {
  const data = allocData(v.type, count);
  const src = v.data as unknown as ArrayLike<unknown>;
  const dst = data as unknown as unknown[];
  let nulls: Uint8Array | null = null;
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i < 0 || (v.nulls !== null && v.nulls[i] === 1)) {
      nulls ??= new Uint8Array(count);
      nulls[j] = 1;
    } else {
      dst[j] = src[i];
    }
  }
  return { type: v.type, length: count, data, nulls };
}

export function takeBatch(b: Batch, sel: Int32Array | readonly number[], count = sel.length): Batch {
  return { length: count, columns: b.columns.map((c) => takeVector(c, sel, count)) };
}

/** Rows [start, end) of a vector. */
export function sliceVector(v: Vector, start: number, end: number): Vector {
  const data = (v.data as unknown as { slice(a: number, b: number): VectorData }).slice(start, end);
  return { type: v.type, length: end - start, data, nulls: v.nulls === null ? null : v.nulls.slice(start, end) };
}

export function sliceBatch(b: Batch, start: number, end: number): Batch {
  return { length: end - start, columns: b.columns.map((c) => sliceVector(c, start, end)) };
}

/** Concatenate vectors of one type. */
export function concatVectors(type: SqlType, parts: readonly Vector[]): Vector {
  const n = parts.reduce((s, p) => s + p.length, 0);
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
    if (c.nulls !== null && c.nulls.buffer instanceof ArrayBuffer) out.push(c.nulls.buffer);
  }
  return out;
}
