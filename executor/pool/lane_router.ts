/**
 * Routes tasks to worker threads ("lanes", one single-thread pool each) so a thread's column cache sees the
 * same chunks every time (executor/pool/task_affinity.ts):
 * - each lane has its own queue; a lane runs at most `depth` tasks at once (the next one waits in its pool,
 *   so the thread never waits for the main thread to hand it work);
 * - scan and CACHE TABLE tasks queue on the lane owning their chunks, write tasks on the least busy lane;
 * - an idle lane (nothing running, own queue empty) steals from the longest other queue: a write task, or a
 *   scan task its owner never ran (the stealer becomes its owner), or — when that queue holds at least
 *   `stealMin` tasks — a scan task its owner has cached, which then reads through the stealer's cache
 *   without filling it (`readThrough`), so chunks are not cached twice. CACHE TABLE tasks are never stolen.
 * A task aborted while queued is dropped from its queue (rejected like piscina does: AbortError); once
 * running, its signal goes to the lane's pool.
 */
import type { RunOptions } from '../pool_guard.js';
import type { AffinityTask, TaskAffinity } from './task_affinity.js';

/** One worker thread's pool (a GuardedPool of one thread). */
export interface Lane {
  run(task: unknown, options?: RunOptions): Promise<unknown>;
  destroy(): Promise<void>;
}

/** How a task is placed. */
export type Routing =
  /**
   * scan task: on its owner lane; may be stolen (read-through when the owner has its chunks); `scanOf`: the
   * scan part of a task that wraps one (CREATE TABLE AS scan-writes), default the task itself
   */
  | { readonly kind: 'scan'; readonly readThrough: (task: unknown) => unknown; readonly scanOf?: (task: unknown) => AffinityTask }
  /** CACHE TABLE task: always on its owner lane (it exists to fill that lane's cache) */
  | { readonly kind: 'warm' }
  /** no cache involved (writes): the least busy lane; any idle lane may take it */
  | { readonly kind: 'any' };

interface Job {
  readonly task: unknown;
  readonly options: RunOptions;
  readonly routing: Routing;
  /** affinity key (null: none) */
  readonly key: string | null;
  /** owner lane (for 'any': the lane it was queued on) */
  readonly owner: number;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  detach: () => void;
}

/** What piscina rejects an aborted task with (same message and name). */
export class TaskAbortedError extends Error {
  constructor(reason: unknown) {
    super('The task has been aborted', { cause: reason });
  }
  override get name(): string {
    return 'AbortError';
  }
}

export interface RouterStats {
  readonly queued: readonly number[];
  readonly running: readonly number[];
  /** tasks run on another lane than their owner: taken over cold / read through */
  readonly stolen: number;
  readonly readThrough: number;
}

export class LaneRouter {
  private readonly queues: Job[][];
  private readonly running: number[];
  private stolen = 0;
  private readThroughs = 0;
  private closed = false;

  constructor(
    private readonly lanes: readonly Lane[],
    readonly affinity: TaskAffinity,
    private readonly depth = 2,
    private readonly stealMin = 2,
  ) {
    this.queues = lanes.map(() => []);
    this.running = lanes.map(() => 0);
  }

  run(task: unknown, routing: Routing, options: RunOptions = {}): Promise<unknown> {
    const signal = options.signal;
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (signal?.aborted === true) return Promise.reject(new TaskAbortedError(signal.reason));
    return new Promise((resolve, reject) => {
      const scan = routing.kind === 'scan' && routing.scanOf !== undefined ? routing.scanOf(task) : (task as AffinityTask);
      const key = routing.kind === 'any' ? null : this.affinity.key(scan);
      const owner = key === null ? this.leastBusy() : this.affinity.owner(scan, key);
      const job: Job = { task, options, routing, key, owner, resolve, reject, detach: () => {} };
      if (signal !== undefined) {
        const onAbort = (): void => {
          for (const q of this.queues) {
            const at = q.indexOf(job);
            if (at >= 0) q.splice(at, 1);
          }
          reject(new TaskAbortedError(signal.reason));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queues[owner]!.push(job);
      this.pump();
    });
  }

  stats(): RouterStats {
    return { queued: this.queues.map((q) => q.length), running: [...this.running], stolen: this.stolen, readThrough: this.readThroughs };
  }

  /** Fail the queued tasks and destroy every lane. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queues) {
      for (const job of q.splice(0)) {
        job.detach();
        job.reject(new Error('the worker pool is closed'));
      }
    }
    await Promise.all(this.lanes.map((l) => l.destroy()));
  }

  private leastBusy(): number {
    let best = 0;
    for (let i = 1; i < this.lanes.length; i++) {
      if (this.running[i]! + this.queues[i]!.length < this.running[best]! + this.queues[best]!.length) best = i;
    }
    return best;
  }

  private pump(): void {
    // every lane takes its own tasks first; then idle lanes steal what is still queued
    for (let i = 0; i < this.lanes.length; i++) {
      while (this.running[i]! < this.depth && this.queues[i]!.length > 0) this.start(i, this.queues[i]!.shift()!);
    }
    for (let i = 0; i < this.lanes.length; i++) {
      const job = this.steal(i);
      if (job !== undefined) this.start(i, job);
    }
  }

  /** A task lane `i` (idle, own queue empty) may take from the longest other queue. */
  private steal(i: number): Job | undefined {
    if (this.running[i]! > 0) return undefined;
    let victim = -1;
    for (let v = 0; v < this.queues.length; v++) {
      if (v !== i && this.queues[v]!.length > 0 && (victim < 0 || this.queues[v]!.length > this.queues[victim]!.length)) victim = v;
    }
    if (victim < 0) return undefined;
    const q = this.queues[victim]!;
    const at = q.findIndex((job) => this.stealable(job, q.length));
    return at < 0 ? undefined : q.splice(at, 1)[0];
  }

  private stealable(job: Job, queued: number): boolean {
    const r = job.routing;
    switch (r.kind) {
      case 'any':
        return true;
      case 'warm':
        return false;
      case 'scan':
        return job.key === null || !this.affinity.hasRun(job.key) || queued >= this.stealMin;
      default: {
        const never: never = r;
        return never;
      }
    }
  }

  private start(i: number, job: Job): void {
    job.detach();
    let task = job.task;
    // whether this lane owns the job's chunks once it ran (then they are cached here)
    let owns = job.key !== null && job.owner === i;
    if (job.key !== null && job.owner !== i) {
      this.stolen++;
      if (this.affinity.hasRun(job.key) && job.routing.kind === 'scan') {
        task = job.routing.readThrough(task);
        this.readThroughs++;
      } else {
        this.affinity.moveTo(job.key, i);
        owns = true;
      }
    }
    this.running[i]!++;
    const done = (): void => {
      this.running[i]!--;
      if (!this.closed) this.pump();
    };
    this.lanes[i]!.run(task, job.options).then(
      (v) => {
        if (owns) this.affinity.markRun(job.key!);
        done();
        job.resolve(v);
      },
      (e: unknown) => {
        done();
        job.reject(e);
      },
    );
  }
}
