/**
 * DisjointPartials (executor/aggregate/disjoint_partials.ts): partial aggregates whose key ranges are apart
 * (or, with one key column, touch at a shared end) finish without a group table — the rows, their order and
 * every value (numeric scales included) must be those of merging the partials through AggregateState.
 * Partials that overlap otherwise are refused.
 */
import { describe, expect, it } from 'vitest';
import type { Datum, Numeric } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T, numericType } from '../../../common/types.js';
import type { Batch } from '../../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import type { AggregateCall, BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { DisjointPartials } from '../../../executor/aggregate/disjoint_partials.js';
import { AggregateState, type PartialAggregateResult } from '../../../executor/scan/aggregate_state.js';

const N152 = numericType(15, 2);
const num = (unscaled: bigint, scale = 2): Numeric => ({ unscaled, scale });
const ctx = { values: {} as never, params: [], statementTime: 0n };
const col = (index: number, type: SqlType): BoundExpr => ({ kind: 'column', index, type });

/** input columns: key columns, then a numeric(15,2) value */
function aggs(keyCount: number): AggregateCall[] {
  const v = col(keyCount, N152);
  return [
    { fn: 'sum', args: [v], distinct: false, filter: null, type: T.numeric },
    { fn: 'count_star', args: [], distinct: false, filter: null, type: T.int8 },
    { fn: 'avg', args: [v], distinct: false, filter: null, type: T.numeric },
    { fn: 'max', args: [v], distinct: false, filter: null, type: N152 },
  ];
}

/** One scan task's partial: rows of (keys…, value). */
function partial(types: readonly SqlType[], rows: readonly (readonly Datum[])[]): PartialAggregateResult {
  const keys = types.map((t, i) => col(i, t));
  const st = new AggregateState(keys, aggs(types.length), [...types, N152], ctx);
  const b: Batch = { length: rows.length, columns: [...types, N152].map((t, c) => vectorFromDatums(t, rows.map((r) => r[c]!))) };
  st.update(b);
  return st.serialize();
}

function rowsOf(b: Batch): Datum[][] {
  return Array.from({ length: b.length }, (_, r) => b.columns.map((v) => getDatum(v, r)));
}

/** The merged answer and the disjoint one (null: a partial was refused). */
function both(types: readonly SqlType[], parts: readonly PartialAggregateResult[]): { merged: Batch; disjoint: Batch | null } {
  const st = new AggregateState(types.map((t, i) => col(i, t)), aggs(types.length), [...types, N152], ctx);
  for (const p of parts) st.merge(p);
  const d = new DisjointPartials(types);
  for (const p of parts) if (!d.add(p)) return { merged: st.finish(), disjoint: null };
  return { merged: st.finish(), disjoint: d.finish(aggs(types.length)) };
}

function sameAnswer(types: readonly SqlType[], parts: readonly PartialAggregateResult[]): void {
  const { merged, disjoint } = both(types, parts);
  expect(disjoint).not.toBeNull();
  expect(disjoint!.length).toBe(merged.length);
  expect(rowsOf(disjoint!)).toEqual(rowsOf(merged));
}

describe('DisjointPartials', () => {
  it('finishes partials with apart int keys, text attributes carried (GROUP BY c_custkey, c_name: q10)', () => {
    const types = [T.int4, T.text];
    const a = partial(types, [[5, 'e', num(100n)], [1, 'a', num(250n)], [5, 'e', num(1n)], [3, 'c', null]]);
    const b = partial(types, [[20, 't', num(-7n)], [11, 'k', num(3n)], [20, 'u', num(9n)]]);
    sameAnswer(types, [a, b]);
  });

  it('merges groups at shared range ends of one sorted bigint key (orders spanning row groups: q18)', () => {
    const types = [T.int8];
    const run = (from: number, to: number, seed: number) => Array.from({ length: to - from + 1 }, (_, i): Datum[] => [BigInt(from + i), num(BigInt(((from + i) * seed) % 1000))]);
    // 1..10 | 10..20 | 20..20 (a one-key partial) | 20..30 | 41..50, and unsorted rows inside a partial
    const last = run(41, 50, 7).reverse();
    sameAnswer(types, [partial(types, run(1, 10, 3)), partial(types, run(10, 20, 5)), partial(types, run(20, 20, 11)), partial(types, run(20, 30, 13)), partial(types, last)]);
  });

  it('merges shared ends whose partials arrive out of key order, with NULL-only sums', () => {
    const types = [T.int4];
    const p1 = partial(types, [[10, null], [11, num(5n)], [15, num(1n)]]);
    const p2 = partial(types, [[1, num(2n)], [5, num(3n)], [10, num(4n)]]);
    const p3 = partial(types, [[15, null], [18, null]]);
    sameAnswer(types, [p1, p2, p3]);
  });

  it('refuses ranges that overlap more than at their ends, or a one-key partial inside another range', () => {
    const types = [T.int4];
    expect(both(types, [partial(types, [[1, num(1n)], [9, num(1n)]]), partial(types, [[5, num(1n)], [12, num(1n)]])]).disjoint).toBeNull();
    expect(both(types, [partial(types, [[1, num(1n)], [9, num(1n)]]), partial(types, [[5, num(1n)]])]).disjoint).toBeNull();
  });

  it('refuses touching ranges under several key columns (a shared key need not be one group)', () => {
    const types = [T.int4, T.text];
    const a = partial(types, [[1, 'x', num(1n)], [5, 'x', num(1n)]]);
    const b = partial(types, [[5, 'y', num(1n)], [8, 'y', num(1n)]]);
    expect(both(types, [a, b]).disjoint).toBeNull();
  });

  it('refuses NULL keys, and keys that are not integer-like', () => {
    expect(both([T.int4], [partial([T.int4], [[null, num(1n)]]), partial([T.int4], [[7, num(1n)]])]).disjoint).toBeNull();
    expect(new DisjointPartials([T.text]).active).toBe(false);
  });

  it('gives the accumulator its way when a shared group leaves the exact number range', () => {
    const types = [T.int8];
    const huge = num(9_000_000_000_000_000n);
    sameAnswer(types, [partial(types, [[1n, num(1n)], [2n, huge]]), partial(types, [[2n, huge], [3n, num(1n)]])]);
  });
});
