/**
 * FROM clause: table references, subqueries, read_parquet(), joins (INNER/LEFT/RIGHT/FULL/CROSS, ON/USING/
 * NATURAL) and comma lists (cross joins). Produces a logical plan and the RelationScope over its output.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { T } from '../../../common/types.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { JoinType, LogicalPlan } from '../../logical/nodes.js';
import { bindExpr, coerceToType } from '../expr/bind_expr.js';
import type { BoundExpr, SubqueryParam } from '../expr/bound_expr.js';
import { bindTable, type SnapshotPins } from './bind_table.js';
import { bindRangeFunction } from './bind_table_function.js';
import { bindSystemFunctionTable } from './bind_system_table.js';
import { pgPosition, RelationScope, type ScopeColumn, type ScopeEntry } from './relation_scope.js';
import { bindSelectStmt } from './bind_select.js';
import { bindCteRef } from './bind_cte.js';
import { attachOuterScope, prebindSublinks } from './bind_sublink.js';
import { lateralJoin, prepareLateral } from './bind_lateral.js';
import { outerJoinWithSubqueries } from './bind_outer_join_subquery.js';
import type { ExprScope } from '../expr/scope.js';

export interface FromResult {
  readonly plan: LogicalPlan;
  readonly scope: RelationScope;
}

/** A statement's FROM list: items joined left to right as cross joins (the WHERE clause usually turns them into inner joins). */
export async function bindFromList(items: readonly PgNode[], ctx: PlanContext, pins: SnapshotPins, stmt?: PgNode): Promise<FromResult> {
  let acc: FromResult | null = null;
  for (const item of items) {
    const params: SubqueryParam[] | null = acc === null ? null : prepareLateral(item, leftScope(acc, stmt));
    const r = await bindFromItem(item, ctx, pins);
    acc = acc === null ? r : lateralJoin(combine(acc, r, 'cross', null), params, null, item);
  }
  return acc!;
}

/** The scope a LATERAL item sees: the items on its left, then the enclosing query's (when `stmt` is a subquery). */
function leftScope(left: FromResult, stmt: PgNode | undefined): ExprScope {
  return (stmt ? attachOuterScope(stmt, left) : left).scope.exprScope('FROM');
}

async function bindFromItem(node: PgNode, ctx: PlanContext, pins: SnapshotPins): Promise<FromResult> {
  if (node.RangeVar) return (await bindCteRef(node.RangeVar, ctx, pins)) ?? bindTable(node.RangeVar, ctx, pins);
  if (node.RangeSubselect) return bindSubquery(node.RangeSubselect, ctx, pins);
  if (node.RangeFunction) return bindSystemFunctionTable(node.RangeFunction) ?? bindRangeFunction(node.RangeFunction, ctx);
  if (node.JoinExpr) return bindJoin(node.JoinExpr, ctx, pins);
  throw new QueryError(SQLSTATE.feature_not_supported, `unsupported FROM item: ${Object.keys(node)[0]}`);
}

async function bindSubquery(rs: PgNode, ctx: PlanContext, pins: SnapshotPins): Promise<FromResult> {
  if (!rs.alias) throw new QueryError(SQLSTATE.syntax_error, 'subquery in FROM must have an alias', { hint: 'For example, FROM (SELECT ...) [AS] foo.' });
  const q = await bindSelectStmt(rs.subquery.SelectStmt ?? rs.subquery, ctx, pins, {});
  const colAliases: string[] = (rs.alias.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  if (colAliases.length > q.plan.schema.length) throw new QueryError(SQLSTATE.invalid_column_reference, `table "${rs.alias.aliasname}" has ${q.plan.schema.length} columns available but ${colAliases.length} columns specified`);
  const fields = q.plan.schema.map((f, i) => ({ ...f, name: colAliases[i] ?? f.name }));
  const entry: ScopeEntry = { alias: rs.alias.aliasname, schemaName: null, columns: fields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })) };
  return { plan: { ...q.plan, schema: fields } as LogicalPlan, scope: new RelationScope([entry], fields) };
}

function combine(left: FromResult, right: FromResult, joinType: JoinType, condition: BoundExpr | null, hide?: ReadonlySet<number>): FromResult {
  const offset = left.scope.fields.length;
  const rightEntries = right.scope.shifted(offset);
  const mark = (e: ScopeEntry): ScopeEntry => ({ ...e, columns: e.columns.map((c: ScopeColumn) => (hide?.has(c.index) ? { ...c, hidden: true } : c)) });
  const nullableLeft = joinType === 'right' || joinType === 'full';
  const nullableRight = joinType === 'left' || joinType === 'full';
  const fields = [
    ...left.scope.fields.map((f) => (nullableLeft ? { ...f, nullable: true } : f)),
    ...right.scope.fields.map((f) => (nullableRight ? { ...f, nullable: true } : f)),
  ];
  const scope = new RelationScope([...left.scope.entries, ...rightEntries].map(mark), fields);
  return { plan: { kind: 'join', schema: fields, joinType, left: left.plan, right: right.plan, condition }, scope };
}

