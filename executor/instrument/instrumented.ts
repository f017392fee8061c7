/**
 * EXPLAIN ANALYZE instrumentation: wraps a built operator so that each execution counts its loops, rows and
 * batches and times its pulls (inclusive of its children, like PostgreSQL's actual time). The wrapper is an
 * object whose prototype is the operator itself, so `instanceof` and any extra methods (a scan's
 * executePartial) still work; both execute paths are timed.
 */
import type { Batch } from '../../common/vector.js';
import type { PhysicalPlan } from '../../planner/physical/plan.js';
import type { ExecContext } from '../api.js';
import type { Operator } from '../operators/operator.js';
import { SubAccount } from './memory.js';
import type { QueryStats } from './stats.js';

type Method = (ctx: ExecContext) => AsyncIterable<unknown>;

function timed<T>(source: AsyncIterable<T>, stats: QueryStats, node: PhysicalPlan, rowsOf: (x: T) => number, onEnd: () => void): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const s = stats.of(node);
      s.loops++;
      const it = source[Symbol.asyncIterator]();
      let started = false;
      let elapsed = 0;
      return {
        async next(): Promise<IteratorResult<T>> {
          const t0 = performance.now();
          try {
            const r = await it.next();
            if (r.done !== true) {
              s.rows += rowsOf(r.value);
              s.batches++;
            } else {
              onEnd();
            }
            return r;
          } finally {
            const dt = performance.now() - t0;
            elapsed += dt;
            s.totalMs += dt;
            if (!started) {
              started = true;
              s.startupMs += elapsed;
            }
          }
        },
        async return(value?: unknown): Promise<IteratorResult<T>> {
          await it.return?.(value);
          onEnd();
          return { done: true, value: undefined as T };
        },
      };
    },
  };
}

/** Scan counters (executor/scan/scan_stats.ts, summed over the scan's tasks) → the node's extra counters. */
const COUNTERS: readonly [string, string][] = [
  ['rowGroupsRead', 'row_groups'],
  ['rowGroupsSkipped', 'row_groups_skipped'],
  ['cacheHits', 'cache_hits'],
  ['cacheMisses', 'cache_misses'],
  ['bytesRead', 'bytes_read'],
];

/** Wrap `op` (built from `node`) so its executions are recorded in `stats`. */
export function instrumentOperator(op: Operator, node: PhysicalPlan, stats: QueryStats): Operator {
  const onEnd = (): void => {
    const counters = (op as unknown as { counters?: Record<string, unknown> }).counters;
    if (typeof counters !== 'object' || counters === null) return;
    const extra = stats.of(node).extra;
    for (const [from, to] of COUNTERS) {
      const v = counters[from];
      if (typeof v === 'number') extra.set(to, v); // the operator's totals over all its loops
    }
  };
  const wrapper = Object.create(op) as Operator & Record<string, unknown>;
  // the operator's own reservations are attributed to its node (children get their own sub-account)
  const own = (ctx: ExecContext): ExecContext => {
    if (ctx.memory === undefined) return ctx;
    const account = new SubAccount(ctx.memory);
    const s = stats.of(node);
    const parent = account.reserve.bind(account);
    account.reserve = (bytes: number, owner: string): void => {
      parent(bytes, owner);
      s.memoryBytes = Math.max(s.memoryBytes, account.peak);
    };
    return { ...ctx, memory: account };
  };
  wrapper.execute = (ctx: ExecContext): AsyncIterable<Batch> => timed(op.execute(own(ctx)), stats, node, (b: Batch) => b.length, onEnd);
  const partial = (op as unknown as Record<string, unknown>)['executePartial'];
  if (typeof partial === 'function') {
    wrapper['executePartial'] = (ctx: ExecContext): AsyncIterable<unknown> =>
      timed((partial as Method).call(op, own(ctx)), stats, node, (x: unknown) => {
        const groups = (x as { groups?: unknown } | null)?.groups;
        return typeof groups === 'number' ? groups : 1;
      }, onEnd);
  }
  return wrapper;
}
