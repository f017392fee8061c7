/** Decimal128 words straight from compact numerics equal the general (BigInt) path, and decline what it must check. */
import { describe, expect, it } from 'vitest';
import { scaledDecimalWords } from '../../../executor/arrow/scaled_words.js';
import { scaledNumerics, type Vector } from '../../../common/vector.js';

function bigintOf(words: Uint32Array, i: number): bigint {
  let x = 0n;
  for (let w = 3; w >= 0; w--) x = (x << 32n) | BigInt(words[i * 4 + w]!);
  return x >= 1n << 127n ? x - (1n << 128n) : x;
}

const vec = (scale: number, values: number[], nulls: Uint8Array | null = null): Vector =>
  ({ type: { kind: 'numeric', precision: 15, scale }, length: values.length, data: scaledNumerics(scale, Float64Array.from(values)), nulls });

describe('scaledDecimalWords', () => {
  it('two’s complement words for positive, negative, large and NULL values', () => {
    const values = [0, 1, -1, 123456789, -4294967296, 9007199254740991, -9007199254740991, 42];
    const words = scaledDecimalWords(vec(2, values, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1])), 38, 2)!;
    expect(values.slice(0, 7).map((_, i) => bigintOf(words, i))).toEqual(values.slice(0, 7).map(BigInt));
    expect(bigintOf(words, 7)).toBe(0n); // NULL position left zero
  });

  it('rescales up to the column scale; declines a smaller scale or an overflow of the precision', () => {
    const words = scaledDecimalWords(vec(1, [15, -7]), 15, 3)!;
    expect([bigintOf(words, 0), bigintOf(words, 1)]).toEqual([1500n, -700n]);
    expect(scaledDecimalWords(vec(3, [1]), 15, 2)).toBeNull();
    expect(scaledDecimalWords(vec(0, [100000]), 5, 0)).toBeNull(); // 100000 needs 6 digits
    expect(scaledDecimalWords({ type: { kind: 'numeric', precision: null, scale: null }, length: 1, data: [{ unscaled: 1n, scale: 0 }], nulls: null } as unknown as Vector, 38, 18)).toBeNull();
  });
});
