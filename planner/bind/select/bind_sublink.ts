/**
 * Subqueries in expressions (libpg-query SubLink): EXISTS, scalar `(SELECT ...)`, `x [NOT] IN (SELECT ...)`,
 * `x op ANY/ALL (SELECT ...)`.
 *
 * The expression binder is synchronous but binding a SELECT is not (tables are looked up in the catalog), so
 * the statement binder first calls `prebindSublinks` on each clause: it binds every subquery of the clause
 * (with the clause's scope as the enclosing scope for correlated references) and remembers the result by
 * AST node; `bindSubLink` (called by bindExpr) then only types the expression around it.
 *
 * Correlated references: a subquery's FROM scope is a CorrelatedScope; a column it cannot resolve locally
 * is resolved in the enclosing scope (as PostgreSQL does, level by level) and becomes an `outer_ref` to a
 * param of the subquery whose value expression is over the enclosing query's columns.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { T } from '../../../common/types.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { bindExpr } from '../expr/bind_expr.js';
import { bindComparison, COMPARE_OPS, type CompareOp } from '../expr/bind_operator.js';
import type { BoundExpr, SubqueryParam } from '../expr/bound_expr.js';
import { coerceToType } from '../expr/coerce.js';
import { pos, unsupported } from '../expr/errors.js';
import type { BindContext, ColumnResolution, ExprScope } from '../expr/scope.js';
import type { FromResult } from './bind_from.js';
import { bindSelectStmt } from './bind_select.js';
import type { SnapshotPins } from './bind_table.js';
import { RelationScope } from './relation_scope.js';
import { bindArraySublink } from './bind_array_sublink.js';
import { bindRowQuantified } from './bind_row_compare.js';

/** How a subquery reaches the query around it. */
interface OuterLink {
  readonly scope: ExprScope;
  readonly params: SubqueryParam[];
  readonly keys: string[];
}

/** SelectStmt bodies (and the derived tables inside them) → their enclosing query's scope. */
const LINKS = new WeakMap<PgNode, OuterLink>();
/** SubLink bodies → the bound subquery. */
const BOUND = new WeakMap<PgNode, { readonly plan: LogicalPlan; readonly params: readonly SubqueryParam[] }>();

let nextParamId = 1;

/** A fresh param id (row comparisons with subqueries add params of their own: bind_row_compare.ts). */
export function newParamId(): number {
  return nextParamId++;
}

/** The subquery prebindSublinks bound for a SubLink body. */
export function boundSublink(body: PgNode): { readonly plan: LogicalPlan; readonly params: readonly SubqueryParam[] } | undefined {
  return BOUND.get(body);
}

function exprKey(e: BoundExpr): string {
  return JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** A FROM scope that falls back to the enclosing query for names it does not have. */
export class CorrelatedScope extends RelationScope {
  constructor(inner: RelationScope, private readonly link: OuterLink) {
    super(inner.entries, inner.fields);
  }

  override resolve(fields: readonly string[], position: number | undefined): ColumnResolution {
    try {
      return super.resolve(fields, position);
    } catch (e) {
      if (!(e instanceof QueryError) || !this.mayBeOuter(fields, e)) throw e;
    }
    const r = this.link.scope.resolveColumn(fields, position);
    const expr: BoundExpr = r.expr ?? { kind: 'column', index: r.index, type: r.type, name: r.name };
    const key = exprKey(expr);
    let i = this.link.keys.indexOf(key);
    if (i < 0) {
      i = this.link.keys.length;
      this.link.keys.push(key);
      this.link.params.push({ id: nextParamId++, expr });
    }
    return { index: -1, type: r.type, name: r.name, expr: { kind: 'outer_ref', id: this.link.params[i]!.id, type: r.type } };
  }

  /** The outer resolution of a name this scope does not have (null when it is local). */
  outerOnly(fields: readonly string[], position: number | undefined): ColumnResolution | null {
    try {
      super.lookup(fields, position);
      return null;
    } catch (e) {
      if (!(e instanceof QueryError) || !this.mayBeOuter(fields, e)) return null;
    }
    return this.resolve(fields, position);
  }

  private mayBeOuter(fields: readonly string[], e: QueryError): boolean {
    if (fields.length === 1) return e.sqlstate === SQLSTATE.undefined_column;
    // a qualified name whose table is visible here is never looked up outside
    const table = fields[fields.length - 2]!;
    return !this.entries.some((x) => x.alias === table);
  }
}

/** For scopes over a FROM clause (the aggregate scope): a correlated reference, or null. */
export function outerResolution(scope: RelationScope, fields: readonly string[], position: number | undefined): ColumnResolution | null {
  return scope instanceof CorrelatedScope ? scope.outerOnly(fields, position) : null;
}

/** Link a subquery statement (its set-operation arms, derived tables and CTE bodies too) to the enclosing scope. */
function linkStmt(stmt: PgNode | undefined, link: OuterLink): void {
  if (!stmt) return;
  const s = stmt.SelectStmt ?? stmt;
  LINKS.set(s, link);
  linkStmt(s.larg, link);
  linkStmt(s.rarg, link);
  for (const c of s.withClause?.ctes ?? []) linkStmt(c.CommonTableExpr?.ctequery, link);
  const from = (n: PgNode): void => {
    if (n.RangeSubselect) linkStmt(n.RangeSubselect.subquery, link);
    if (n.RangeFunction) FUNCTION_LINKS.set(n.RangeFunction, link);
    if (n.JoinExpr) {
      from(n.JoinExpr.larg);
      from(n.JoinExpr.rarg);
    }
  };
  for (const f of s.fromClause ?? []) from(f);
}

/** LATERAL: link a FROM item (subquery or function) to `scope` (the items before it); returns the params it will collect. */
export function linkLateral(item: PgNode, scope: ExprScope): SubqueryParam[] {
  const link: OuterLink = { scope, params: [], keys: [] };
  if (item.RangeSubselect) linkStmt(item.RangeSubselect.subquery, link);
  else if (item.RangeFunction) FUNCTION_LINKS.set(item.RangeFunction, link);
  return link.params;
}

/** Functions in a linked subquery's FROM (`unnest(outer.col)`) → the enclosing query's scope. */
const FUNCTION_LINKS = new WeakMap<PgNode, OuterLink>();

/** The scope for the arguments of a function in FROM: correlated when it sits in a subquery, else empty. */
export function functionArgScope(rf: PgNode): ExprScope {
  const link = FUNCTION_LINKS.get(rf);
  return (link === undefined ? RelationScope.empty() : new CorrelatedScope(RelationScope.empty(), link)).exprScope('FROM');
}

/** Called by the SELECT binder on its FROM result: a linked subquery resolves unknown names outside. */
export function attachOuterScope(stmt: PgNode, from: FromResult): FromResult {
  const link = LINKS.get(stmt);
  return link === undefined ? from : { plan: from.plan, scope: new CorrelatedScope(from.scope, link) };
}

/** Bind every subquery inside the expression `node` (not inside other subqueries) with `scope` as their enclosing scope. */
export async function prebindSublinks(node: unknown, scope: ExprScope, ctx: PlanContext, pins: SnapshotPins): Promise<void> {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) await prebindSublinks(x, scope, ctx, pins);
    return;
  }
  const n = node as PgNode;
  if (n.SubLink) {
    const body = n.SubLink as PgNode;
    await prebindSublinks(body.testexpr, scope, ctx, pins);
    if (BOUND.has(body)) return;
    const stmt = body.subselect.SelectStmt ?? body.subselect;
    const link: OuterLink = { scope, params: [], keys: [] };
    linkStmt(stmt, link);
    const q = await bindSelectStmt(stmt, ctx, pins, {});
    BOUND.set(body, { plan: q.plan, params: link.params });
    return;
  }
  for (const v of Object.values(n)) await prebindSublinks(v, scope, ctx, pins);
}

