/**
 * Projection push-down through a `lateral_join`: like a join, except that the left side also keeps the
 * columns the right side's params read.
 */
import type { Field } from '../../common/types.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { columnsOf, remapColumns } from './expr_utils.js';

type LateralPlan = Extract<LogicalPlan, { kind: 'lateral_join' }>;
type Prune = (p: LogicalPlan, required: ReadonlySet<number>) => { readonly plan: LogicalPlan; readonly map: ReadonlyMap<number, number> };

export function pruneLateralJoin(p: LateralPlan, required: ReadonlySet<number>, prune: Prune): { plan: LogicalPlan; map: Map<number, number> } {
  const nLeft = p.left.schema.length;
  const need = new Set(required);
  if (p.condition) columnsOf(p.condition, need);
  for (const param of p.params) columnsOf(param.expr, need);
  const l = prune(p.left, new Set([...need].filter((i) => i < nLeft)));
  const r = prune(p.right, new Set([...need].filter((i) => i >= nLeft).map((i) => i - nLeft)));
  const newLeft = l.plan.schema.length;
  const map = new Map<number, number>();
  for (const [o, n] of l.map) map.set(o, n);
  for (const [o, n] of r.map) map.set(o + nLeft, n + newLeft);
  const schema: Field[] = [];
  for (const [o, n] of map) schema[n] = p.schema[o]!;
  const params = p.params.map((x) => ({ id: x.id, expr: remapColumns(x.expr, l.map) }));
  return { plan: { ...p, left: l.plan, right: r.plan, schema, params, condition: p.condition ? remapColumns(p.condition, map) : null }, map };
}
