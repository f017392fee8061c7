import { describe, expect, it } from 'vitest';
import { Decimal, Float64, Int32, Int64, Utf8, makeData, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
import { vectorMinMax } from '../../../storage/arrow/min_max.js';

function withNulls<T>(vec: Vector, nullAt: readonly number[]): Vector {
  const d = vec.data[0]!;
  const bits = new Uint8Array(Math.ceil(d.length / 8)).fill(0xff);
  for (const i of nullAt) bits[i >> 3]! &= ~(1 << (i & 7));
  return makeVector(d.clone(d.type, d.offset, d.length, nullAt.length, [d.valueOffsets, d.values, bits, d.typeIds] as never));
}

describe('vectorMinMax (stats straight from Arrow buffers)', () => {
  it('ints, bigints and floats, skipping NULLs and NaN', () => {
    expect(vectorMinMax(withNulls(vectorFromArray([5, -7, 3, -100, 9], new Int32()), [3]))).toEqual({ min: -7, max: 9, nullCount: 1 });
    expect(vectorMinMax(vectorFromArray([5n, -(2n ** 60n), 2n ** 62n], new Int64()))).toEqual({ min: -(2n ** 60n), max: 2n ** 62n, nullCount: 0 });
    expect(vectorMinMax(vectorFromArray([NaN, 2.5, -1.5, NaN], new Float64()))).toEqual({ min: -1.5, max: 2.5, nullCount: 0 });
    expect(vectorMinMax(withNulls(vectorFromArray([1, 2], new Int32()), [0, 1]))).toEqual({ min: null, max: null, nullCount: 2 });
  });

  it('decimals compared as signed 128-bit words (negative, beyond 53 bits)', () => {
    const values = [12345n, -1n, -(2n ** 70n), 2n ** 64n + 7n, 0n];
    const words = new Uint32Array(values.length * 4);
    values.forEach((v, i) => {
      let u = v < 0n ? v + (1n << 128n) : v;
      for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(u & 0xffffffffn); u >>= 32n; }
    });
    const vec = makeVector(makeData({ type: new Decimal(2, 38, 128), length: values.length, nullCount: 0, data: words }));
    expect(vectorMinMax(vec)).toEqual({ min: { unscaled: -(2n ** 70n), scale: 2 }, max: { unscaled: 2n ** 64n + 7n, scale: 2 }, nullCount: 0 });
  });

  it('strings in code point order (astral characters after U+FFFD), only winners decoded', () => {
    const vec = vectorFromArray(['b', 'ab', '\uFFFD', '\u{1F600}', 'a', ''], new Utf8());
    expect(vectorMinMax(vec)).toEqual({ min: '', max: '\u{1F600}', nullCount: 0 });
    expect(vectorMinMax(withNulls(vectorFromArray(['zz', 'a', 'm'], new Utf8()), [0]))).toEqual({ min: 'a', max: 'm', nullCount: 1 });
  });
});
