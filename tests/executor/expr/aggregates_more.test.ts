/**
 * The new accumulators keep the partial-aggregation contract: states folded in two halves, serialized
 * (structured clone, as between workers) and merged, finalize to the same values as one pass.
 */
import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { createAccumulator } from '../../../executor/expr/aggregates/accumulator.js';
import type { AggregateCall, BoundExpr } from '../../../planner/bind/expr/bound_expr.js';

const col = (index: number, type: SqlType): BoundExpr => ({ kind: 'column', index, type });

/** rows: [group, ...args]; returns the final value per group, one pass and split + merged */
function run(call: AggregateCall, types: readonly SqlType[], rows: readonly (readonly Datum[])[], groups: number): { single: Datum[]; merged: Datum[] } {
  const fold = (part: readonly (readonly Datum[])[]) => {
    const acc = createAccumulator(call, types);
    acc.resize(groups);
    const ids = Int32Array.from(part.map((r) => r[0] as number));
    acc.update(ids, part.length, types.map((t, k) => vectorFromDatums(t, part.map((r) => r[k + 1]!))), null);
    return acc;
  };
  const values = (v: ReturnType<ReturnType<typeof fold>['finalize']>) => Array.from({ length: groups }, (_, i) => getDatum(v, i));
  const single = values(fold(rows).finalize());
  const half = Math.floor(rows.length / 2);
  const a = fold(rows.slice(0, half));
  const b = fold(rows.slice(half));
  a.merge(structuredClone(b.serialize()), Int32Array.from({ length: groups }, (_, i) => i));
  return { single, merged: values(a.finalize()) };
}

const call = (fn: string, args: BoundExpr[], type: SqlType, extra: Partial<AggregateCall> = {}): AggregateCall => ({ fn, args, distinct: false, filter: null, type, ...extra });

describe('more accumulators: partial states merge', () => {
  it('var_samp / stddev_pop over integers are exact numerics', () => {
    const rows = [[0, 1], [0, 2], [0, 4], [1, 5], [0, 8], [1, 5]];
    const v = run(call('var_samp', [col(0, T.int4)], T.numeric), [T.int4], rows, 2);
    expect(v.single).toEqual(v.merged);
    // (1,2,4,8): mean 3.75, Σ(x−m)² = 28.75, / 3 = 9.5833333333333333 (PostgreSQL's 16 significant digits)
    expect(v.single[0]).toEqual({ unscaled: 95833333333333333n, scale: 16 });
    const p = run(call('stddev_pop', [col(0, T.int4)], T.numeric), [T.int4], rows, 2);
    expect(p.merged[1]).toEqual({ unscaled: 0n, scale: 0 });
  });

  it('stddev over floats (Youngs–Cramer, combined)', () => {
    const rows = [[0, 0.5], [0, 1.5], [0, 2.5], [0, 3.5]];
    const v = run(call('stddev_samp', [col(0, T.float8)], T.float8), [T.float8], rows, 1);
    expect(v.single[0]).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(v.merged[0]).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('string_agg keeps the order and drops the first separator once', () => {
    const rows = [[0, 'a', ','], [0, 'b', ';'], [0, null, '!'], [0, 'c', '-']];
    const v = run(call('string_agg', [col(0, T.text), col(1, T.text)], T.text), [T.text, T.text], rows, 1);
    expect(v.single).toEqual(['a;b-c']);
    expect(v.merged).toEqual(['a;b-c']);
  });

  it('bool_and / bool_or ignore NULLs', () => {
    const rows = [[0, true], [0, null], [0, false], [1, null]];
    expect(run(call('bool_and', [col(0, T.bool)], T.bool), [T.bool], rows, 2).merged).toEqual([false, null]);
    expect(run(call('bool_or', [col(0, T.bool)], T.bool), [T.bool], rows, 2).merged).toEqual([true, null]);
  });

  it('ORDER BY inside the call sorts the collected rows (descending here)', () => {
    const rows = [[0, 'x', ',', 2], [0, 'y', ',', 3], [0, 'z', ',', 1]];
    const c = call('string_agg', [col(0, T.text), col(1, T.text), col(2, T.int4)], T.text, { order: [{ descending: true, nullsFirst: true }] });
    const v = run(c, [T.text, T.text, T.int4], rows, 1);
    expect(v.single).toEqual(['y,x,z']);
    expect(v.merged).toEqual(['y,x,z']);
  });

  it('percentile_cont / percentile_disc / mode WITHIN GROUP', () => {
    const rows = [[0, 0.5, 4], [0, 0.5, 1], [0, 0.5, 3], [0, 0.5, 2]];
    const within = { order: [{ descending: false, nullsFirst: false }], withinGroup: true };
    expect(run(call('percentile_cont', [col(0, T.float8), col(1, T.float8)], T.float8, within), [T.float8, T.float8], rows, 1).merged).toEqual([2.5]);
    expect(run(call('percentile_disc', [col(0, T.float8), col(1, T.int4)], T.int4, within), [T.float8, T.int4], rows, 1).merged).toEqual([2]);
    const modeRows = [[0, 3], [0, 1], [0, 3], [0, 1], [0, 2]];
    expect(run(call('mode', [col(0, T.int4)], T.int4, within), [T.int4], modeRows, 1).merged).toEqual([1]);
  });

  it('DISTINCT over two arguments de-duplicates whole argument rows', () => {
    const rows = [[0, 'a', ','], [0, 'a', ','], [0, 'b', ',']];
    const c = call('string_agg', [col(0, T.text), col(1, T.text), col(0, T.text)], T.text, { distinct: true, order: [{ descending: false, nullsFirst: false }] });
    expect(run(c, [T.text, T.text, T.text], rows, 1).merged).toEqual(['a,b']);
  });
});
