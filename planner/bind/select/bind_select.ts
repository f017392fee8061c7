/**
 * SELECT binding: FROM → WHERE → GROUP BY/aggregates → HAVING → SELECT list → DISTINCT → ORDER BY → LIMIT,
 * producing a logical plan whose schema names are the output column names PostgreSQL would give.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { PlanContext, PlanQueryOptions, PgNode } from '../../api.js';
import type { LogicalPlan, SortKey } from '../../logical/nodes.js';
import { bindExpr, coerceToType } from '../expr/bind_expr.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import type { ExprScope } from '../expr/scope.js';
import { AggregateScope } from './aggregate_scope.js';
import { assignToTarget } from './assign.js';
import { bindFromList, requireBoolean } from './bind_from.js';
import { containsAggregate } from './bind_group_by.js';
import { aggregatePlan, bindGroupingClause } from './bind_grouping_sets.js';
import { bindLimit } from './bind_limit.js';
import { bindSetOp } from './bind_set_op.js';
import { checkDistinctOn, distinctOnPlan } from './bind_distinct_on.js';
import type { SnapshotPins } from './bind_table.js';
import { bindValues } from './bind_values.js';
import { WindowBinder } from './bind_window.js';
import { attachOuterScope, prebindSublinks } from './bind_sublink.js';
import { bindWithClause } from './bind_cte.js';
import { nodeKey, outputName } from './output_name.js';
import { pgPosition, RelationScope } from './relation_scope.js';
import { projectWithSrfs } from './bind_project_set.js';
import { simplifyRowInFilter } from './bind_row_compare.js';
import { prebindAggregating, prebindGroupBy, projectSubqueryKeys } from './bind_group_subquery.js';

export interface BoundQuery {
  readonly plan: LogicalPlan;
}

interface Target {
  readonly expr: BoundExpr;
  readonly name: string;
  /** the AST of the item (null for `*` expansions) */
  readonly node: PgNode | null;
  readonly position: number | undefined;
}

