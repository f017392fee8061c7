/**
 * A partial aggregate's fast sums hand their states over packed as they are (FastSum.takePacked): the
 * serialized states must equal, field for field, those of the regular sum accumulator fed the same rows —
 * including groups without rows, all-NULL groups, and the state-object form when a sum leaves 2^52.
 */
import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import { T, numericType } from '../../../common/types.js';
import type { Batch, Vector } from '../../../common/vector.js';
import { scaledNumerics, vectorFromDatums } from '../../../common/vector.js';
import type { AggregateCall, BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { createAccumulator } from '../../../executor/expr/aggregates/accumulator.js';
import { AggregateState } from '../../../executor/scan/aggregate_state.js';

const N152 = numericType(15, 2);
const ctx = { values: {} as never, params: [], statementTime: 0n };
const key: BoundExpr = { kind: 'column', index: 0, type: T.int4 };
const value: BoundExpr = { kind: 'column', index: 1, type: N152 };
const calls: AggregateCall[] = [
  { fn: 'sum', args: [value], distinct: false, filter: null, type: T.numeric },
  { fn: 'avg', args: [value], distinct: false, filter: null, type: T.numeric },
];

/** compact numeric values (as scans give them), NULL where null */
function values(xs: readonly (number | null)[]): Vector {
  return { type: N152, length: xs.length, data: scaledNumerics(2, Float64Array.from(xs, (x) => x ?? 0)), nulls: Uint8Array.from(xs, (x) => (x === null ? 1 : 0)) };
}

function check(keys: readonly Datum[][], vals: readonly (number | null)[][]): void {
  const st = new AggregateState([key], calls, [T.int4, N152], ctx);
  const batches: Batch[] = keys.map((k, i) => ({ length: k.length, columns: [vectorFromDatums(T.int4, k), values(vals[i]!)] }));
  for (const b of batches) st.update(b);
  const got = st.serialize();
  // the regular accumulators over the same rows, with the group ids the partial's keys give
  const ids = new Map<Datum, number>();
  const keyData = got.keys.columns[0]!.data as Int32Array;
  for (let g = 0; g < got.groups; g++) ids.set(keyData[g]!, g);
  calls.forEach((c, j) => {
    const acc = createAccumulator(c, [N152]);
    acc.resize(got.groups);
    for (const b of batches) {
      const gids = Int32Array.from({ length: b.length }, (_, r) => ids.get((b.columns[0]!.data as Int32Array)[r]!)!);
      acc.update(gids, b.length, [b.columns[1]!], null);
    }
    expect(got.states[j]).toEqual(acc.serialize());
  });
}

describe('fast sums serialized packed', () => {
  it('equal the regular accumulator states, groups with only NULLs included', () => {
    check([[1, 2, 3, 1, 2], [4, 1, 5, 5]], [[100, -250, null, 7, 3], [null, 1, 9007199254740, 5]]);
  });

  it('equal them when every value is NULL (scale of no rows)', () => {
    check([[1, 2]], [[null, null]]);
  });

  it('equal them when a group sum leaves 2^52 (state objects)', () => {
    check([[1, 1, 1, 2]], [[4503599627370000, 4503599627370000, 4503599627370000, 5]]);
  });
});
