import type { Batch } from '../common/vector.js';
import type { PhysicalPlan } from '../planner/physical/plan.js';
import type { ExecContext } from './api.js';
import { buildOperator } from './operators/build.js';

/** Execute a plan, yielding its output batches in order. Nothing runs before the first batch is pulled. */
export function executePlan(plan: PhysicalPlan, ctx: ExecContext): AsyncIterable<Batch> {
  return {
    [Symbol.asyncIterator]() {
      return buildOperator(plan).execute(ctx)[Symbol.asyncIterator]();
    },
  };
}
