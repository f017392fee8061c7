import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import type { Batch } from '../../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import type { ExecContext } from '../../../executor/api.js';
import { createWorkerPool } from '../../../executor/pool.js';
import type { Operator } from '../../../executor/operators/operator.js';
import { SortOperator } from '../../../executor/operators/sort.js';
import { TopNOperator } from '../../../executor/operators/top_n.js';
import type { SortKey } from '../../../planner/logical/nodes.js';
import { Memory } from '../support/memory_operator.js';

const schema: Field[] = [{ name: 'k', type: T.int4, nullable: true }, { name: 'id', type: T.int4, nullable: true }];
/** 30,000 rows in 3,000-row batches: key k has many ties and some NULLs; id is the arrival order */
function input(): Memory {
  const batches: Batch[] = [];
  for (let b = 0; b < 10; b++) {
    const rows: Datum[][] = Array.from({ length: 3000 }, (_, i) => {
      const id = b * 3000 + i;
      return [id % 97 === 0 ? null : (id * 7919) % 1000, id];
    });
    batches.push({ length: rows.length, columns: [0, 1].map((c) => vectorFromDatums(T.int4, rows.map((r) => r[c]!))) });
  }
  return new Memory(schema, batches);
}

const ctx = (): ExecContext => ({ eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n }, pool: createWorkerPool({ threads: 0 }), signal: new AbortController().signal });

async function rows(op: Operator): Promise<Datum[][]> {
  const out: Datum[][] = [];
  for await (const b of op.execute(ctx())) for (let r = 0; r < b.length; r++) out.push(b.columns.map((c) => getDatum(c, r)));
  return out;
}

describe('TopNOperator', () => {
  for (const [name, key] of [
    ['ascending, NULLs last', { descending: false, nullsFirst: false }],
    ['descending, NULLs first', { descending: true, nullsFirst: true }],
  ] as const) {
    it(`equals a stable full sort then OFFSET/LIMIT (${name}), across buffer compactions`, async () => {
      const keys: SortKey[] = [{ expr: { kind: 'column', index: 0, type: T.int4 }, ...key }];
      const all = await rows(new SortOperator(input(), keys));
      const top = await rows(new TopNOperator(input(), keys, 50, 270));
      expect(top.length).toBe(50);
      expect(top).toEqual(all.slice(270, 320));
    });
  }

  it('returns nothing when the offset passes every row, and handles LIMIT 0', async () => {
    const keys: SortKey[] = [{ expr: { kind: 'column', index: 1, type: T.int4 }, descending: false, nullsFirst: false }];
    expect(await rows(new TopNOperator(input(), keys, 10, 30000))).toEqual([]);
    expect(await rows(new TopNOperator(input(), keys, 0, 0))).toEqual([]);
    expect(await rows(new TopNOperator(input(), keys, 2, 29999))).toEqual([[(29999 * 7919) % 1000, 29999]]);
  });
});
