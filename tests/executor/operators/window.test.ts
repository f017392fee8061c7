import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { Field, SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import type { ExecContext } from '../../../executor/api.js';
import { WindowOperator } from '../../../executor/operators/window.js';
import { createWorkerPool } from '../../../executor/pool.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import type { FrameBound, WindowCall, WindowFrame, WindowSpec } from '../../../planner/logical/window_call.js';
import { Memory } from '../support/memory_operator.js';

function mem(types: SqlType[], ...batches: Datum[][][]): Memory {
  const schema: Field[] = types.map((type, i) => ({ name: `c${i}`, type, nullable: true }));
  return new Memory(schema, batches.map((rows) => ({ length: rows.length, columns: types.map((t, c) => vectorFromDatums(t, rows.map((r) => r[c]!))) })));
}

const ctx = (): ExecContext => ({ eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n }, pool: createWorkerPool({ threads: 0 }), signal: new AbortController().signal });
const col = (index: number, type: SqlType = T.int4): BoundExpr => ({ kind: 'column', index, type });
const int8 = (n: number): BoundExpr => ({ kind: 'const', value: BigInt(n), type: T.int8 });

async function run(input: Memory, calls: WindowCall[]): Promise<Datum[][]> {
  const schema = [...input.schema, ...calls.map((c, i) => ({ name: `w${i}`, type: c.type, nullable: true }))];
  const op = new WindowOperator(schema, input, calls);
  const out: Datum[][] = [];
  for await (const b of op.execute(ctx())) for (let r = 0; r < b.length; r++) out.push(b.columns.map((v) => getDatum(v, r)));
  return out;
}

const DEFAULT_FRAME: WindowFrame = { mode: 'range', start: { kind: 'unbounded_preceding' }, end: { kind: 'current_row' }, exclude: 'no_others' };

function spec(partitionBy: BoundExpr[], orderBy: BoundExpr[], frame: WindowFrame = DEFAULT_FRAME): WindowSpec {
  return { partitionBy, orderBy: orderBy.map((expr) => ({ expr, descending: false, nullsFirst: false })), frame };
}

describe('WindowOperator', () => {
  it('appends one column per call and emits rows in the window order, across input batches', async () => {
    const input = mem([T.int4, T.int4], [[2, 10], [1, 30]], [[2, 20], [1, 5], [null, 7]]);
    const s = spec([col(0)], [col(1)]);
    const out = await run(input, [
      { fn: 'row_number', args: [], filter: null, spec: s, type: T.int8 },
      { fn: 'sum', args: [col(1)], filter: null, spec: s, type: T.int8 },
    ]);
    expect(out).toEqual([
      [1, 5, 1n, 5n], [1, 30, 2n, 35n],
      [2, 10, 1n, 10n], [2, 20, 2n, 30n],
      [null, 7, 1n, 7n],
    ]);
  });

  it('ranks peers alike and reads lag/lead defaults at the current row', async () => {
    const input = mem([T.int4, T.text], [[1, 'a'], [1, 'b'], [2, 'c'], [3, 'd']]);
    const s = spec([], [col(0)]);
    const out = await run(input, [
      { fn: 'rank', args: [], filter: null, spec: s, type: T.int8 },
      { fn: 'dense_rank', args: [], filter: null, spec: s, type: T.int8 },
      { fn: 'lag', args: [col(1, T.text), { kind: 'const', value: 2, type: T.int4 }, col(1, T.text)], filter: null, spec: s, type: T.text },
      { fn: 'count_star', args: [], filter: null, spec: s, type: T.int8 },
    ]);
    expect(out.map((r) => r.slice(2))).toEqual([
      [1n, 1n, 'a', 2n], [1n, 1n, 'b', 2n], [3n, 2n, 'a', 3n], [4n, 3n, 'b', 4n],
    ]);
  });

  it('sliding, running and whole-partition frames agree with a brute-force evaluation', async () => {
    // deterministic pseudo-random data: partition 0..3, order key 0..9 (many peers), value with NULLs
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const rows: Datum[][] = Array.from({ length: 300 }, () => [rnd(4), rnd(10), rnd(5) === 0 ? null : rnd(100)]);
    const bound = (kind: FrameBound['kind'], n = 0): FrameBound => (kind === 'preceding' || kind === 'following' ? { kind, offset: int8(n), bound: null, key: null } : { kind });
    const frames: WindowFrame[] = [
      { mode: 'rows', start: bound('preceding', 2), end: bound('following', 1), exclude: 'no_others' },
      { mode: 'rows', start: bound('unbounded_preceding'), end: bound('preceding', 1), exclude: 'no_others' },
      { mode: 'rows', start: bound('current_row'), end: bound('unbounded_following'), exclude: 'no_others' },
      { mode: 'groups', start: bound('preceding', 1), end: bound('following', 1), exclude: 'no_others' },
      { mode: 'range', start: bound('unbounded_preceding'), end: bound('unbounded_following'), exclude: 'no_others' },
      DEFAULT_FRAME,
    ];
    // sum takes the prefix-sum path, max the accumulator paths (whole partition, running, general)
    const calls: WindowCall[] = [
      ...frames.map((frame): WindowCall => ({ fn: 'sum', args: [col(2)], filter: null, spec: spec([col(0)], [col(1)], frame), type: T.int8 })),
      ...frames.map((frame): WindowCall => ({ fn: 'max', args: [col(2)], filter: null, spec: spec([col(0)], [col(1)], frame), type: T.int4 })),
    ];
    const out = await run(mem([T.int4, T.int4, T.int4], rows), calls);
    expect(out).toHaveLength(300);
    // brute force: the partition sorted by (key, input order) — the output is in that order too
    for (const r of out) {
      const part = out.filter((x) => x[0] === r[0]);
      const j = part.indexOf(r);
      const key = r[1] as number;
      const groups = [...new Set(part.map((x) => x[1] as number))];
      const g = groups.indexOf(key);
      const inFrame: ((x: Datum[], i: number) => boolean)[] = [
        (_x, i) => i >= j - 2 && i <= j + 1,
        (_x, i) => i <= j - 1,
        (_x, i) => i >= j,
        (x) => Math.abs(groups.indexOf(x[1] as number) - g) <= 1,
        () => true,
        (x) => (x[1] as number) <= key,
      ];
      inFrame.forEach((f, k) => {
        const vals = part.filter((x, i) => f(x, i)).map((x) => x[2]).filter((v): v is number => v !== null);
        const sum = vals.length === 0 ? null : BigInt(vals.reduce((a, b) => a + b, 0));
        const max = vals.length === 0 ? null : Math.max(...vals);
        expect(r[3 + k], `sum, frame ${k}, row ${j} of partition ${String(r[0])}`).toBe(sum);
        expect(r[3 + frames.length + k], `max, frame ${k}, row ${j} of partition ${String(r[0])}`).toBe(max);
      });
    }
  });
});
