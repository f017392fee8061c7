/**
 * Projection push-down through a `set_op` node: rows are compared on every column, so both inputs keep all
 * their columns (each input is still pruned inside).
 */
import type { LogicalPlan } from '../logical/nodes.js';

type SetOpPlan = Extract<LogicalPlan, { kind: 'set_op' }>;
type Prune = (p: LogicalPlan, required: ReadonlySet<number>) => { readonly plan: LogicalPlan; readonly map: ReadonlyMap<number, number> };

export function pruneSetOp(p: SetOpPlan, prune: Prune): { plan: LogicalPlan; map: Map<number, number> } {
  const all = new Set(p.schema.map((_, i) => i));
  const left = prune(p.left, all).plan;
  const right = prune(p.right, all).plan;
  return { plan: { ...p, left, right }, map: new Map(p.schema.map((_, i) => [i, i])) };
}
