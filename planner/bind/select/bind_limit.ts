/** LIMIT / OFFSET / FETCH FIRST: constant counts (LIMIT ALL and LIMIT NULL mean no limit). */
import { QueryError } from '../../../common/errors.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { bindExpr, foldConstants } from '../expr/bind_expr.js';
import { pgPosition, RelationScope } from './relation_scope.js';

function constCount(node: PgNode | undefined, clause: 'LIMIT' | 'OFFSET', ctx: PlanContext): number | null {
  if (!node) return null;
  const c = node.A_Const;
  if (c) {
    if (c.isnull) return null;
    if ('ival' in c) return check((c.ival?.ival as number | undefined) ?? 0, clause, c.location);
  }
  const e = foldConstants(bindExpr(node, RelationScope.empty().exprScope(clause), ctx.bind), ctx.bind);
  if (e.kind !== 'const') throw new QueryError('0A000', `only constant ${clause} values are supported`);
  if (e.value === null) return null;
  const v = typeof e.value === 'bigint' ? Number(e.value) : typeof e.value === 'number' ? e.value : typeof e.value === 'object' && 'unscaled' in e.value ? Number(e.value.unscaled) / 10 ** e.value.scale : NaN;
  if (!Number.isFinite(v)) throw new QueryError('42804', `argument of ${clause} must be type bigint, not type ${e.type.kind}`);
  return check(Math.round(v), clause, (Object.values(node)[0] as PgNode | undefined)?.location);
}

function check(v: number, clause: 'LIMIT' | 'OFFSET', location: unknown): number {
  if (v < 0) throw new QueryError(clause === 'LIMIT' ? '2201W' : '2201X', `${clause} must not be negative`, { position: pgPosition(location) });
  return v;
}

export function bindLimit(plan: LogicalPlan, stmt: PgNode, ctx: PlanContext): LogicalPlan {
  if (stmt.limitOption === 'LIMIT_OPTION_WITH_TIES') throw new QueryError('0A000', 'FETCH ... WITH TIES is not supported yet');
  const limit = constCount(stmt.limitCount, 'LIMIT', ctx);
  const offset = constCount(stmt.limitOffset, 'OFFSET', ctx) ?? 0;
  if (limit === null && offset === 0) return plan;
  return { kind: 'limit', schema: plan.schema, input: plan, limit, offset };
}