/** bindExpr's SubLink case: type the subquery expression (the subquery itself was bound by prebindSublinks). */
export function bindSubLink(body: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr {
  const p = pos(body['location']);
  const bound = BOUND.get(body);
  if (bound === undefined) throw unsupported('subquery in this position', p);
  const { plan, params } = bound;
  const kind = String(body['subLinkType']);
  switch (kind) {
    case 'EXISTS_SUBLINK':
      return { kind: 'subquery', sub: { mode: 'exists', op: null, lhs: null, params, plan }, type: T.bool };
    case 'EXPR_SUBLINK': {
      if (plan.schema.length !== 1) throw new QueryError(SQLSTATE.syntax_error, 'subquery must return only one column', { position: p });
      const f = plan.schema[0]!;
      const out = f.type.kind === 'unknown' ? projectColumn(plan, coerceToType({ kind: 'column', index: 0, type: f.type }, T.text, 'implicit', ctx)) : plan;
      return { kind: 'subquery', sub: { mode: 'scalar', op: null, lhs: null, params, plan: out }, type: out.schema[0]!.type };
    }
    case 'ANY_SUBLINK': case 'ALL_SUBLINK': {
      const names = (body['operName'] as PgNode[] | undefined) ?? [];
      const op = names.length === 0 ? '=' : String(names[names.length - 1]!['String']?.['sval'] ?? '');
      if (!COMPARE_OPS.has(op)) throw unsupported(`operator ${op} with ANY/ALL (subquery)`, p);
      const test = body['testexpr'] as PgNode;
      if (test['RowExpr'] !== undefined) return bindRowQuantified(kind === 'ALL_SUBLINK', op as CompareOp, (test['RowExpr']['args'] as PgNode[] | undefined) ?? [], body, scope, ctx);
      if (plan.schema.length > 1) throw new QueryError(SQLSTATE.syntax_error, 'subquery has too many columns', { position: p });
      if (plan.schema.length === 0) throw new QueryError(SQLSTATE.syntax_error, 'subquery has too few columns', { position: p });
      const lhs = bindExpr(test, scope, ctx);
      const col: BoundExpr = { kind: 'column', index: 0, type: plan.schema[0]!.type };
      const c = bindComparison(op as CompareOp, lhs, col, p, ctx);
      if (c.kind !== 'compare') throw unsupported(`operator ${op} with ANY/ALL (subquery)`, p);
      const out = c.right.kind === 'column' && c.right.index === 0 ? plan : projectColumn(plan, c.right);
      return { kind: 'subquery', sub: { mode: kind === 'ANY_SUBLINK' ? 'any' : 'all', op: c.op, lhs: c.left, params, plan: out }, type: T.bool };
    }
    case 'ARRAY_SUBLINK': return bindArraySublink(plan, params, ctx, p);
    default:
      throw unsupported(`subquery kind ${kind}`, p);
  }
}

function projectColumn(plan: LogicalPlan, e: BoundExpr): LogicalPlan {
  return { kind: 'project', schema: [{ name: plan.schema[0]!.name, type: e.type, nullable: true }], input: plan, exprs: [e] };
}
