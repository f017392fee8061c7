/**
 * The piscina worker pool (owned by the relational helper). Created once in server/main.ts and passed in.
 */
export interface WorkerPoolOptions {
  readonly threads: number;
}

export interface WorkerPool {
  readonly threads: number;
  close(): Promise<void>;
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool { throw new Error('TODO'); }