export async function bindSelectStmt(stmt: PgNode, ctx: PlanContext, pins: SnapshotPins, options: PlanQueryOptions): Promise<BoundQuery> {
  if (stmt.withClause) await bindWithClause(stmt, ctx, pins);
  if (stmt.op && stmt.op !== 'SETOP_NONE') return bindSetOp(stmt, ctx, pins, options, bindSelectStmt);
  if (stmt.valuesLists) {
    let plan = bindValues(stmt.valuesLists, ctx, options);
    plan = bindLimit(plan, stmt, ctx);
    return { plan };
  }

  const from = attachOuterScope(stmt, stmt.fromClause?.length
    ? await bindFromList(stmt.fromClause, ctx, pins, stmt)
    : { plan: { kind: 'values', schema: [], rows: [[]] } as LogicalPlan, scope: RelationScope.empty() });
  let plan = from.plan;

  if (stmt.whereClause) {
    await prebindSublinks(stmt.whereClause, from.scope.exprScope('WHERE'), ctx, pins);
    const pred = requireBoolean(bindExpr(stmt.whereClause, from.scope.exprScope('WHERE'), ctx.bind), 'WHERE', ctx, stmt.whereClause);
    plan = { kind: 'filter', schema: plan.schema, input: plan, predicate: simplifyRowInFilter(pred) };
  }

  const targetNodes: PgNode[] = (stmt.targetList ?? []).map((t: PgNode) => t.ResTarget);
  const sortNodes: PgNode[] = (stmt.sortClause ?? []).map((s: PgNode) => s.SortBy);
  const aggregating = (stmt.groupClause?.length ?? 0) > 0 || !!stmt.havingClause || containsAggregate([...targetNodes.map((t) => t.val), ...sortNodes.map((s) => s.node)]);

  let aggScope: AggregateScope | null = null;
  let scopeFor: (clause: string) => ExprScope = (clause) => from.scope.exprScope(clause);
  if (aggregating) {
    await prebindGroupBy(stmt.groupClause ?? [], targetNodes, from.scope.exprScope('GROUP BY'), ctx, pins);
    const grouping = bindGroupingClause(stmt.groupClause ?? [], targetNodes, from.scope, ctx);
    const s = new AggregateScope(from.scope, grouping.keys, 'SELECT', grouping.sets);
    aggScope = s;
    scopeFor = (clause) => s.withClause(clause);
  }

  // SELECT list
  const targets: Target[] = [];
  const selectScope = scopeFor('SELECT');
  const windows = new WindowBinder(stmt.windowClause, ctx);
  for (const t of targetNodes) {
    const val = t.val as PgNode;
    const fields = val.ColumnRef?.fields as PgNode[] | undefined;
    if (fields && fields[fields.length - 1]!.A_Star) {
      targets.push(...expandStar(fields, from.scope, selectScope, val.ColumnRef.location));
      continue;
    }
    await prebindAggregating(val, selectScope, aggScope, ctx, pins);
    const expr = bindExpr(val, windows.wrap(selectScope), ctx.bind);
    targets.push({ expr, name: (t.name as string | undefined) ?? outputName(val), node: val, position: pgPosition(t.location) });
  }

  // HAVING
  let having: BoundExpr | null = null;
  if (stmt.havingClause) await prebindAggregating(stmt.havingClause, scopeFor('HAVING'), aggScope, ctx, pins);
  if (stmt.havingClause) having = requireBoolean(bindExpr(stmt.havingClause, scopeFor('HAVING'), ctx.bind), 'HAVING', ctx, stmt.havingClause);

  // ORDER BY: keys refer to output columns; expressions not in the list become hidden columns
  const hidden: BoundExpr[] = [];
  const distinct = Array.isArray(stmt.distinctClause) && stmt.distinctClause.length > 0;
  const distinctOn: PgNode[] = distinct && Object.keys(stmt.distinctClause[0] ?? {}).length > 0 ? stmt.distinctClause : [];
  const sortKeys: { index: number; descending: boolean; nullsFirst: boolean }[] = [];
  for (const s of sortNodes) {
    const descending = s.sortby_dir === 'SORTBY_DESC';
    const nullsFirst = s.sortby_nulls === 'SORTBY_NULLS_FIRST' ? true : s.sortby_nulls === 'SORTBY_NULLS_LAST' ? false : descending;
    if (s.sortby_dir === 'SORTBY_USING') throw new QueryError(SQLSTATE.feature_not_supported, 'ORDER BY ... USING is not supported');
    await prebindAggregating(s.node, scopeFor('ORDER BY'), aggScope, ctx, pins);
    const index = bindSortKey(s.node, targets, hidden, windows.wrap(scopeFor('ORDER BY')), ctx, distinct && distinctOn.length === 0);
    sortKeys.push({ index, descending, nullsFirst });
  }
  const onKeys = distinctOn.map((n) => bindSortKey(n, targets, hidden, windows.wrap(scopeFor('DISTINCT ON')), ctx, false));
  checkDistinctOn(onKeys, sortKeys, distinctOn);

  if (aggScope) {
    const keyFields: Field[] = aggScope.groupKeys.map((k, i) => ({ name: k.expr.kind === 'column' ? from.scope.fields[k.expr.index]!.name : `key${i}`, type: k.expr.type, nullable: true }));
    const aggFields: Field[] = aggScope.aggregates.map((a) => ({ name: a.fn === 'count_star' ? 'count' : a.fn, type: a.type, nullable: a.fn !== 'count' && a.fn !== 'count_star' }));
    const keyed = projectSubqueryKeys(plan, aggScope.groupKeys.map((k) => k.expr));
    plan = aggregatePlan(keyed.plan, [...keyFields, ...aggFields], keyed.keys, aggScope.aggregates, aggScope.sets);
    if (having) plan = { kind: 'filter', schema: plan.schema, input: plan, predicate: having };
  }

  plan = windows.finish(plan, targets, hidden);

  // final output types: INSERT targets get assignment casts; leftover unknown literals become text
  const exprs = targets.map((t, i) => {
    const target = options.targetTypes?.[i];
    if (target) return assignToTarget(t.expr, target, options.targetNames?.[i] ?? t.name, ctx, t.position);
    return t.expr.type.kind === 'unknown' ? coerceToType(t.expr, T.text, 'implicit', ctx.bind) : t.expr;
  });
  const outFields: Field[] = exprs.map((e, i) => ({ name: targets[i]!.name, type: e.type, nullable: true }));
  const hiddenFields: Field[] = hidden.map((e, i) => ({ name: `?sort${i}?`, type: e.type, nullable: true }));
  plan = projectWithSrfs({ kind: 'project', schema: [...outFields, ...hiddenFields], input: plan, exprs: [...exprs, ...hidden] });
  if (distinctOn.length > 0) plan = distinctOnPlan(plan, onKeys, sortKeys);
  else if (distinct) plan = { kind: 'distinct', schema: plan.schema, input: plan };
  if (sortKeys.length > 0) {
    const keys: SortKey[] = sortKeys.map((k) => ({ expr: { kind: 'column', index: k.index, type: plan.schema[k.index]!.type }, descending: k.descending, nullsFirst: k.nullsFirst }));
    plan = { kind: 'sort', schema: plan.schema, input: plan, keys };
  }
  plan = bindLimit(plan, stmt, ctx);
  if (hidden.length > 0) {
    plan = { kind: 'project', schema: outFields, input: plan, exprs: outFields.map((f, i) => ({ kind: 'column', index: i, type: f.type })) };
  }
  return { plan };
}

