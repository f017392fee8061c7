/**
 * Running physical plans. Operators pull batches; nothing runs before the first batch is pulled.
 */
import type { Batch } from '../common/vector.js';
import type { PhysicalPlan } from '../planner/physical/plan.js';
import type { EvalContext } from './expr/compile.js';
import type { WorkerPool } from './pool.js';

export interface ExecContext {
  readonly eval: EvalContext;
  readonly pool: WorkerPool;
  readonly signal: AbortSignal;
}
