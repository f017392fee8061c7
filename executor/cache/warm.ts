/**
 * CACHE TABLE / UNCACHE TABLE on the coordinator. Each thread has its own column cache and the pool sends a
 * task to the thread owning its (file, row-group range) (executor/pool/task_affinity.ts), so a big file is
 * warmed in `threads` parts, as partial-aggregate scans split it (their part boundaries are those of every
 * other scan split too), and each part lands in the cache of the thread later scans of it run on.
 */
import type { TableSnapshot } from '../../catalog/catalog.js';
import type { EvalContext } from '../expr/compile.js';
import type { WorkerPool } from '../pool.js';
import { runWarmTask } from './warm_task.js';
import { fileCachePrefix } from './column_cache.js';
import { splitCount } from '../operators/scan.js';
import type { ScanTask } from '../scan/scan_task.js';
import { addCounters, emptyCounters, type ScanCounters } from '../scan/scan_stats.js';

function warmTasks(snap: TableSnapshot, pool: WorkerPool, evalCtx: EvalContext): ScanTask[] {
  const cache = pool.cacheSettings?.();
  const names = snap.fields.map((f) => f.name);
  const threads = Math.max(1, pool.threads);
  const partsOf = (size: number): number => Math.min(splitCount(size, threads, false), threads);
  return snap.files.flatMap((f) => Array.from({ length: partsOf(f.size) }, (_, index) => ({
    ...(partsOf(f.size) > 1 ? { split: { index, count: partsOf(f.size) } } : {}),
    store: snap.store.descriptor,
    path: f.path,
    size: f.size,
    fields: snap.fields,
    columnNames: names,
    partitionColumns: snap.partitionColumns,
    partitionValues: f.partitionValues,
    filter: null,
    limit: null,
    partialAggregate: null,
    eval: evalCtx,
    ...(cache !== undefined ? { cache } : {}),
  })));
}

/** Read every column chunk of the snapshot's files into the caches; the counters of all the reads. */
export async function warmTable(snap: TableSnapshot, pool: WorkerPool, evalCtx: EvalContext, signal: AbortSignal): Promise<ScanCounters> {
  const total = emptyCounters();
  if (pool.cacheSettings === undefined || pool.cacheSettings().maxBytes <= 0) return total;
  const run = (t: ScanTask): Promise<ScanCounters> => (pool.runWarm ? pool.runWarm(t, signal) : runWarmTask(t));
  // one task per thread in flight
  const tasks = warmTasks(snap, pool, evalCtx);
  for (let i = 0; i < tasks.length && !signal.aborted; i += Math.max(1, pool.threads)) {
    for (const c of await Promise.all(tasks.slice(i, i + Math.max(1, pool.threads)).map(run))) addCounters(total, c);
  }
  return total;
}

/** Drop the snapshot's files from every thread's cache. */
export function unwarmTable(snap: TableSnapshot, pool: WorkerPool): void {
  pool.dropCache?.(snap.files.map((f) => fileCachePrefix(snap.store.descriptor, f.path)));
}
