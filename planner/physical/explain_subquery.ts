/** EXPLAIN lines for semi/anti joins and subquery evaluation (named as PostgreSQL names them where it has them). */
import { formatExpr } from '../logical/format_expr.js';
import type { PhysicalPlan } from './nodes.js';

export function describeSemiJoin(p: Extract<PhysicalPlan, { kind: 'semi_join' }>): string {
  const both = [...p.left.schema, ...p.right.schema];
  const conds = p.leftKeys.map((k, i) => `${formatExpr(k, p.left.schema)} = ${formatExpr(p.rightKeys[i]!, p.right.schema)}`);
  const name = `${p.leftKeys.length > 0 ? 'Hash' : 'Nested Loop'} ${p.anti ? 'Anti' : 'Semi'} Join${p.nullAware ? ' (null-aware)' : ''}`;
  return `${name}${conds.length ? `  on ${conds.join(' AND ')}` : ''}${p.residual ? `  residual=${formatExpr(p.residual, both)}` : ''}`;
}

export function describeSubqueryApply(p: Extract<PhysicalPlan, { kind: 'subquery_apply' }>): string {
  const parts = p.subqueries.map((s, i) => {
    const correlated = s.params.length > 0 ? `correlated on ${s.params.map((x) => formatExpr(x.expr, p.input.schema)).join(', ')}` : 'once';
    const what = s.mode === 'scalar' ? 'scalar' : s.mode === 'exists' ? 'EXISTS' : `${s.op} ${s.mode.toUpperCase()}`;
    return `SubPlan ${i + 1} (${what}, ${correlated})`;
  });
  return `Subquery Apply  ${parts.join(', ')}`;
}
