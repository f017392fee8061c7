/**
 * Row-valued comparisons, with PostgreSQL's semantics:
 * - `(a, b) op (c, d)`: `=` is the AND of the pairs, `<>` their OR; `<`, `<=`, `>`, `>=` compare left to right
 *   and stop at the first pair that is unequal or NULL (`a < c OR (a = c AND b < d)`);
 * - `(a, b) IN ((1, 2), …)` / `NOT IN`: OR of row equalities / AND of row inequalities;
 * - `(a, b) IS [NOT] DISTINCT FROM (c, d)`: OR of the pairs' IS DISTINCT FROM;
 * - `(a, b) op (SELECT x, y …)`: one scalar subquery per column (at most one row; none → NULLs);
 * - `(a, b) op ANY/ALL (SELECT x, y …)` (so `IN` / `NOT IN`): EXISTS subqueries over the rows where the row
 *   comparison is TRUE / FALSE / NULL, combined so the result is TRUE, FALSE or NULL as PostgreSQL's.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { T } from '../../../common/types.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { bindExpr } from '../expr/bind_expr.js';
import { bindComparison, COMPARE_OPS, type CompareOp } from '../expr/bind_operator.js';
import type { BoundExpr, SubqueryParam } from '../expr/bound_expr.js';
import { pos, unsupported } from '../expr/errors.js';
import type { BindContext, ExprScope, PgNode } from '../expr/scope.js';
import { boundSublink, newParamId } from './bind_sublink.js';

const NULL_BOOL: BoundExpr = { kind: 'const', value: null, type: T.bool };

function and(args: BoundExpr[]): BoundExpr {
  return args.length === 1 ? args[0]! : { kind: 'and', args, type: T.bool };
}
function or(args: BoundExpr[]): BoundExpr {
  return args.length === 1 ? args[0]! : { kind: 'or', args, type: T.bool };
}
function not(arg: BoundExpr): BoundExpr {
  return { kind: 'not', arg, type: T.bool };
}

function rowArgs(n: PgNode | undefined): PgNode[] | null {
  const r = n?.['RowExpr'] as PgNode | undefined;
  return r === undefined ? null : ((r['args'] as PgNode[] | undefined) ?? []);
}

function unequal(p: number | undefined): QueryError {
  return new QueryError(SQLSTATE.syntax_error, 'unequal number of entries in row expressions', { position: p });
}

/** Compare two rows of bound elements (same length) with PostgreSQL's row comparison semantics. */
export function compareRows(op: CompareOp, l: readonly BoundExpr[], r: readonly BoundExpr[], p: number | undefined, ctx: BindContext): BoundExpr {
  if (l.length !== r.length) throw unequal(p);
  if (l.length === 0) throw new QueryError(SQLSTATE.feature_not_supported, 'cannot compare rows of zero length', { position: p });
  const pair = (o: CompareOp, i: number): BoundExpr => bindComparison(o, l[i]!, r[i]!, p, ctx);
  if (op === '=') return and(l.map((_, i) => pair('=', i)));
  if (op === '<>') return or(l.map((_, i) => pair('<>', i)));
  const strict: CompareOp = op === '<=' ? '<' : op === '>=' ? '>' : op;
  let acc = pair(op, l.length - 1);
  for (let i = l.length - 2; i >= 0; i--) acc = or([pair(strict, i), and([pair('=', i), acc])]);
  return acc;
}

