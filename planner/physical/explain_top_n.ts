/** EXPLAIN text of a top_n node: `Top-N  10 offset=5  by price DESC, id`. */
import { formatExpr } from '../logical/format_expr.js';
import type { PhysicalPlan } from './nodes.js';

type TopN = Extract<PhysicalPlan, { kind: 'top_n' }>;

export function describeTopN(p: TopN): string {
  const keys = p.keys.map((k) => `${formatExpr(k.expr, p.input.schema)}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`);
  return `Top-N  ${p.limit}${p.offset ? ` offset=${p.offset}` : ''}  by ${keys.join(', ')}`;
}
