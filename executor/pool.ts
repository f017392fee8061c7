/**
 * The piscina worker pool (owned by the relational helper). Created once in server/main.ts and passed in.
 * One single-thread piscina pool per thread ("lane"); executor/pool/lane_router.ts sends each scan / CACHE TABLE
 * task to the thread whose column cache owns its chunks (executor/pool/task_affinity.ts), writes to the least
 * busy one.
 * `threads: 0` runs every task inline on the calling thread (same task function, no worker).
 * The worker script is `dist/executor/worker.js` (compiled by `npm run build`); when it is missing (tests run
 * from the TypeScript sources without a build) the pool runs inline and says so in `mode`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { DEFAULT_CACHE_MAX_BYTES } from './cache/column_cache.js';
import { cacheControl, type CacheSettings } from './cache/cache_control.js';
import { runWarmTask } from './cache/warm_task.js';
import type { ScanCounters } from './scan/scan_stats.js';
import { runScanTask, type ScanTask, type ScanTaskResult } from './scan/scan_task.js';
import { guardedPool } from './pool_guard.js';
import { LaneRouter, type Routing } from './pool/lane_router.js';
import { TaskAffinity } from './pool/task_affinity.js';
import { configureWorkerHeap } from './pool/worker_heap.js';
import { runWriteFilesTask, type WriteFilesTask } from '../storage/delta/operations/write_task.js';
import type { AddFile } from '../storage/delta/actions.js';
import type { AppendResult } from '../catalog/catalog.js';
import { runScanWriteTask, type ScanWriteTask } from './write/scan_write_task.js';

export interface WorkerPoolOptions {
  readonly threads: number;
  /** override the worker script (absolute path) */
  readonly workerScript?: string;
  /** byte budget of the decoded column-chunk cache, shared out among the threads (default 1 GiB; 0 = off) */
  readonly cacheMaxBytes?: number;
}

/** The column-chunk cache settings scan tasks carry: the budget of each thread and the clear epoch. */
export type PoolCacheSettings = CacheSettings;

export interface WorkerPool {
  readonly threads: number;
  /** 'threads' when tasks run in worker threads, 'inline' otherwise */
  readonly mode?: 'threads' | 'inline';
  /** Run one scan task (in a worker, or inline). */
  runScan?(task: ScanTask, signal?: AbortSignal): Promise<ScanTaskResult>;
  /** Encode and store data files (in a worker, or inline); the task's IPC buffer is transferred. */
  runWrite?(task: WriteFilesTask, signal?: AbortSignal): Promise<AddFile[]>;
  /** Scan part of a file and write its rows as new data files (CREATE TABLE AS over a plain scan). */
  runScanWrite?(task: ScanWriteTask, signal?: AbortSignal): Promise<AppendResult>;
  /** the column-chunk cache settings for the next scan task (absent: no cache) */
  cacheSettings?(): PoolCacheSettings;
  /** empty the column-chunk caches of every thread (the workers' empty themselves at their next task) */
  clearCache?(): void;
  /** drop the column-cache entries under these key prefixes in every thread (UNCACHE TABLE) */
  dropCache?(prefixes: readonly string[]): void;
  /** Read a file's column chunks into the cache of the thread that runs the task (CACHE TABLE); returns its counters. */
  runWarm?(task: ScanTask, signal?: AbortSignal): Promise<ScanCounters>;
  close(): Promise<void>;
}

/** Where the compiled worker entry (`worker_entry.cts` → CommonJS, loading `worker.js`) lives: next to this file when running from dist/, else <repo>/dist/executor/. */
export function resolveWorkerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  const candidates = here.endsWith('.js')
    ? [fileURLToPath(new URL('./worker_entry.cjs', import.meta.url))]
    : [fileURLToPath(new URL('../dist/executor/worker_entry.cjs', import.meta.url))];
  for (const c of candidates) if (existsSync(c)) return c;
  return null;
}

/** A scan task stolen from the thread caching its chunks reads through the stealer's cache without filling it. */
function readThroughScan(task: ScanTask): ScanTask {
  return task.cache === undefined ? task : { ...task, cache: { ...task.cache, insert: false } };
}
const SCAN_ROUTING: Routing = { kind: 'scan', readThrough: (t) => readThroughScan(t as ScanTask) };
/** CREATE TABLE AS scan-writes: routed by their scan part like scans. */
const SCAN_WRITE_ROUTING: Routing = {
  kind: 'scan',
  scanOf: (t) => (t as ScanWriteTask).scan,
  readThrough: (t) => ({ ...(t as ScanWriteTask), scan: readThroughScan((t as ScanWriteTask).scan) }),
};
const WARM_ROUTING: Routing = { kind: 'warm' };
const ANY_ROUTING: Routing = { kind: 'any' };

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const script = options.threads > 0 ? (options.workerScript ?? resolveWorkerScript()) : null;
  const cacheBytes = options.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES;
  if (script === null) {
    return {
      ...cacheControl(cacheBytes, 1),
      threads: 0,
      mode: 'inline',
      runScan: (task) => runScanTask(task),
      runWrite: (task) => runWriteFilesTask(task),
      runScanWrite: (task) => runScanWriteTask(task),
      runWarm: (task) => runWarmTask(task),
      close: async () => {},
    };
  }
  configureWorkerHeap(); // before the first worker isolate is created
  // one single-thread pool per thread, so a task can be sent to the thread whose column cache holds its chunks
  const lanes = Array.from({ length: options.threads }, () => guardedPool(() => new Piscina({ filename: script, minThreads: 1, maxThreads: 1 }), 1));
  const router = new LaneRouter(lanes, new TaskAffinity(options.threads));
  const control = cacheControl(cacheBytes, options.threads);
  const signalOf = (signal: AbortSignal | undefined): { signal?: AbortSignal } => (signal ? { signal } : {});
  return {
    ...control,
    clearCache: () => { control.clearCache(); router.affinity.forgetRuns(); },
    dropCache: (prefixes) => { control.dropCache(prefixes); router.affinity.forgetRuns(); },
    threads: options.threads,
    mode: 'threads',
    runScan: (task, signal) => router.run(task, SCAN_ROUTING, signalOf(signal)) as Promise<ScanTaskResult>,
    runWarm: (task, signal) => router.run(task, WARM_ROUTING, { name: 'warmCache', ...signalOf(signal) }) as Promise<ScanCounters>,
    runScanWrite: (task, signal) => router.run(task, SCAN_WRITE_ROUTING, { name: 'scanWrite', ...signalOf(signal) }) as Promise<AppendResult>,
    runWrite: (task, signal) => router.run(task, ANY_ROUTING, { name: 'writeFiles', transferList: [task.ipc.buffer as ArrayBuffer], ...signalOf(signal) }) as Promise<AddFile[]>,
    close: () => router.close(),
  };
}
