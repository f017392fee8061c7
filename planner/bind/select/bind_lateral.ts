/**
 * LATERAL FROM items: a subquery marked LATERAL, or any function in FROM (PostgreSQL lets those reference
 * earlier items without the keyword), is bound as a correlated subquery of the items to its left. When it
 * references none of them it is an ordinary join; otherwise a `lateral_join` whose params carry the left
 * values into the right side (run per distinct left values by executor/operators/lateral_join.ts).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { BoundExpr, SubqueryParam } from '../expr/bound_expr.js';
import { linkLateral, newParamId } from './bind_sublink.js';
import { mapColumns } from '../../optimizer/expr_utils.js';
import { hasSubquery } from '../../optimizer/rules/decorrelate_support.js';
import type { FromResult } from './bind_from.js';
import type { ExprScope } from '../expr/scope.js';

/** Whether a FROM item may reference the items before it. */
export function isLateralItem(node: PgNode): boolean {
  return !!node.RangeFunction || !!node.RangeSubselect?.lateral;
}

/** Link `node` to the scope of the items on its left before binding it; the returned params fill while it binds. */
export function prepareLateral(node: PgNode, leftScope: ExprScope): SubqueryParam[] | null {
  return isLateralItem(node) ? linkLateral(node, leftScope) : null;
}

/** Turn a bound join (from bind_from's combine) into a lateral join when the right side used left values. */
export function lateralJoin(joined: FromResult, params: readonly SubqueryParam[] | null, condition: BoundExpr | null, rightNode: PgNode): FromResult {
  if (params === null || params.length === 0) return joined;
  const j = joined.plan as Extract<LogicalPlan, { kind: 'join' }>;
  if (j.joinType !== 'inner' && j.joinType !== 'cross' && j.joinType !== 'left') {
    const col = params.map((x) => x.expr).find((e) => e.kind === 'column');
    const entry = col?.kind === 'column' ? joined.scope.entries.find((e) => e.columns.some((c) => c.index === col.index)) : undefined;
    const name = entry?.alias ?? rightNode.RangeSubselect?.alias?.aliasname ?? rightNode.RangeFunction?.alias?.aliasname ?? 'subquery';
    throw new QueryError(SQLSTATE.invalid_column_reference, `invalid reference to FROM-clause entry for table "${name}"`, {
      detail: 'The combining JOIN type must be INNER or LEFT for a LATERAL reference.',
    });
  }
  let right = j.right;
  let cond = condition?.kind === 'const' && condition.value === true ? null : condition;
  let all = params;
  if (cond !== null && hasSubquery(cond)) {
    // the executor's pair filter cannot run subqueries: filter the right side instead (left columns as params)
    const moved = conditionIntoRight(j.left.schema.length, right, cond);
    right = moved.right;
    all = [...params, ...moved.params];
    cond = null;
  }
  const plan: LogicalPlan = { kind: 'lateral_join', schema: j.schema, joinType: j.joinType === 'left' ? 'left' : 'inner', left: j.left, right, params: all, condition: cond };
  return { plan, scope: joined.scope };
}

/** `cond` (over left ++ right) as a filter over `right`, the left columns it reads becoming params. */
export function conditionIntoRight(nLeft: number, right: LogicalPlan, cond: BoundExpr): { right: LogicalPlan; params: SubqueryParam[] } {
  const params: SubqueryParam[] = [];
  const byColumn = new Map<number, number>();
  const predicate = mapColumns(cond, (c) => {
    if (c.index >= nLeft) return { ...c, index: c.index - nLeft };
    let id = byColumn.get(c.index);
    if (id === undefined) {
      id = newParamId();
      byColumn.set(c.index, id);
      params.push({ id, expr: c });
    }
    return { kind: 'outer_ref', id, type: c.type };
  });
  return { right: { kind: 'filter', schema: right.schema, input: right, predicate }, params };
}
