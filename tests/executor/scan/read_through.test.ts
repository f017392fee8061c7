/**
 * A scan task with `cache.insert: false` (one stolen from the thread that owns its chunks, executor/pool/)
 * uses the thread's cached chunks but keeps none of what it decodes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Table, vectorFromArray, Int32 } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { threadColumnCache } from '../../../executor/cache/column_cache.js';
import { runScanTask, type ScanTask } from '../../../executor/scan/scan_task.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

let task: ScanTask;

beforeAll(async () => {
  const store = new LocalObjectStore(mkdtempSync(join(tmpdir(), 'pier-rt-')));
  const ids = Array.from({ length: 400 }, (_, i) => i);
  const bytes = writeParquetBytes(new Table({ id: vectorFromArray(ids, new Int32()) }), { maxRowGroupSize: 100 }); // 4 row groups
  await store.put('t/part-0.parquet', bytes);
  task = {
    store: store.descriptor, path: 't/part-0.parquet', size: bytes.length,
    fields: [{ name: 'id', type: T.int4, nullable: true }],
    columnNames: ['id'], partitionColumns: [], partitionValues: {},
    filter: null, limit: null, partialAggregate: null,
    eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n },
  };
});

describe('read-through scan tasks', () => {
  it('do not fill the cache, but use what it holds', async () => {
    const epoch = 1000; // a fresh epoch: starts from an empty cache
    const readThrough = { ...task, cache: { maxBytes: 1 << 24, epoch, insert: false } };
    const first = await runScanTask(readThrough);
    expect(first.rows).toBe(400);
    expect(first.counters).toMatchObject({ cacheHits: 0, cacheMisses: 4 });
    expect(threadColumnCache.size).toBe(0);
    expect((await runScanTask(readThrough)).counters).toMatchObject({ cacheHits: 0, cacheMisses: 4 });
    // the owner's run of the first half fills the cache; a read-through run then hits those chunks
    await runScanTask({ ...task, split: { index: 0, count: 2 }, cache: { maxBytes: 1 << 24, epoch } });
    expect(threadColumnCache.size).toBe(2);
    const mixed = await runScanTask(readThrough);
    expect(mixed.rows).toBe(400);
    expect(mixed.counters).toMatchObject({ cacheHits: 2, cacheMisses: 2 });
    expect(threadColumnCache.size).toBe(2);
  });
});
