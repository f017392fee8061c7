/**
 * Batches in shared memory: fixed-width columns (typed arrays, compact numerics, NULL masks) copied once
 * into SharedArrayBuffers, so sending the batch to worker threads with every task copies no column data.
 * Other columns (text, numeric objects, …) stay as they are (cloned per message).
 */
import type { Batch, Vector, VectorData } from '../../common/vector.js';
import { isScaledNumerics, scaledNumerics } from '../../common/vector.js';

type Typed = Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

function sharedCopy<T extends Typed>(a: T): T {
  const ctor = a.constructor as unknown as { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new ctor(new SharedArrayBuffer(Math.max(1, a.length) * ctor.BYTES_PER_ELEMENT));
  (out as unknown as { set(x: T): void }).set(a);
  return a.length === 0 ? (out.subarray(0, 0) as T) : out;
}

function shareVector(v: Vector): Vector {
  const d = v.data;
  let data: VectorData = d;
  if (ArrayBuffer.isView(d)) data = sharedCopy(d as Typed);
  else if (isScaledNumerics(d)) data = scaledNumerics(d.scale, sharedCopy(d.values));
  const nulls = v.nulls === null ? null : sharedCopy(v.nulls);
  return { type: v.type, length: v.length, data, nulls };
}

export function shareBatch(b: Batch): Batch {
  return { length: b.length, columns: b.columns.map(shareVector) };
}