const JOIN_TYPES: Record<string, JoinType> = { JOIN_INNER: 'inner', JOIN_LEFT: 'left', JOIN_RIGHT: 'right', JOIN_FULL: 'full' };

async function bindJoin(j: PgNode, ctx: PlanContext, pins: SnapshotPins): Promise<FromResult> {
  const left = await bindFromItem(j.larg, ctx, pins);
  const params = prepareLateral(j.rarg, leftScope(left, undefined));
  const right = await bindFromItem(j.rarg, ctx, pins);
  let joinType = JOIN_TYPES[j.jointype as string];
  if (!joinType) throw new QueryError(SQLSTATE.feature_not_supported, `unsupported join type ${j.jointype}`);
  let usingNames: string[] = (j.usingClause ?? []).map((n: PgNode) => n.String.sval as string);
  if (j.isNatural) {
    const rightNames = new Set(right.scope.entries.flatMap((e) => e.columns.filter((c) => !c.hidden).map((c) => c.name)));
    usingNames = [...new Set(left.scope.entries.flatMap((e) => e.columns.filter((c) => !c.hidden).map((c) => c.name)))].filter((n) => rightNames.has(n));
  }
  if (!j.quals && usingNames.length === 0) {
    if (joinType === 'inner') joinType = 'cross';
    return lateralJoin(combine(left, right, joinType, null), params, null, j.rarg);
  }
  const offset = left.scope.fields.length;
  if (usingNames.length > 0) {
    const hide = new Set<number>();
    const conds: BoundExpr[] = [];
    for (const name of usingNames) {
      const l = lookupUsing(left.scope, name, 'left');
      const r = lookupUsing(right.scope, name, 'right');
      hide.add(joinType === 'right' ? l.index : r.index + offset);
      const node = { A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: '=' } }], lexpr: { ColumnRef: { fields: [{ String: { sval: 'l' } }] } }, rexpr: { ColumnRef: { fields: [{ String: { sval: 'r' } }] } } } };
      const pair = new RelationScope(
        [
          { alias: 'l', schemaName: null, columns: [{ name: 'l', type: l.type, index: l.index, hidden: false }] },
          { alias: 'r', schemaName: null, columns: [{ name: 'r', type: r.type, index: r.index + offset, hidden: false }] },
        ],
        [],
      );
      conds.push(bindExpr(node, pair.exprScope('JOIN/USING'), ctx.bind));
    }
    const condition: BoundExpr = conds.length === 1 ? conds[0]! : { kind: 'and', args: conds, type: T.bool };
    return lateralJoin(combine(left, right, joinType, condition, hide), params, condition, j.rarg);
  }
  const both = combine(left, right, joinType, null);
  await prebindSublinks(j.quals, both.scope.exprScope('JOIN/ON'), ctx, pins);
  let cond = bindExpr(j.quals, both.scope.exprScope('JOIN/ON'), ctx.bind);
  cond = requireBoolean(cond, 'JOIN/ON', ctx, j.quals);
  const joined: Extract<LogicalPlan, { kind: 'join' }> = { ...(both.plan as Extract<LogicalPlan, { kind: 'join' }>), condition: cond };
  if (params === null || params.length === 0) return { ...both, plan: outerJoinWithSubqueries(joined) ?? joined };
  return lateralJoin({ ...both, plan: joined }, params, cond, j.rarg);
}

function lookupUsing(scope: RelationScope, name: string, side: string): ScopeColumn {
  const hits = scope.entries.flatMap((e) => e.columns.filter((c) => !c.hidden && c.name === name));
  if (hits.length === 0) throw new QueryError(SQLSTATE.undefined_column, `column "${name}" specified in USING clause does not exist in ${side} table`);
  if (hits.length > 1) throw new QueryError(SQLSTATE.ambiguous_column, `common column name "${name}" appears more than once in ${side} table`);
  return hits[0]!;
}

/** WHERE / HAVING / JOIN ON must be boolean (unknown literals are coerced). */
export function requireBoolean(e: BoundExpr, clause: string, ctx: PlanContext, node: PgNode): BoundExpr {
  if (e.type.kind === 'bool') return e;
  if (e.type.kind === 'unknown') return coerceToType(e, T.bool, 'implicit', ctx.bind);
  const loc = node ? (Object.values(node)[0] as PgNode | undefined)?.location : undefined;
  throw new QueryError(SQLSTATE.datatype_mismatch, `argument of ${clause} must be type boolean, not type ${formatTypeName(e)}`, { position: pgPosition(loc) });
}

function formatTypeName(e: BoundExpr): string {
  const k = e.type.kind;
  const names: Record<string, string> = { int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real', float8: 'double precision', varchar: 'character varying', bpchar: 'character', timestamp: 'timestamp without time zone', timestamptz: 'timestamp with time zone' };
  return names[k] ?? k;
}
