/** takeVector: rows by index for every data representation; negative indexes and NULL rows give NULL with the empty value. */
import { describe, expect, it } from 'vitest';
import { T, type SqlType } from '../../common/types.js';
import { getDatum, scaledNumerics, takeBatch, takeVector, vectorFromDatums, type Vector } from '../../common/vector.js';
import type { Datum } from '../../common/datum.js';

const datums = (v: Vector): Datum[] => Array.from({ length: v.length }, (_, i) => getDatum(v, i));

const cases: readonly [string, SqlType, readonly Datum[]][] = [
  ['bool', T.bool, [true, null, false, true]],
  ['int2', T.int2, [1, null, -3, 4]],
  ['int4', T.int4, [10, null, -30, 40]],
  ['date', T.date, [19000, null, 19002, 19003]],
  ['int8', T.int8, [1n, null, -3n, 4n]],
  ['float4', T.float4, [1.5, null, -3.5, 4.5]],
  ['float8', T.float8, [1.25, null, -3.25, 4.25]],
  ['text', T.text, ['a', null, 'c', 'd']],
  ['numeric objects', T.numeric, [{ unscaled: 1n, scale: 2 }, null, { unscaled: -3n, scale: 2 }, { unscaled: 4n, scale: 2 }]],
];

describe('takeVector', () => {
  for (const [name, type, values] of cases) {
    it(`takes ${name} rows, NULLs and negative indexes as NULL`, () => {
      const v = vectorFromDatums(type, values);
      const sel = Int32Array.from([3, 1, -1, 0, 2]);
      const t = takeVector(v, sel);
      expect(t.length).toBe(5);
      expect(datums(t)).toEqual([values[3], null, null, values[0], values[2]]);
      expect(Array.from(t.nulls!)).toEqual([0, 1, 1, 0, 0]);
      // plain-array selections and a count shorter than sel
      expect(datums(takeVector(v, [2, 0, 1], 2))).toEqual([values[2], values[0]]);
    });
  }

  it('takes compact numerics as compact numerics, zero at NULL rows', () => {
    const v: Vector = { type: T.numeric, length: 4, data: scaledNumerics(2, Float64Array.from([105, 7, -250, 9])), nulls: Uint8Array.from([0, 1, 0, 0]) };
    const t = takeVector(v, [1, 2, 0, -1]);
    expect(datums(t)).toEqual([null, { unscaled: -250n, scale: 2 }, { unscaled: 105n, scale: 2 }, null]);
    expect(t.data).toMatchObject({ form: 'scaled', scale: 2 });
    expect(Array.from((t.data as { values: Float64Array }).values)).toEqual([0, -250, 105, 0]);
  });

  it('keeps the empty value at NULL rows of typed arrays and strings', () => {
    const f = takeVector({ type: T.float8, length: 2, data: Float64Array.from([5, 6]), nulls: Uint8Array.from([1, 0]) }, [0, 1]);
    expect(Array.from(f.data as Float64Array)).toEqual([0, 6]);
    const s = takeVector({ type: T.text, length: 2, data: ['junk', 'x'], nulls: Uint8Array.from([1, 0]) }, [0, 1]);
    expect(s.data).toEqual(['', 'x']);
  });

  it('leaves nulls null when no row is NULL', () => {
    const t = takeVector(vectorFromDatums(T.int4, [1, 2, 3]), [2, 2, 0]);
    expect(t.nulls).toBeNull();
    expect(datums(t)).toEqual([3, 3, 1]);
  });

  it('takes every column of a batch, with and without negative indexes', () => {
    const b = { length: 3, columns: [vectorFromDatums(T.int4, [1, 2, 3]), vectorFromDatums(T.text, ['a', 'b', 'c'])] };
    const rows = (x: { length: number; columns: readonly Vector[] }) => Array.from({ length: x.length }, (_, i) => x.columns.map((c) => getDatum(c, i)));
    expect(rows(takeBatch(b, Int32Array.from([2, 0])))).toEqual([[3, 'c'], [1, 'a']]);
    expect(rows(takeBatch(b, [1, -1]))).toEqual([[2, 'b'], [null, null]]);
  });
});
