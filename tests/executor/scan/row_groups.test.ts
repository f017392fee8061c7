/**
 * Scan tasks over a file with several row groups: footer statistics skip row groups the filter rules out,
 * a file split into parts reads each row group exactly once and in order, and the column-chunk cache serves
 * the second scan without decoding (hits counted) and gives the same rows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Table, vectorFromArray, Int32, Utf8 } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum } from '../../../common/vector.js';
import { threadColumnCache } from '../../../executor/cache/column_cache.js';
import { rowGroupRange, runScanTask, type ScanTask } from '../../../executor/scan/scan_task.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

const N = 1000;
let task: ScanTask;

beforeAll(async () => {
  const store = new LocalObjectStore(mkdtempSync(join(tmpdir(), 'pier-rg-')));
  const ids = Array.from({ length: N }, (_, i) => i);
  const table = new Table({
    id: vectorFromArray(ids, new Int32()),
    name: vectorFromArray(ids.map((i) => `n${i}é`), new Utf8()),
  });
  const bytes = writeParquetBytes(table, { maxRowGroupSize: 100 }); // 10 row groups, ids ascending
  await store.put('t/part-0.parquet', bytes);
  task = {
    store: store.descriptor, path: 't/part-0.parquet', size: bytes.length,
    fields: [{ name: 'id', type: T.int4, nullable: true }, { name: 'name', type: T.text, nullable: true }],
    columnNames: ['id', 'name'], partitionColumns: [], partitionValues: {},
    filter: null, limit: null, partialAggregate: null,
    eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n },
  };
});

const ids = (r: Awaited<ReturnType<typeof runScanTask>>) => r.batches.flatMap((b) => Array.from({ length: b.length }, (_, i) => getDatum(b.columns[0]!, i)));
const col = (index: number): BoundExpr => ({ kind: 'column', index, type: T.int4 });
const k = (v: number): BoundExpr => ({ kind: 'const', value: v, type: T.int4 });

describe('row groups in scan tasks', () => {
  it('skips row groups whose min/max rule the filter out', async () => {
    const filter: BoundExpr = { kind: 'and', type: T.bool, args: [
      { kind: 'compare', op: '>=', left: col(0), right: k(250), type: T.bool },
      { kind: 'compare', op: '>', left: k(420), right: col(0), type: T.bool }, // constant on the left
    ] };
    const r = await runScanTask({ ...task, filter });
    expect(ids(r)).toEqual(Array.from({ length: 170 }, (_, i) => 250 + i));
    expect(r.counters).toMatchObject({ rowGroupsRead: 3, rowGroupsSkipped: 7 }); // 200-299, 300-399, 400-499
  });

  it('an equality outside every row group reads nothing', async () => {
    const r = await runScanTask({ ...task, filter: { kind: 'compare', op: '=', left: col(0), right: k(5000), type: T.bool } });
    expect(r.rows).toBe(0);
    expect(r.counters).toMatchObject({ rowGroupsRead: 0, rowGroupsSkipped: 10 });
  });

  it('splits a file into contiguous parts that together read every row once, in order', async () => {
    expect(rowGroupRange(10, { index: 0, count: 3 })).toEqual([0, 3]);
    expect(rowGroupRange(10, { index: 2, count: 3 })).toEqual([6, 10]);
    expect(rowGroupRange(1, { index: 0, count: 2 })).toEqual([0, 0]);
    const parts = await Promise.all([0, 1, 2].map((index) => runScanTask({ ...task, split: { index, count: 3 } })));
    expect(parts.flatMap(ids)).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('serves a repeated scan from the column cache, with the same rows', async () => {
    threadColumnCache.clear();
    const cached = { ...task, cache: { maxBytes: 1 << 24, epoch: 0 } };
    const first = await runScanTask(cached);
    expect(first.counters).toMatchObject({ cacheHits: 0, cacheMisses: 20 });
    const second = await runScanTask(cached);
    expect(second.counters).toMatchObject({ cacheHits: 20, cacheMisses: 0 });
    expect(ids(second)).toEqual(ids(first));
    const names = second.batches.flatMap((b) => b.columns[1]!.data as string[]);
    expect(names[0]).toBe('n0é');
    expect(names[N - 1]).toBe(`n${N - 1}é`);
    // a returned batch never shares buffers with the cache (they may be transferred to another thread)
    const again = await runScanTask(cached);
    expect(again.batches[0]!.columns[0]!.data).not.toBe(second.batches[0]!.columns[0]!.data);
    // a new clear epoch empties the cache
    const cleared = await runScanTask({ ...task, cache: { maxBytes: 1 << 24, epoch: 1 } });
    expect(cleared.counters).toMatchObject({ cacheHits: 0, cacheMisses: 20 });
  });
});