/** bindExpr's A_Expr hook: the row-valued forms above, or null when `body` is not one. */
export function bindRowAExpr(body: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr | null {
  const left = rowArgs(body['lexpr'] as PgNode | undefined);
  if (left === null) return null;
  const kind = String(body['kind']);
  const names = (body['name'] as PgNode[] | undefined) ?? [];
  let op = names.length > 0 ? String(names[names.length - 1]!['String']?.['sval'] ?? '') : '';
  if (op === '!=') op = '<>';
  const p = pos(body['location']);
  const rnode = body['rexpr'] as PgNode;
  const bindAll = (ns: readonly PgNode[]) => ns.map((n) => bindExpr(n, scope, ctx));
  switch (kind) {
    case 'AEXPR_OP': {
      if (!COMPARE_OPS.has(op)) return null;
      const right = rowArgs(rnode);
      if (right !== null) return compareRows(op as CompareOp, bindAll(left), bindAll(right), p, ctx);
      const sub = rnode['SubLink'] as PgNode | undefined;
      if (sub !== undefined && sub['subLinkType'] === 'EXPR_SUBLINK') return compareRowSubquery(op as CompareOp, bindAll(left), sub, p, ctx);
      return null;
    }
    case 'AEXPR_IN': {
      const items = (rnode['List']?.['items'] ?? []) as PgNode[];
      const l = bindAll(left);
      const rows = items.map((n) => {
        const r = rowArgs(n);
        if (r === null) throw unequal(p);
        return compareRows(op === '<>' ? '<>' : '=', l, bindAll(r), p, ctx);
      });
      return op === '<>' ? and(rows) : or(rows);
    }
    case 'AEXPR_DISTINCT': case 'AEXPR_NOT_DISTINCT': {
      const right = rowArgs(rnode);
      if (right === null) return null;
      const l = bindAll(left);
      const r = bindAll(right);
      if (l.length !== r.length) throw unequal(p);
      const distinct = or(l.map((x, i) => {
        const eq = bindComparison('=', x, r[i]!, p, ctx);
        if (eq.kind !== 'compare') throw unsupported('IS DISTINCT FROM on these types', p);
        return { kind: 'is_distinct', left: eq.left, right: eq.right, negated: false, type: T.bool };
      }));
      return kind === 'AEXPR_DISTINCT' ? distinct : not(distinct);
    }
    default:
      return null;
  }
}

function column(plan: LogicalPlan, i: number): BoundExpr {
  return { kind: 'column', index: i, type: plan.schema[i]!.type };
}

function bound(body: PgNode, p: number | undefined): { readonly plan: LogicalPlan; readonly params: readonly SubqueryParam[] } {
  const b = boundSublink(body);
  if (b === undefined) throw unsupported('subquery in this position', p);
  return b;
}

/** `(a, b) op (SELECT x, y …)`: each column a scalar subquery of its own. */
function compareRowSubquery(op: CompareOp, l: readonly BoundExpr[], body: PgNode, p: number | undefined, ctx: BindContext): BoundExpr {
  const { plan, params } = bound(body, pos(body['location']));
  if (plan.schema.length < l.length) throw new QueryError(SQLSTATE.syntax_error, 'subquery has too few columns', { position: pos(body['location']) });
  if (plan.schema.length > l.length) throw new QueryError(SQLSTATE.syntax_error, 'subquery has too many columns', { position: pos(body['location']) });
  const r: BoundExpr[] = plan.schema.map((f, i) => ({
    kind: 'subquery', type: f.type,
    sub: { mode: 'scalar', op: null, lhs: null, params, plan: { kind: 'project', schema: [f], input: plan, exprs: [column(plan, i)] } },
  }));
  return compareRows(op, l, r, p, ctx);
}

/** `(a, b) op ANY/ALL (SELECT x, y …)` (bind_sublink's ANY/ALL case when the test expression is a row). */
export function bindRowQuantified(all: boolean, op: CompareOp, testRow: readonly PgNode[], body: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr {
  const p = pos(body['location']);
  const { plan, params } = bound(body, p);
  if (plan.schema.length < testRow.length) throw new QueryError(SQLSTATE.syntax_error, 'subquery has too few columns', { position: p });
  if (plan.schema.length > testRow.length) throw new QueryError(SQLSTATE.syntax_error, 'subquery has too many columns', { position: p });
  // the left row enters the subquery as params
  const lhs = testRow.map((n) => bindExpr(n, scope, ctx));
  const own: SubqueryParam[] = lhs.map((expr) => ({ id: newParamId(), expr }));
  const refs: BoundExpr[] = own.map((x) => ({ kind: 'outer_ref', id: x.id, type: x.expr.type }));
  const cmp = compareRows(op, refs, plan.schema.map((_, i) => column(plan, i)), p, ctx);
  const allParams = [...params, ...own];
  const exists = (predicate: BoundExpr): BoundExpr => ({
    kind: 'subquery', type: T.bool,
    sub: { mode: 'exists', op: null, lhs: null, params: allParams, plan: { kind: 'filter', schema: plan.schema, input: plan, predicate } },
  });
  const isNull: BoundExpr = { kind: 'is_null', arg: cmp, negated: false, type: T.bool };
  if (!all) return or([exists(cmp), and([exists(isNull), NULL_BOOL])]);
  return and([not(exists(not(cmp))), not(and([exists(isNull), NULL_BOOL]))]);
}

/** In a WHERE clause NULL rejects like FALSE: `x OR (y AND NULL)` (a row IN) filters as `x` alone. */
export function simplifyRowInFilter(e: BoundExpr): BoundExpr {
  if (e.kind === 'and') return { ...e, args: e.args.map(simplifyRowInFilter) };
  if (e.kind === 'or' && e.args.length === 2) {
    const b = e.args[1]!;
    if (b.kind === 'and' && b.args.length === 2 && b.args[1]!.kind === 'const' && b.args[1]!.value === null) return e.args[0]!;
  }
  return e;
}
