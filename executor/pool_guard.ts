/**
 * A piscina pool that survives its workers: a worker that fails to start or dies mid-task fails only the
 * tasks it was running (XX000 `worker thread failed: <cause>`), and the next task runs on a fresh pool.
 * Without the 'error' listener, piscina's 'error' event (a worker failing with no task) would crash the
 * server, and a worker failing during start-up would leave piscina never starting workers again.
 * A task that fails with an ordinary error is told apart from a worker that cannot load its module (which
 * fails every task) by a `ping` task (executor/worker.ts); only the latter renews the pool.
 */
import { Piscina } from 'piscina';
import { QueryError, SQLSTATE } from '../common/errors.js';
import { decodeWorkerError } from './worker_errors.js';

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** named export of the worker module to call (default: the default export) */
  readonly name?: string;
  readonly transferList?: ArrayBuffer[];
}

export interface GuardedPool {
  run(task: unknown, options?: RunOptions): Promise<unknown>;
  destroy(): Promise<void>;
}

/** Messages of errors that mean the worker thread itself failed (not the task's own exception). */
function isWorkerFailure(e: unknown, pool: Piscina, threads: number): boolean {
  if (pool.threads.length < threads) return true;
  const msg = e instanceof Error ? e.message : String(e);
  return /worker exited with code|Terminating worker thread|ERR_WORKER/i.test(msg);
}

/** Longest wait for a worker's answer to the health check after a failed task. */
const PING_TIMEOUT_MS = 30_000;

/** Whether the pool's workers can still run tasks: the worker module's `ping` export answers 'pong'. */
async function answersPing(pool: Piscina): Promise<boolean> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), PING_TIMEOUT_MS);
  // a pool whose workers all died during start-up never runs the ping: stop waiting when it has no thread left
  const poll = setInterval(() => { if (pool.threads.length === 0) ctl.abort(); }, 20);
  try {
    return (await pool.run(null, { name: 'ping', signal: ctl.signal })) === 'pong';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
  }
}

export function guardedPool(make: () => Piscina, threads: number, log: (msg: string) => void = (m) => process.stderr.write(`${m}\n`)): GuardedPool {
  let broken = false;
  const create = (): Piscina => {
    const p = make();
    p.on('error', (e: unknown) => {
      // a worker failed while idle: replace the pool before the next task
      if (p === pool) broken = true;
      log(`pier: worker thread failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    return p;
  };
  let pool = create();
  const renew = (): void => {
    const old = pool;
    broken = false;
    pool = create();
    // tasks of other statements still running there finish first
    old.close().catch(() => undefined);
  };
  return {
    async run(task, options = {}) {
      if (broken) renew();
      const current = pool;
      try {
        return await current.run(task, {
          ...(options.signal !== undefined ? { signal: options.signal } : {}),
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.transferList !== undefined ? { transferList: options.transferList } : {}),
        });
      } catch (e) {
        const carried = decodeWorkerError(e);
        if (carried !== null) throw carried;
        if (options.signal?.aborted === true) throw e;
        // a task's own error, or a worker that cannot load its module (which fails every task)? ask it to answer a ping
        if (!(current !== pool || broken || isWorkerFailure(e, current, threads)) && (await answersPing(current))) throw e;
        if (current === pool) broken = true;
        const msg = e instanceof Error ? e.message : String(e);
        throw new QueryError(SQLSTATE.internal_error, `worker thread failed: ${msg}`, { cause: e });
      }
    },
    destroy: () => pool.destroy(),
  };
}
