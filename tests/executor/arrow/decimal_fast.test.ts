import { Decimal, makeData, makeVector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { numericType } from '../../../common/types.js';
import { getDatum, isScaledNumerics } from '../../../common/vector.js';
import { vectorFromArrow } from '../../../executor/arrow/from_arrow.js';

/** Decimal128(15, 2) words of exact unscaled values (two's complement, little-endian 32-bit words). */
function dec128(values: readonly (bigint | null)[]) {
  const words = new Uint32Array(values.length * 4);
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v === null) return;
    bitmap[i >> 3]! |= 1 << (i & 7);
    const u = BigInt.asUintN(128, v);
    for (let k = 0; k < 4; k++) words[i * 4 + k] = Number((u >> BigInt(32 * k)) & 0xffffffffn);
  });
  const nullCount = values.filter((v) => v === null).length;
  return makeVector(makeData({ type: new Decimal(2, 15, 128), length: values.length, nullCount, nullBitmap: nullCount > 0 ? bitmap : undefined, data: words }));
}

describe('Decimal128 → compact numerics', () => {
  const field = { name: 'n', type: numericType(15, 2), nullable: true };
  it('keeps exact values, negatives and NULLs (NULL slots may hold anything)', () => {
    const vals = [0n, 1n, -1n, 123456789n, -4294967296n, 4294967295n, -4294967297n, null, 9007199254740991n, -9007199254740991n, 2n ** 40n + 7n, -(2n ** 40n) - 7n];
    const v = vectorFromArrow(dec128(vals), field);
    expect(isScaledNumerics(v.data)).toBe(true);
    expect(vals.map((_, i) => getDatum(v, i))).toEqual(vals.map((u) => (u === null ? null : { unscaled: u, scale: 2 })));
  });
  it('falls back to exact objects beyond 2^53 − 1', () => {
    const vals = [1n, 9007199254740992n, -(2n ** 70n)];
    const v = vectorFromArrow(dec128(vals), field);
    expect(isScaledNumerics(v.data)).toBe(false);
    expect(vals.map((_, i) => getDatum(v, i))).toEqual(vals.map((u) => ({ unscaled: u, scale: 2 })));
  });
});
