/**
 * Scan tasks with `output`: the filter runs over every read column, the task returns only the output columns
 * (columns used only by the filter are not returned), and a partial aggregate is over the output columns.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Int32, Table, vectorFromArray } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum } from '../../../common/vector.js';
import { runScanTask, type ScanTask } from '../../../executor/scan/scan_task.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

let base: ScanTask;

beforeAll(async () => {
  const store = new LocalObjectStore(mkdtempSync(join(tmpdir(), 'pier-scan-output-')));
  const ids = Array.from({ length: 10 }, (_, i) => i);
  const table = new Table({
    a: vectorFromArray(ids, new Int32()),
    b: vectorFromArray(ids.map((i) => i * 10), new Int32()),
    c: vectorFromArray(ids.map((i) => i % 3), new Int32()),
  });
  const bytes = writeParquetBytes(table, { maxRowGroupSize: 4 });
  await store.put('t/part-0.parquet', bytes);
  const b: BoundExpr = { kind: 'column', index: 1, type: T.int4 };
  base = {
    store: store.descriptor, path: 't/part-0.parquet', size: bytes.length,
    fields: [{ name: 'a', type: T.int4, nullable: true }, { name: 'b', type: T.int4, nullable: true }, { name: 'c', type: T.int4, nullable: true }],
    columnNames: ['a', 'b', 'c'],
    partitionColumns: [], partitionValues: {},
    // b >= 50: b is read for the filter only
    filter: { kind: 'compare', op: '>=', left: b, right: { kind: 'const', value: 50, type: T.int4 }, type: T.bool },
    limit: null, partialAggregate: null,
    eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n },
  };
});

const rows = (r: Awaited<ReturnType<typeof runScanTask>>) => r.batches.flatMap((b) => Array.from({ length: b.length }, (_, i) => b.columns.map((c) => getDatum(c, i))));

describe('scan task output columns', () => {
  it('filters on every read column and returns only the output columns, in output order', async () => {
    const r = await runScanTask({ ...base, output: [2, 0] });
    expect(r.batches.every((b) => b.columns.length === 2)).toBe(true);
    expect(rows(r)).toEqual([[2, 5], [0, 6], [1, 7], [2, 8], [0, 9]]);
    expect(r.rows).toBe(5);
  });

  it('returns only the output columns of row groups the filter keeps whole', async () => {
    const r = await runScanTask({ ...base, filter: { ...base.filter!, right: { kind: 'const', value: 0, type: T.int4 } } as BoundExpr, output: [0] });
    expect(r.batches.every((b) => b.columns.length === 1)).toBe(true);
    expect(rows(r).map((x) => x[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('without output returns every read column', async () => {
    const r = await runScanTask(base);
    expect(r.batches.every((b) => b.columns.length === 3)).toBe(true);
    expect(rows(r)[0]).toEqual([5, 50, 2]);
  });

  it('runs a partial aggregate over the output columns', async () => {
    // group by output column 0 (= c), count(*): 3 groups; over the read columns column 0 would be a (5 groups)
    const r = await runScanTask({
      ...base,
      output: [2, 0],
      partialAggregate: { groupKeys: [{ kind: 'column', index: 0, type: T.int4 }], aggregates: [{ fn: 'count_star', args: [], distinct: false, filter: null, type: T.int8 }] },
    });
    expect(r.partial?.groups).toBe(3);
    const keys = Array.from({ length: r.partial!.keys.length }, (_, i) => getDatum(r.partial!.keys.columns[0]!, i));
    expect(keys.sort()).toEqual([0, 1, 2]);
  });
});
