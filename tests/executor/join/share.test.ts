/** String columns packed into shared memory for join stages round-trip exactly (executor/join/share.ts). */
import { describe, expect, it } from 'vitest';
import { packStrings, unpackStrings } from '../../../executor/join/share.js';

describe('packStrings / unpackStrings', () => {
  it('round-trips empty strings, NULL positions, non-ASCII text and values longer than one chunk', () => {
    const long = 'x'.repeat(20_000) + 'ü';
    const values = ['a', '', null, 'grüße', '日本', '😀 emoji', long, 'z'];
    const packed = packStrings(values, values.length)!;
    expect(unpackStrings(packed)).toEqual(values.map((v) => v ?? ''));
  });

  it('packs few distinct values as a dictionary and many as one shared buffer', () => {
    const few = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? 'FRANCE' : i % 3 === 1 ? 'GERMANY' : 'ß😀'));
    const dict = packStrings(few, few.length)!;
    expect(dict.form).toBe('dict');
    expect(unpackStrings(dict)).toEqual(few);
    const many = Array.from({ length: 5000 }, (_, i) => `customer#${i}`);
    const units = packStrings(many, many.length)!;
    expect(units.form).toBe('units');
    if (units.form === 'units') expect(units.units.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(unpackStrings(units)).toEqual(many);
  });

  it('packs a column of no rows, and refuses a column with non-string values', () => {
    expect(unpackStrings(packStrings([], 0)!)).toEqual([]);
    expect(packStrings(['a', 5], 2)).toBeNull();
  });

  it('survives a structured clone (the way tasks reach the workers)', () => {
    for (const values of [Array.from({ length: 10_000 }, (_, i) => `v${i}`), Array.from({ length: 10_000 }, (_, i) => `v${i % 7}`)]) {
      const copy = structuredClone(packStrings(values, values.length)!);
      expect(unpackStrings(copy)).toEqual(values);
    }
  });
});
