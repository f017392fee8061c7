/**
 * Running physical plans. Operators pull batches; nothing runs before the first batch is pulled.
 */
import type { Batch } from '../common/vector.js';
import type { PhysicalPlan } from '../planner/physical/plan.js';
import type { EvalContext } from './expr/compile.js';
import type { MemoryAccount } from './instrument/memory.js';
import type { QueryStats } from './instrument/stats.js';
import type { WorkerPool } from './pool.js';
import type { MaterializedCtes } from './cte/materialized_ctes.js';

export interface ExecContext {
  readonly eval: EvalContext;
  readonly pool: WorkerPool;
  /** aborts on CancelRequest / statement_timeout; scans pass it to the worker pool (piscina) */
  readonly signal: AbortSignal;
  /** per-query memory accounting and limit (hash aggregate/join, sort reserve what they hold) */
  readonly memory?: MemoryAccount;
  /** EXPLAIN ANALYZE: per-operator counters, present only when analyzing */
  readonly stats?: QueryStats;
  /** the materialised CTEs of this execution (executor/cte/materialized_ctes.ts); set by executePlan / analyzePlan */
  readonly ctes?: MaterializedCtes;
}

/** Reserve memory for `owner` in the query's tracker (53200 over the limit); no-op without a tracker. */
export function reserveMemory(ctx: ExecContext, bytes: number, owner: string): void {
  ctx.memory?.reserve(bytes, owner);
}
