/**
 * Hash-join probe stages run inside scan tasks: inline and in worker threads (the built side travels with
 * the task), inner with a residual and LEFT keeping unmatched probe rows, giving the same rows either way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Table, vectorFromArray, Int32, Utf8 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum, vectorFromDatums, type Batch } from '../../../common/vector.js';
import { createWorkerPool, resolveWorkerScript, type WorkerPool } from '../../../executor/pool.js';
import { runScanTask, type ScanTask } from '../../../executor/scan/scan_task.js';
import { stageForWorkers, type JoinStage } from '../../../executor/join/join_stage.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

const N = 1000;
let task: ScanTask;
let pool: WorkerPool;

const probeFields = [{ name: 'id', type: T.int4, nullable: true }, { name: 'name', type: T.text, nullable: true }];
const buildFields = [{ name: 'k', type: T.int4, nullable: true }, { name: 'tag', type: T.text, nullable: true }];
// build rows: k = 7 (twice), 500, NULL, 2000 (no partner)
const build: Batch = {
  length: 5,
  columns: [vectorFromDatums(T.int4, [7, 500, 7, null, 2000]), vectorFromDatums(T.text, ['a', 'b', 'c', 'd', 'e'])],
};
const col = (index: number, type = T.int4): BoundExpr => ({ kind: 'column', index, type });

function stage(over: Partial<JoinStage>): JoinStage {
  return {
    id: `test-${Math.random()}`, kind: 'hash', buildLeft: false, keepProbe: false, leftSchema: probeFields, rightSchema: buildFields,
    build, buildKeys: [col(0)], probeKeys: [col(0)], residual: null, ...over,
  };
}

const rows = (bs: readonly Batch[]) => bs.flatMap((b) => Array.from({ length: b.length }, (_, i) => b.columns.map((c) => getDatum(c, i))));
const sorted = (r: unknown[][]) => [...r].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

beforeAll(async () => {
  const store = new LocalObjectStore(mkdtempSync(join(tmpdir(), 'pier-stage-')));
  const ids = Array.from({ length: N }, (_, i) => i);
  const table = new Table({ id: vectorFromArray(ids, new Int32()), name: vectorFromArray(ids.map((i) => `n${i}`), new Utf8()) });
  const bytes = writeParquetBytes(table, { maxRowGroupSize: 100 });
  await store.put('t/part-0.parquet', bytes);
  task = {
    store: store.descriptor, path: 't/part-0.parquet', size: bytes.length, fields: probeFields, columnNames: ['id', 'name'],
    partitionColumns: [], partitionValues: {}, filter: null, limit: null, partialAggregate: null,
    eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n },
  };
  pool = createWorkerPool({ threads: 2 });
});

afterAll(async () => {
  await pool.close();
});

describe('join stages in scan tasks', () => {
  it('inner join probes every row group; build duplicates and NULL keys handled', async () => {
    const r = await runScanTask({ ...task, stages: [stage({})] });
    expect(sorted(rows(r.batches))).toEqual([[500, 'n500', 500, 'b'], [7, 'n7', 7, 'a'], [7, 'n7', 7, 'c']]);
    expect(r.rows).toBe(3);
  });

  it('a residual filters pairs, and a second stage joins the joined rows', async () => {
    const residual: BoundExpr = { kind: 'compare', op: '<>', left: col(3, T.text), right: { kind: 'const', value: 'a', type: T.text }, type: T.bool };
    // second stage: (id, name, k, tag) probe keys id against build2 (x)
    const build2: Batch = { length: 2, columns: [vectorFromDatums(T.int4, [7, 8])] };
    const s2 = stage({ leftSchema: [...probeFields, ...buildFields], rightSchema: [{ name: 'x', type: T.int4, nullable: true }], build: build2 });
    const r = await runScanTask({ ...task, stages: [stage({ residual }), s2] });
    expect(rows(r.batches)).toEqual([[7, 'n7', 7, 'c', 7]]);
  });

  it('LEFT join keeps unmatched probe rows NULL-extended', async () => {
    const r = await runScanTask({ ...task, filter: { kind: 'compare', op: '<', left: col(0), right: { kind: 'const', value: 9, type: T.int4 }, type: T.bool }, stages: [stage({ keepProbe: true })] });
    const got = sorted(rows(r.batches));
    expect(got).toHaveLength(10);
    expect(got.filter((x) => x[2] === null)).toHaveLength(8);
    expect(got.filter((x) => x[0] === 7)).toEqual([[7, 'n7', 7, 'a'], [7, 'n7', 7, 'c']]);
  });

  it('runs the same stages in worker threads (needs `npm run build`)', async () => {
    expect(resolveWorkerScript()).not.toBeNull();
    expect(pool.mode).toBe('threads');
    const s = stage({});
    const parts = await Promise.all([0, 1, 2].map((index) => pool.runScan!({ ...task, split: { index, count: 3 }, stages: [s] })));
    expect(sorted(parts.flatMap((p) => rows(p.batches)))).toEqual([[500, 'n500', 500, 'b'], [7, 'n7', 7, 'a'], [7, 'n7', 7, 'c']]);
  });

  it('a stage prepared for the workers (table and rows in shared memory) gives the same rows', async () => {
    const s = stageForWorkers(stage({ keepProbe: true }), task.eval);
    expect(s.table?.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(s.build?.columns[0]!.data).toHaveProperty('buffer', expect.any(SharedArrayBuffer));
    const filter: BoundExpr = { kind: 'compare', op: '<', left: col(0), right: { kind: 'const', value: 9, type: T.int4 }, type: T.bool };
    const parts = await Promise.all([0, 1].map((index) => pool.runScan!({ ...task, filter, split: { index, count: 2 }, stages: [s] })));
    const got = sorted(parts.flatMap((p) => rows(p.batches)));
    expect(got).toHaveLength(10);
    expect(got.filter((x) => x[0] === 7)).toEqual([[7, 'n7', 7, 'a'], [7, 'n7', 7, 'c']]);
    expect(got.filter((x) => x[2] === null)).toHaveLength(8);
  });
});
