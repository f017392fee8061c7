import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { GroupTable } from '../../../executor/operators/group_table.js';

/** Feed batches through a GroupTable and through a Map; ids and key vectors must agree. */
function check(type: SqlType, batches: readonly (readonly Datum[])[]): GroupTable {
  const t = new GroupTable([type]);
  const seen = new Map<string, number>();
  const order: Datum[] = [];
  for (const b of batches) {
    const ids = t.assign([vectorFromDatums(type, [...b])], b.length);
    const expected = b.map((v) => {
      const k = v === null ? 'null' : String(v);
      if (!seen.has(k)) {
        seen.set(k, seen.size);
        order.push(v);
      }
      return seen.get(k)!;
    });
    expect(Array.from(ids)).toEqual(expected);
    expect(t.size).toBe(seen.size);
  }
  const kv = t.keyVectors()[0]!;
  expect(Array.from({ length: t.size }, (_, g) => getDatum(kv, g))).toEqual(order);
  return t;
}

const shuffled = (n: number, from: number, step = 7919): number[] => Array.from({ length: n }, (_, i) => from + ((i * step) % n));

describe('GroupTable over one dense integer key (direct map)', () => {
  it('groups unsorted int8 keys of a dense range in first-seen order across batches', () => {
    const a = shuffled(30_000, 1).map(BigInt);
    const b = shuffled(30_000, 1, 104_729).map(BigInt);
    check(T.int8, [a, b, a.slice(0, 100)]);
  });

  it('widens the range below and above the keys seen so far', () => {
    const mid = shuffled(5_000, 100_000);
    const below = shuffled(5_000, 90_000);
    const above = shuffled(5_000, 110_000);
    check(T.int4, [mid, below, above, [...mid, ...below, ...above].reverse()]);
  });

  it('takes over groups appended as sorted runs, and sorted runs after direct batches', () => {
    const sorted = Array.from({ length: 2_000 }, (_, i) => BigInt(i));
    const unsorted = shuffled(3_000, 500).map(BigInt);
    const sortedAbove = Array.from({ length: 1_000 }, (_, i) => BigInt(10_000 + i));
    check(T.int8, [sorted, unsorted, sortedAbove, shuffled(4_000, 0, 101).map(BigInt)]);
  });

  it('falls back to hashing for NULLs, int8 values beyond int32 and sparse ranges, keeping earlier groups', () => {
    const dense = shuffled(1_000, 0).map(BigInt);
    check(T.int8, [dense, [5n, null, 7n, 2_000n], [-(2n ** 40n), 3n, 2n ** 40n], dense]);
    check(T.int8, [dense, [5n, 2n ** 33n + 5n, 6n], dense]);
    check(T.int4, [shuffled(100, 0), [0, 2_000_000_000, -2_000_000_000, 50], shuffled(100, 0)]);
  });

  it('handles int2 and date keys, including negative values', () => {
    check(T.int2, [[-5, 3, -5, 32767, -32768], [0, 3, -32768]]);
    check(T.date, [shuffled(1_000, -500), [-500, 499, 0]]);
  });
});
