import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { Field, SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import type { ExecContext } from '../../../executor/api.js';
import { createWorkerPool } from '../../../executor/pool.js';
import { DistinctOperator } from '../../../executor/operators/distinct.js';
import { HashAggregateOperator } from '../../../executor/operators/hash_aggregate.js';
import { HashJoinOperator } from '../../../executor/operators/hash_join.js';
import { LimitOperator } from '../../../executor/operators/limit.js';
import { NestedLoopJoinOperator } from '../../../executor/operators/nested_loop_join.js';
import type { Operator } from '../../../executor/operators/operator.js';
import { SortOperator } from '../../../executor/operators/sort.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { Memory } from '../support/memory_operator.js';

function mem(types: SqlType[], ...batches: Datum[][][]): Memory {
  const schema: Field[] = types.map((type, i) => ({ name: `c${i}`, type, nullable: true }));
  return new Memory(schema, batches.map((rows) => ({ length: rows.length, columns: types.map((t, c) => vectorFromDatums(t, rows.map((r) => r[c]!))) })));
}

const ctx = (): ExecContext => ({ eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n }, pool: createWorkerPool({ threads: 0 }), signal: new AbortController().signal });
const col = (index: number, type: SqlType): BoundExpr => ({ kind: 'column', index, type });

async function rows(op: Operator, c = ctx()): Promise<Datum[][]> {
  const out: Datum[][] = [];
  for await (const b of op.execute(c)) for (let r = 0; r < b.length; r++) out.push(b.columns.map((v) => getDatum(v, r)));
  return out;
}

describe('operators over in-memory batches', () => {
  it('Sort is stable, multi-key, with NULL placement', async () => {
    const input = mem([T.int4, T.text], [[2, 'a'], [null, 'b'], [1, 'c']], [[2, 'd'], [1, 'e']]);
    const asc = new SortOperator(input, [{ expr: col(0, T.int4), descending: false, nullsFirst: false }]);
    expect(await rows(asc)).toEqual([[1, 'c'], [1, 'e'], [2, 'a'], [2, 'd'], [null, 'b']]);
    const desc = new SortOperator(input, [{ expr: col(0, T.int4), descending: true, nullsFirst: true }, { expr: col(1, T.text), descending: true, nullsFirst: true }]);
    expect(await rows(desc)).toEqual([[null, 'b'], [2, 'd'], [2, 'a'], [1, 'e'], [1, 'c']]);
  });

  it('Limit applies the offset across batches and stops pulling early', async () => {
    const input = mem([T.int4], [[1], [2]], [[3], [4]], [[5], [6]]);
    expect(await rows(new LimitOperator(input, 2, 1))).toEqual([[2], [3]]);
    expect(input.pulled).toBe(2);
  });

  it('Distinct keeps the first of equal rows, NULLs equal', async () => {
    const input = mem([T.int4, T.text], [[1, 'a'], [null, null], [1, 'a']], [[null, null], [2, 'a']]);
    expect(await rows(new DistinctOperator(input))).toEqual([[1, 'a'], [null, null], [2, 'a']]);
  });

  it('HashJoin full outer: NULL keys never match; unmatched rows of both sides', async () => {
    const left = mem([T.int4, T.text], [[1, 'l1'], [2, 'l2'], [null, 'ln']]);
    const right = mem([T.int4, T.text], [[2, 'r2'], [3, 'r3'], [null, 'rn'], [2, 'r2b']]);
    const schema = [...left.schema, ...right.schema];
    for (const buildSide of ['left', 'right'] as const) {
      const j = new HashJoinOperator(schema, 'full', left, right, [col(0, T.int4)], [col(0, T.int4)], null, buildSide);
      const got = (await rows(j)).map((r) => `${r[1]}|${r[3]}`).sort();
      expect(got).toEqual(['l1|null', 'l2|r2', 'l2|r2b', 'ln|null', 'null|r3', 'null|rn']);
    }
  });

  it('NestedLoopJoin left join with a non-equi condition', async () => {
    const left = mem([T.int4], [[1], [5]]);
    const right = mem([T.int4], [[2], [3]]);
    const cond: BoundExpr = { kind: 'compare', op: '<', left: col(0, T.int4), right: col(1, T.int4), type: T.bool };
    const j = new NestedLoopJoinOperator([...left.schema, ...right.schema], 'left', left, right, cond);
    expect(await rows(j)).toEqual([[1, 2], [1, 3], [5, null]]);
  });

  it('HashAggregate groups NULL keys together and counts', async () => {
    const input = mem([T.text, T.int4], [['a', 1], [null, 2], ['a', null]], [[null, 4]]);
    const op = new HashAggregateOperator(
      [{ name: 'c0', type: T.text, nullable: true }, { name: 'count', type: T.int8, nullable: false }, { name: 'sum', type: T.int8, nullable: true }],
      input,
      [col(0, T.text)],
      [
        { fn: 'count', args: [col(1, T.int4)], distinct: false, filter: null, type: T.int8 },
        { fn: 'sum', args: [col(1, T.int4)], distinct: false, filter: null, type: T.int8 },
      ],
      null,
    );
    expect(await rows(op)).toEqual([['a', 1n, 1n], [null, 2n, 6n]]);
  });

  it('stops with 57014 when the signal aborts', async () => {
    const input = mem([T.int4], [[1]], [[2]]);
    const ac = new AbortController();
    const c = { ...ctx(), signal: ac.signal };
    const it = new LimitOperator(input, null, 0).execute(c)[Symbol.asyncIterator]();
    await it.next();
    ac.abort();
    await expect(it.next()).rejects.toMatchObject({ sqlstate: '57014' });
  });
});
