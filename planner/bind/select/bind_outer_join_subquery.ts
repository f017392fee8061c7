/**
 * Subqueries in an outer join's ON condition. RIGHT joins are first turned into LEFT joins (sides swapped).
 * A subquery that reads the columns of one side only (or none) is computed by a projection on that side and
 * the condition reads its column, so the join itself stays an ordinary (hash or nested-loop) join. A LEFT
 * join whose subquery reads both sides becomes a lateral join: per left row, the right rows filtered by the
 * condition (left columns as params), NULL-extended when none pass. A FULL join with such a subquery fails as
 * in PostgreSQL.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import { mapExprChildren } from '../expr/bound_expr.js';
import { columnsOf, mapColumns } from '../../optimizer/expr_utils.js';
import { hasSubquery } from '../../optimizer/rules/decorrelate_support.js';
import { conditionIntoRight } from './bind_lateral.js';

type JoinPlan = Extract<LogicalPlan, { kind: 'join' }>;

const col = (index: number, f: Field): BoundExpr => ({ kind: 'column', index, type: f.type });

function project(input: LogicalPlan, extra: readonly BoundExpr[], schema?: readonly Field[]): LogicalPlan {
  if (extra.length === 0 && schema === undefined) return input;
  return {
    kind: 'project',
    schema: schema ?? [...input.schema, ...extra.map((e, i) => ({ name: `?sub${i}?`, type: e.type, nullable: true }))],
    input,
    exprs: [...input.schema.map((f, i) => col(i, f)), ...extra],
  };
}

/** The join rewritten when its ON condition has subqueries and it is an outer join; else null. */
export function outerJoinWithSubqueries(j: JoinPlan): LogicalPlan | null {
  if (j.condition === null || !hasSubquery(j.condition)) return null;
  if (j.joinType === 'inner' || j.joinType === 'cross') return null;
  if (j.joinType === 'right') return swapRight(j);
  const nLeft = j.left.schema.length;
  const subs: { expr: BoundExpr; side: 'left' | 'right' | 'both' }[] = [];
  const collect = (e: BoundExpr): void => {
    if (e.kind === 'subquery') {
      const cols = [...columnsOf(e)];
      const side = cols.every((c) => c < nLeft) && cols.length > 0 ? 'left' : cols.every((c) => c >= nLeft) ? 'right' : 'both';
      subs.push({ expr: e, side });
      return;
    }
    mapExprChildren(e, (c) => (collect(c), c));
  };
  collect(j.condition);
  if (subs.some((s) => s.side === 'both')) {
    if (j.joinType === 'full') throw new QueryError(SQLSTATE.feature_not_supported, 'FULL JOIN is only supported with merge-joinable or hash-joinable join conditions');
    return lateralLeft(j);
  }
  const leftSubs = subs.filter((s) => s.side === 'left').map((s) => s.expr);
  const rightSubs = subs.filter((s) => s.side === 'right').map((s) => s.expr);
  const nRight = j.right.schema.length;
  const shift = leftSubs.length;
  const left = project(j.left, leftSubs);
  const right = project(j.right, rightSubs.map((e) => mapColumns(e, (c) => ({ ...c, index: c.index - nLeft }))));
  const replace = (e: BoundExpr): BoundExpr => {
    if (e.kind === 'subquery') {
      const li = leftSubs.indexOf(e);
      return li >= 0 ? { kind: 'column', index: nLeft + li, type: e.type } : { kind: 'column', index: nLeft + shift + nRight + rightSubs.indexOf(e), type: e.type };
    }
    if (e.kind === 'column') return e.index < nLeft ? e : { ...e, index: e.index + shift };
    return mapExprChildren(e, replace);
  };
  const nullable = (f: Field): Field => ({ ...f, nullable: true });
  const schema = [...left.schema.map((f) => (j.joinType === 'full' ? nullable(f) : f)), ...right.schema.map(nullable)];
  const join: LogicalPlan = { ...j, schema, left, right, condition: replace(j.condition) };
  return {
    kind: 'project', schema: j.schema, input: join,
    exprs: j.schema.map((f, i) => col(i < nLeft ? i : i + shift, f)),
  };
}

/** RIGHT JOIN = LEFT JOIN with the sides swapped, columns put back in order. */
function swapRight(j: JoinPlan): LogicalPlan {
  const nLeft = j.left.schema.length;
  const nRight = j.right.schema.length;
  const cond = mapColumns(j.condition!, (c) => ({ ...c, index: c.index < nLeft ? c.index + nRight : c.index - nLeft }));
  const swapped: JoinPlan = { ...j, joinType: 'left', left: j.right, right: j.left, schema: [...j.schema.slice(nLeft), ...j.schema.slice(0, nLeft)], condition: cond };
  const input = outerJoinWithSubqueries(swapped) ?? swapped;
  return { kind: 'project', schema: j.schema, input, exprs: j.schema.map((f, i) => col(i < nLeft ? i + nRight : i - nLeft, f)) };
}

/** LEFT JOIN … ON cond(left, right): per left row, the right rows where cond holds (left columns as params). */
function lateralLeft(j: JoinPlan): LogicalPlan {
  const { right, params } = conditionIntoRight(j.left.schema.length, j.right, j.condition!);
  return { kind: 'lateral_join', schema: j.schema, joinType: 'left', left: j.left, right, params, condition: null };
}