function expandStar(fields: PgNode[], from: RelationScope, scope: ExprScope, location: number | undefined): Target[] {
  const qualifier = fields.length > 1 ? (fields[fields.length - 2]!.String.sval as string) : null;
  let entries = from.entries;
  if (qualifier !== null) {
    entries = entries.filter((e) => e.alias === qualifier);
    if (entries.length === 0) throw new QueryError(SQLSTATE.undefined_table, `missing FROM-clause entry for table "${qualifier}"`, { position: pgPosition(location) });
  } else if (entries.length === 0) {
    throw new QueryError(SQLSTATE.syntax_error, 'SELECT * with no tables specified is not valid', { position: pgPosition(location) });
  }
  const out: Target[] = [];
  for (const e of entries) {
    for (const c of e.columns) {
      if (c.hidden && qualifier === null) continue;
      // resolve through the scope so grouping rules apply; by index to avoid ambiguity
      const r = scope.resolveColumn === undefined ? null : resolveByIndex(scope, from, e.alias, c.name, c.index, location);
      out.push({ expr: r ?? { kind: 'column', index: c.index, type: c.type, name: c.name }, name: c.name, node: null, position: pgPosition(location) });
    }
  }
  return out;
}

function resolveByIndex(scope: ExprScope, from: RelationScope, alias: string, name: string, index: number, location: number | undefined): BoundExpr | null {
  if (scope instanceof AggregateScope) {
    const k = scope.groupKeys.findIndex((g) => g.expr.kind === 'column' && g.expr.index === index);
    if (k < 0) throw new QueryError(SQLSTATE.grouping_error, `column "${alias}.${name}" must appear in the GROUP BY clause or be used in an aggregate function`, { position: pgPosition(location) });
    return { kind: 'column', index: k, type: from.fields[index]!.type, name };
  }
  return null;
}

function intConst(node: PgNode): number | null {
  const c = node.A_Const;
  if (!c || !('ival' in c)) return null;
  return (c.ival?.ival as number | undefined) ?? 0;
}

function sameExpr(a: BoundExpr, b: BoundExpr): boolean {
  return nodeKey(stringifySafe(a)) === nodeKey(stringifySafe(b));
}

function stringifySafe(e: BoundExpr): unknown {
  return JSON.parse(JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
}

function bindSortKey(node: PgNode, targets: Target[], hidden: BoundExpr[], scope: ExprScope, ctx: PlanContext, distinct: boolean): number {
  const ord = intConst(node);
  if (ord !== null) {
    if (ord < 1 || ord > targets.length) throw new QueryError(SQLSTATE.invalid_column_reference, `ORDER BY position ${ord} is not in select list`, { position: pgPosition(node.A_Const.location) });
    return ord - 1;
  }
  const f = node.ColumnRef?.fields as PgNode[] | undefined;
  if (f && f.length === 1 && f[0]!.String) {
    const name = f[0]!.String.sval as string;
    const hits = targets.map((t, i) => (t.name === name ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) {
      // PostgreSQL accepts duplicates that are the same expression
      const first = targets[hits[0]!]!.expr;
      if (!hits.every((i) => sameExpr(targets[i]!.expr, first))) throw new QueryError(SQLSTATE.ambiguous_column, `ORDER BY "${name}" is ambiguous`, { position: pgPosition(node.ColumnRef.location) });
      return hits[0]!;
    }
  }
  const e = bindExpr(node, scope, ctx.bind);
  const i = targets.findIndex((t) => sameExpr(t.expr, e));
  if (i >= 0) return i;
  if (distinct) {
    const loc = (Object.values(node)[0] as PgNode | undefined)?.location;
    throw new QueryError(SQLSTATE.invalid_column_reference, 'for SELECT DISTINCT, ORDER BY expressions must appear in select list', { position: pgPosition(loc) });
  }
  const h = hidden.findIndex((x) => sameExpr(x, e));
  if (h >= 0) return targets.length + h;
  hidden.push(e.type.kind === 'unknown' ? coerceToType(e, T.text, 'implicit', ctx.bind) : e);
  return targets.length + hidden.length - 1;
}
