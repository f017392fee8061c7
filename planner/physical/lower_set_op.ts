/** Lowering of UNION / INTERSECT / EXCEPT: one hash-based set_op node; row estimate by operation. */
import type { LogicalPlan } from '../logical/nodes.js';
import type { PhysicalPlan } from './nodes.js';

type SetOpPlan = Extract<LogicalPlan, { kind: 'set_op' }>;

export function lowerSetOp(p: SetOpPlan, lower: (p: LogicalPlan) => PhysicalPlan): PhysicalPlan {
  const left = lower(p.left);
  const right = lower(p.right);
  const l = left.estimatedRows;
  const r = right.estimatedRows;
  const estimatedRows = p.op === 'union' ? (p.all ? l + r : Math.max(1, (l + r) * 0.5)) : p.op === 'intersect' ? Math.max(1, Math.min(l, r) * 0.5) : Math.max(1, l * 0.5);
  return { kind: 'set_op', schema: p.schema, estimatedRows, op: p.op, all: p.all, left, right };
}
