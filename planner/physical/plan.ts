/**
 * Physical plans: plain data (structured-cloneable), printed by EXPLAIN, executed by executor/.
 * Owned by the relational planner helper; this file fixes only the top-level shape.
 */
import type { Field } from '../../common/types.js';

export interface PhysicalPlanBase {
  readonly kind: string;
  /** output columns */
  readonly schema: readonly Field[];
  /** estimated output rows */
  readonly estimatedRows: number;
}

// The concrete union is defined by the relational planner in physical/nodes.ts and re-exported here.
export type { PhysicalPlan } from './nodes.js';
