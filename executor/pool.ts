/**
 * The piscina worker pool (owned by the relational helper). Created once in server/main.ts and passed in.
 * `threads: 0` runs every task inline on the calling thread (same task function, no worker).
 * The worker script is `dist/executor/worker.js` (compiled by `npm run build`); when it is missing (tests run
 * from the TypeScript sources without a build) the pool runs inline and says so in `mode`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runScanTask, type ScanTask, type ScanTaskResult } from './scan/scan_task.js';

export interface WorkerPoolOptions {
  readonly threads: number;
  /** override the worker script (absolute path) */
  readonly workerScript?: string;
}

export interface WorkerPool {
  readonly threads: number;
  /** 'threads' when tasks run in worker threads, 'inline' otherwise */
  readonly mode?: 'threads' | 'inline';
  /** Run one scan task (in a worker, or inline). */
  runScan?(task: ScanTask, signal?: AbortSignal): Promise<ScanTaskResult>;
  close(): Promise<void>;
}

/** Where the compiled worker lives: next to this file when running from dist/, else <repo>/dist/executor/. */
export function resolveWorkerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  const candidates = here.endsWith('.js')
    ? [fileURLToPath(new URL('./worker.js', import.meta.url))]
    : [fileURLToPath(new URL('../dist/executor/worker.js', import.meta.url))];
  for (const c of candidates) if (existsSync(c)) return c;
  return null;
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const script = options.threads > 0 ? (options.workerScript ?? resolveWorkerScript()) : null;
  if (script === null) {
    return {
      threads: 0,
      mode: 'inline',
      runScan: (task) => runScanTask(task),
      close: async () => {},
    };
  }
  const piscina = new Piscina({ filename: script, minThreads: 0, maxThreads: options.threads, idleTimeout: 30_000 });
  return {
    threads: options.threads,
    mode: 'threads',
    runScan: (task, signal) => piscina.run(task, signal ? { signal } : {}) as Promise<ScanTaskResult>,
    close: () => piscina.destroy(),
  };
}
