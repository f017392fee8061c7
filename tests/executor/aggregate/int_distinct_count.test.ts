import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { createAccumulator } from '../../../executor/expr/aggregates/accumulator.js';
import type { AggregateCall } from '../../../planner/bind/expr/bound_expr.js';

const call = (type: SqlType): AggregateCall => ({ fn: 'count', args: [{ kind: 'column', index: 0, type }], distinct: true, filter: null, type: T.int8 });

/** Reference: distinct non-NULL values per group (filter: only rows where it is true). */
function expected(groups: number, ids: readonly number[], vals: readonly Datum[], filter?: readonly (boolean | null)[]): bigint[] {
  const sets = Array.from({ length: groups }, () => new Set<string>());
  ids.forEach((g, i) => {
    if (vals[i] !== null && (filter === undefined || filter[i] === true)) sets[g]!.add(String(vals[i]));
  });
  return sets.map((s) => BigInt(s.size));
}

function finalCounts(acc: ReturnType<typeof createAccumulator>, n: number): Datum[] {
  const v = acc.finalize();
  return Array.from({ length: n }, (_, g) => getDatum(v, g));
}

function rand(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
}

describe('count(DISTINCT integer) accumulator', () => {
  it('counts distinct values per group across batches, skipping NULLs and honoring FILTER', () => {
    const r = rand(7);
    const groups = 50;
    const ids: number[] = [], vals: Datum[] = [], filt: (boolean | null)[] = [];
    for (let i = 0; i < 20_000; i++) {
      ids.push(Math.floor(r() * groups));
      vals.push(r() < 0.05 ? null : BigInt(Math.floor(r() * 300) - 150));
      filt.push(r() < 0.1 ? null : r() < 0.8);
    }
    const acc = createAccumulator(call(T.int8), [T.int8]);
    acc.resize(groups);
    for (let o = 0; o < ids.length; o += 3_000) {
      const end = Math.min(ids.length, o + 3_000);
      acc.update(Int32Array.from(ids.slice(o, end)), end - o, [vectorFromDatums(T.int8, vals.slice(o, end))], vectorFromDatums(T.bool, filt.slice(o, end)));
    }
    expect(finalCounts(acc, groups)).toEqual(expected(groups, ids, vals, filt));
  });

  it('merges serialized partials through the group mapping', () => {
    const r = rand(11);
    const parts = [0, 1, 2].map(() => {
      const ids: number[] = [], vals: Datum[] = [];
      for (let i = 0; i < 5_000; i++) {
        ids.push(Math.floor(r() * 20));
        vals.push(Math.floor(r() * 1_000));
      }
      const acc = createAccumulator(call(T.int4), [T.int4]);
      acc.resize(20);
      acc.update(Int32Array.from(ids), ids.length, [vectorFromDatums(T.int4, vals)], null);
      return { ids, vals, state: acc.serialize() };
    });
    // partial group g → final group (g * 3) % 10: several partial groups meet in one final group
    const mapping = Int32Array.from({ length: 20 }, (_, g) => (g * 3) % 10);
    const fin = createAccumulator(call(T.int4), [T.int4]);
    fin.resize(10);
    for (const p of parts) fin.merge(structuredClone(p.state), mapping);
    const allIds = parts.flatMap((p) => p.ids.map((g) => mapping[g]!));
    const allVals = parts.flatMap((p) => p.vals);
    expect(finalCounts(fin, 10)).toEqual(expected(10, allIds, allVals));
  });

  it('stays exact for int8 values beyond int32, before and after packed pairs', () => {
    const big = 2n ** 40n;
    const ids = [0, 0, 1, 1, 0, 1, 2, 2];
    const vals: Datum[] = [5n, 5n, 7n, -3n, big, big, -big, -big];
    const acc = createAccumulator(call(T.int8), [T.int8]);
    acc.resize(3);
    acc.update(Int32Array.from(ids.slice(0, 4)), 4, [vectorFromDatums(T.int8, vals.slice(0, 4))], null);
    acc.update(Int32Array.from(ids.slice(4)), 4, [vectorFromDatums(T.int8, vals.slice(4))], null);
    acc.update(Int32Array.from([0, 1]), 2, [vectorFromDatums(T.int8, [5n, 9n])], null);
    expect(finalCounts(acc, 3)).toEqual([2n, 4n, 1n]);
    // a wide partial merges into a packed one and the reverse
    const packed = createAccumulator(call(T.int8), [T.int8]);
    packed.resize(3);
    packed.update(Int32Array.from([0, 2]), 2, [vectorFromDatums(T.int8, [5n, 1n])], null);
    packed.merge(structuredClone(acc.serialize()), Int32Array.from([0, 1, 2]));
    expect(finalCounts(packed, 3)).toEqual([2n, 4n, 2n]);
  });

  it('handles int2 and date values, groups without values count 0', () => {
    const a = createAccumulator(call(T.int2), [T.int2]);
    a.resize(3);
    a.update(Int32Array.from([0, 0, 0, 2]), 4, [vectorFromDatums(T.int2, [-32768, 32767, -32768, null])], null);
    expect(finalCounts(a, 3)).toEqual([2n, 0n, 0n]);
    const d = createAccumulator(call(T.date), [T.date]);
    d.resize(2);
    d.update(Int32Array.from([1, 1, 1]), 3, [vectorFromDatums(T.date, [-700, 19_000, -700])], null);
    expect(finalCounts(d, 2)).toEqual([0n, 2n]);
  });
});
