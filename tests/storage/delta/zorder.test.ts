import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { bucketRanks, interleaveBits, rankValues, zOrderPermutation, compareScalars } from '../../../storage/delta/operations/zorder.js';

describe('Z-order interleaving', () => {
  it('interleaves bits most significant first, column 0 leading each round', () => {
    const x = Uint32Array.of(0b10);
    const y = Uint32Array.of(0b01);
    expect(interleaveBits([x, y], 2, 0)).toBe(0b1001n);
    expect(interleaveBits([y, x], 2, 0)).toBe(0b0110n);
    expect(interleaveBits([Uint32Array.of(0b111), Uint32Array.of(0), Uint32Array.of(0b101)], 3, 0)).toBe(0b101_100_101n);
  });

  it('ranks values by order: NULL first, equal values share a rank', () => {
    const { ranks, distinct } = rankValues(['b', null, 'a', 'b', 'c']);
    expect([...ranks]).toEqual([2, 0, 1, 2, 3]);
    expect(distinct).toBe(4);
    expect([...rankValues([5n, -3n, 5n]).ranks]).toEqual([1, 0, 1]);
    expect([...rankValues([{ unscaled: 150n, scale: 2 }, { unscaled: 2n, scale: 0 }, { unscaled: 15n, scale: 1 }]).ranks]).toEqual([0, 1, 0]);
    expect(compareScalars(Number.NaN, 1e308)).toBe(1);
  });

  it('range-partitions ranks that do not fit the bits', () => {
    const ranks = Uint32Array.from({ length: 100 }, (_, i) => i);
    const b = bucketRanks(ranks, 100, 2);
    expect(Math.max(...b)).toBe(3);
    expect(b[0]).toBe(0);
    expect(b[99]).toBe(3);
    for (let i = 1; i < 100; i++) expect(b[i]!).toBeGreaterThanOrEqual(b[i - 1]!);
    expect(bucketRanks(Uint32Array.of(0, 1, 2), 3, 2)).toEqual(Uint32Array.of(0, 1, 2));
  });

  it('orders a grid so that every run of 16 rows is a 4×4 box (files then cover small ranges of both columns)', () => {
    // 16×16 grid in row-major order, values shuffled through a permutation so rank ≠ position
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) { xs.push(i * 7); ys.push(1000 - j * 3); }
    const table = tableFromArrays({ x: Int32Array.from(xs), y: Int32Array.from(ys) });
    const order = zOrderPermutation(table, ['x', 'y']);
    expect(new Set(order).size).toBe(256);
    for (let f = 0; f < 16; f++) {
      const rows = order.slice(f * 16, f * 16 + 16);
      const fx = new Set(rows.map((r) => xs[r]));
      const fy = new Set(rows.map((r) => ys[r]));
      expect(fx.size).toBe(4);
      expect(fy.size).toBe(4);
    }
    // a linear sort by x would give 1 x-value and 16 y-values per run: Z-order is the balance
  });
});

describe('gathering rows across batches', () => {
  it('takes rows in any order from several batches, keeping values, strings and nulls', async () => {
    const { gatherRows } = await import('../../../storage/delta/operations/zorder_take.js');
    const { Table: ArrowTable, Utf8, Int32, vectorFromArray, makeTable } = await import('apache-arrow');
    const part = (n: (number | null)[], str: (string | null)[]) => makeTable({ n: vectorFromArray(n, new Int32()).data[0]!, s: vectorFromArray(str, new Utf8()).data[0]! });
    const a = part([1, 2, 3], ['a', 'bb', 'ccc']);
    const c = part([4, null], ['dddd', null]);
    const t = new ArrowTable(a.schema, [...a.batches, ...c.batches.map((b) => b)]);
    const out = gatherRows(t, [4, 0, 3, 2, 1]);
    expect(out.batches.length).toBe(1);
    expect([...out.getChild('n')!]).toEqual([null, 1, 4, 3, 2]);
    expect([...out.getChild('s')!]).toEqual([null, 'a', 'dddd', 'ccc', 'bb']);
  });
});
