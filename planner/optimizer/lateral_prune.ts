/**
 * Projection push-down through a `lateral_join`: like a join, except that the left side also keeps the
 * columns the right side's params read.
 */
import type { Field } from '../../common/types.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { columnsOf, remapColumns } from './expr_utils.js';

type LateralPlan = Extract<LogicalPlan, { kind: 'lateral_join' }>;
type Prune = (p: LogicalPlan, required: ReadonlySet<number>) => { readonly plan: LogicalPlan; readonly map: ReadonlyMap<number, number> };

/**
 * Prune both sides of a two-input node (join, lateral join) to the columns in `need` (indexes into left ++ right):
 * the pruned sides, the old → new column map of the combined output, and the combined schema.
 */
export function pruneSides(p: { readonly left: LogicalPlan; readonly right: LogicalPlan; readonly schema: readonly Field[] }, need: ReadonlySet<number>, prune: Prune): {
  readonly left: { readonly plan: LogicalPlan; readonly map: ReadonlyMap<number, number> };
  readonly right: LogicalPlan;
  readonly map: Map<number, number>;
  readonly schema: Field[];
} {
  const nLeft = p.left.schema.length;
  const l = prune(p.left, new Set([...need].filter((i) => i < nLeft)));
  const r = prune(p.right, new Set([...need].filter((i) => i >= nLeft).map((i) => i - nLeft)));
  const newLeft = l.plan.schema.length;
  const map = new Map<number, number>();
  for (const [o, n] of l.map) map.set(o, n);
  for (const [o, n] of r.map) map.set(o + nLeft, n + newLeft);
  const schema: Field[] = [];
  for (const [o, n] of map) schema[n] = p.schema[o]!;
  return { left: l, right: r.plan, map, schema };
}

export function pruneLateralJoin(p: LateralPlan, required: ReadonlySet<number>, prune: Prune): { plan: LogicalPlan; map: Map<number, number> } {
  const need = new Set(required);
  if (p.condition) columnsOf(p.condition, need);
  for (const param of p.params) columnsOf(param.expr, need);
  const { left, right, map, schema } = pruneSides(p, need, prune);
  const params = p.params.map((x) => ({ id: x.id, expr: remapColumns(x.expr, left.map) }));
  return { plan: { ...p, left: left.plan, right, schema, params, condition: p.condition ? remapColumns(p.condition, map) : null }, map };
}
