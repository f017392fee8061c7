/**
 * Gathering rows of a vector by index for join output: integer, date, float and bool columns through one
 * monomorphic loop per typed-array class (the generic `takeVector` loop is megamorphic over element kinds);
 * every other column (numeric, text, …) through `takeVector`. A negative index gives NULL.
 */
import type { Vector } from '../../common/vector.js';
import { takeVector } from '../../common/vector.js';

function nullsFor(vn: Uint8Array | null, sel: Int32Array, count: number): Uint8Array | null {
  let nulls: Uint8Array | null = null;
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i < 0 || (vn !== null && vn[i] === 1)) (nulls ??= new Uint8Array(count))[j] = 1;
  }
  return nulls;
}

function gatherI32(src: Int32Array, sel: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i >= 0) out[j] = src[i]!;
  }
  return out;
}

function gatherI64(src: BigInt64Array, sel: Int32Array, count: number): BigInt64Array {
  // as int32 pairs: no BigInt values are created
  const s = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  const out = new Int32Array(count * 2);
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i >= 0) {
      out[2 * j] = s[2 * i]!;
      out[2 * j + 1] = s[2 * i + 1]!;
    }
  }
  return new BigInt64Array(out.buffer);
}

function gatherF64(src: Float64Array, sel: Int32Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i >= 0) out[j] = src[i]!;
  }
  return out;
}

function gatherU8(src: Uint8Array, sel: Int32Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i >= 0) out[j] = src[i]!;
  }
  return out;
}

export function gatherVector(v: Vector, sel: Int32Array, count: number): Vector {
  const d = v.data;
  let data: Int32Array | BigInt64Array | Float64Array | Uint8Array;
  switch (v.type.kind) {
    case 'int4': case 'date':
      if (!(d instanceof Int32Array)) return takeVector(v, sel, count);
      data = gatherI32(d, sel, count);
      break;
    case 'int8': case 'timestamp': case 'timestamptz':
      if (!(d instanceof BigInt64Array)) return takeVector(v, sel, count);
      data = gatherI64(d, sel, count);
      break;
    case 'float8':
      if (!(d instanceof Float64Array)) return takeVector(v, sel, count);
      data = gatherF64(d, sel, count);
      break;
    case 'bool':
      if (!(d instanceof Uint8Array)) return takeVector(v, sel, count);
      data = gatherU8(d, sel, count);
      break;
    default:
      return takeVector(v, sel, count);
  }
  return { type: v.type, length: count, data, nulls: nullsFor(v.nulls, sel, count) };
}
