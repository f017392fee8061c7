import type { Batch } from '../common/vector.js';
import type { PhysicalPlan } from '../planner/physical/plan.js';
import type { ExecContext } from './api.js';
import { MemoryTracker } from './instrument/memory.js';
import { instrumentOperator } from './instrument/instrumented.js';
import { QueryStats } from './instrument/stats.js';
import { buildOperatorWith } from './operators/build.js';
import { YieldClock, yieldingOperator } from './instrument/yielding.js';
import { MaterializedCtes } from './cte/materialized_ctes.js';

/**
 * Execute a plan, yielding its output batches in order. Nothing runs before the first batch is pulled. Every
 * operator lets the event loop run now and then (instrument/yielding.ts): timeouts and cancels get through.
 */
export function executePlan(plan: PhysicalPlan, ctx: ExecContext): AsyncIterable<Batch> {
  return {
    [Symbol.asyncIterator]() {
      const clock = new YieldClock();
      // subquery plans run with their query's context, so they read the same materialised CTEs
      const c: ExecContext = ctx.ctes === undefined ? { ...ctx, ctes: new MaterializedCtes() } : ctx;
      return buildOperatorWith(plan, (_p, op) => yieldingOperator(op, clock)).execute(c)[Symbol.asyncIterator]();
    },
  };
}

/**
 * EXPLAIN ANALYZE: run the plan to the end with every operator instrumented, discarding the rows; returns the
 * per-operator stats (rows, loops, time, memory, scan counters) and the total time.
 */
export async function analyzePlan(plan: PhysicalPlan, ctx: ExecContext): Promise<QueryStats> {
  const stats = ctx.stats ?? new QueryStats();
  const actx: ExecContext = { ...ctx, stats, memory: ctx.memory ?? new MemoryTracker(0), ctes: ctx.ctes ?? new MaterializedCtes() };
  const t0 = performance.now();
  const clock = new YieldClock();
  const root = buildOperatorWith(plan, (p, op) => yieldingOperator(instrumentOperator(op, p, stats), clock));
  for await (const _ of root.execute(actx)) {
    if (actx.signal.aborted) throw actx.signal.reason;
  }
  stats.totalMs = performance.now() - t0;
  stats.peakMemoryBytes = actx.memory?.peak ?? 0;
  return stats;
}
