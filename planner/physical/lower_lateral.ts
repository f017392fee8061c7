/** Lowering a LATERAL join: both sides lowered; the right side runs per left row (executor/operators/lateral_join.ts). */
import type { LogicalPlan } from '../logical/nodes.js';
import type { PhysicalPlan } from './nodes.js';

type LateralPlan = Extract<LogicalPlan, { kind: 'lateral_join' }>;

export function lowerLateralJoin(p: LateralPlan, lower: (x: LogicalPlan) => PhysicalPlan): PhysicalPlan {
  const left = lower(p.left);
  const right = lower(p.right);
  const rows = Math.max(p.joinType === 'left' ? left.estimatedRows : 1, left.estimatedRows * Math.max(1, right.estimatedRows) * (p.condition ? 0.5 : 1));
  return { kind: 'lateral_join', schema: p.schema, estimatedRows: rows, joinType: p.joinType, left, right, params: p.params, condition: p.condition };
}
