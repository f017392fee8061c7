/** EXPLAIN line of a LATERAL join. */
import { formatExpr } from '../logical/format_expr.js';
import type { PhysicalPlan } from './nodes.js';

export function describeLateralJoin(p: Extract<PhysicalPlan, { kind: 'lateral_join' }>): string {
  const both = [...p.left.schema, ...p.right.schema];
  const on = p.params.length > 0 ? `  correlated on ${p.params.map((x) => formatExpr(x.expr, p.left.schema)).join(', ')}` : '';
  return `Lateral Join ${p.joinType}${on}${p.condition ? `  on ${formatExpr(p.condition, both)}` : ''}`;
}
