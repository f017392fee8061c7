/**
 * CACHE TABLE / UNCACHE TABLE on the coordinator. Each thread has its own column cache and a scan task runs on
 * whichever worker is free, so every file is read `threads` times at once (one copy per idle worker), which
 * leaves the table in every worker's cache when the pool is otherwise idle. Best effort under load: a later
 * scan simply misses what a thread lacks.
 */
import type { TableSnapshot } from '../../catalog/catalog.js';
import type { EvalContext } from '../expr/compile.js';
import type { WorkerPool } from '../pool.js';
import { runWarmTask } from './warm_task.js';
import { fileCachePrefix } from './column_cache.js';
import type { ScanTask } from '../scan/scan_task.js';
import { addCounters, emptyCounters, type ScanCounters } from '../scan/scan_stats.js';

function warmTasks(snap: TableSnapshot, pool: WorkerPool, evalCtx: EvalContext): ScanTask[] {
  const cache = pool.cacheSettings?.();
  const names = snap.fields.map((f) => f.name);
  return snap.files.map((f) => ({
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
  }));
}

/** Read every column chunk of the snapshot's files into the caches; the counters of all the reads. */
export async function warmTable(snap: TableSnapshot, pool: WorkerPool, evalCtx: EvalContext, signal: AbortSignal): Promise<ScanCounters> {
  const total = emptyCounters();
  if (pool.cacheSettings === undefined || pool.cacheSettings().maxBytes <= 0) return total;
  const copies = Math.max(1, pool.threads);
  const run = (t: ScanTask): Promise<ScanCounters> => (pool.runWarm ? pool.runWarm(t, signal) : runWarmTask(t));
  for (const t of warmTasks(snap, pool, evalCtx)) {
    if (signal.aborted) break;
    for (const c of await Promise.all(Array.from({ length: copies }, () => run(t)))) addCounters(total, c);
  }
  return total;
}

/** Drop the snapshot's files from every thread's cache. */
export function unwarmTable(snap: TableSnapshot, pool: WorkerPool): void {
  pool.dropCache?.(snap.files.map((f) => fileCachePrefix(snap.store.descriptor, f.path)));
}
