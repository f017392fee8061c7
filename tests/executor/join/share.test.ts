/** String columns packed into shared memory for join stages round-trip exactly (executor/join/share.ts). */
import { describe, expect, it } from 'vitest';
import { packStrings, unpackStrings } from '../../../executor/join/share.js';

describe('packStrings / unpackStrings', () => {
  it('round-trips empty strings, NULL positions, non-ASCII text and values longer than one chunk', () => {
    const long = 'x'.repeat(20_000) + 'ü';
    const values = ['a', '', null, 'grüße', '日本', '😀 emoji', long, 'z'];
    const packed = packStrings(values, values.length)!;
    expect(packed.units.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(unpackStrings(packed)).toEqual(values.map((v) => v ?? ''));
  });

  it('packs a column of no rows, and refuses a column with non-string values', () => {
    expect(unpackStrings(packStrings([], 0)!)).toEqual([]);
    expect(packStrings(['a', 5], 2)).toBeNull();
  });

  it('survives a structured clone (the way tasks reach the workers)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `v${i}`);
    const copy = structuredClone(packStrings(values, values.length)!);
    expect(unpackStrings(copy)).toEqual(values);
  });
});
