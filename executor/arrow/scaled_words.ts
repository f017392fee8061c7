/**
 * Decimal128 words straight from a compact numeric vector (`ScaledNumerics`: exact integers in a Float64Array),
 * for writing Parquet without a BigInt or an object per value. Null when the fast path does not apply
 * (object form, a smaller target scale, or a value that would overflow the precision): the caller then takes
 * the general path, which also raises the errors.
 */
import { isScaledNumerics, type Vector } from '../../common/vector.js';

const TWO32 = 4294967296;
const SAFE = 9007199254740991;

export function scaledDecimalWords(v: Vector, precision: number, scale: number): Uint32Array | null {
  const d = v.data;
  if (!isScaledNumerics(d) || d.scale > scale) return null;
  const factor = 10 ** (scale - d.scale);
  const limit = precision >= 16 ? Infinity : 10 ** precision;
  const vals = d.values, nulls = v.nulls, n = v.length;
  const words = new Uint32Array(n * 4);
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const x = factor === 1 ? vals[i]! : vals[i]! * factor;
    const m = x < 0 ? -x : x;
    if (m > SAFE || m >= limit) return null;
    putSafeInteger(words, i, x);
  }
  return words;
}

/** Write the safe integer `x` as the four little-endian 32-bit words of a two's-complement Decimal128 at `i`. */
export function putSafeInteger(words: Uint32Array, i: number, x: number): void {
  const m = x < 0 ? -x : x;
  let lo = m % TWO32, hi = Math.floor(m / TWO32);
  if (x < 0) {
    lo = (TWO32 - lo) % TWO32;
    hi = (TWO32 - 1 - hi + (lo === 0 ? 1 : 0)) % TWO32;
    words[i * 4 + 2] = 0xffffffff;
    words[i * 4 + 3] = 0xffffffff;
  }
  words[i * 4] = lo;
  words[i * 4 + 1] = hi;
}
