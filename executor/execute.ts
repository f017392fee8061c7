import type { Batch } from '../common/vector.js';
import type { PhysicalPlan } from '../planner/physical/plan.js';
import type { ExecContext } from './api.js';

/** Execute a plan, yielding its output batches in order. */
export function executePlan(plan: PhysicalPlan, ctx: ExecContext): AsyncIterable<Batch> { throw new Error('TODO'); }
