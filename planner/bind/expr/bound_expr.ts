/**
 * Bound (typed, resolved) expressions: the plain-data form the planner hands to the executor and to
 * workers. Every node carries its result type; implicit casts are explicit `cast` nodes; operators and
 * functions are resolved to an implementation name (`fn`) that executor/expr implements.
 */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { LogicalPlan } from '../../logical/nodes.js';

export type BoundExpr =
  /** column `index` of the input batch */
  | { readonly kind: 'column'; readonly index: number; readonly type: SqlType; readonly name?: string }
  | { readonly kind: 'const'; readonly value: Datum; readonly type: SqlType }
  /** $n (0-based index into the statement's parameters) */
  | { readonly kind: 'param'; readonly index: number; readonly type: SqlType }
  /** resolved operator/function call, e.g. fn 'int4_add', 'numeric_mul', 'text_concat', 'upper', 'date_add_int4' */
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly BoundExpr[]; readonly type: SqlType }
  | { readonly kind: 'cast'; readonly arg: BoundExpr; readonly type: SqlType; readonly mode: 'explicit' | 'implicit' | 'assignment' }
  | { readonly kind: 'and'; readonly args: readonly BoundExpr[]; readonly type: SqlType }
  | { readonly kind: 'or'; readonly args: readonly BoundExpr[]; readonly type: SqlType }
  | { readonly kind: 'not'; readonly arg: BoundExpr; readonly type: SqlType }
  | { readonly kind: 'is_null'; readonly arg: BoundExpr; readonly negated: boolean; readonly type: SqlType }
  /** IS [NOT] TRUE / FALSE / UNKNOWN */
  | { readonly kind: 'is_bool'; readonly arg: BoundExpr; readonly test: 'true' | 'false' | 'unknown'; readonly negated: boolean; readonly type: SqlType }
  /** comparison with SQL three-valued logic; args already cast to a common type */
  | { readonly kind: 'compare'; readonly op: '=' | '<>' | '<' | '<=' | '>' | '>='; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: SqlType }
  | { readonly kind: 'is_distinct'; readonly left: BoundExpr; readonly right: BoundExpr; readonly negated: boolean; readonly type: SqlType }
  /** arg [NOT] IN (list...), list already cast to arg's comparison type */
  | { readonly kind: 'in_list'; readonly arg: BoundExpr; readonly list: readonly BoundExpr[]; readonly negated: boolean; readonly type: SqlType }
  | { readonly kind: 'case'; readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[]; readonly else: BoundExpr | null; readonly type: SqlType }
  | { readonly kind: 'coalesce'; readonly args: readonly BoundExpr[]; readonly type: SqlType }
  | { readonly kind: 'nullif'; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: SqlType }
  | { readonly kind: 'greatest' | 'least'; readonly args: readonly BoundExpr[]; readonly type: SqlType }
  /** [NOT] LIKE / ILIKE with an optional escape */
  | { readonly kind: 'like'; readonly arg: BoundExpr; readonly pattern: BoundExpr; readonly caseInsensitive: boolean; readonly negated: boolean; readonly escape: BoundExpr | null; readonly type: SqlType }
  /** a subquery used as an expression (planner/bind/select/bind_sublink.ts; run by executor/operators/subquery_apply.ts) */
  | { readonly kind: 'subquery'; readonly sub: SubqueryExpr; readonly type: SqlType }
  /** inside a subquery's plan: the value of the enclosing query's param `id` (see SubqueryExpr.params) */
  | { readonly kind: 'outer_ref'; readonly id: number; readonly type: SqlType };

/** One outer value a correlated subquery reads: `expr` is over the enclosing query's columns. */
export interface SubqueryParam { readonly id: number; readonly expr: BoundExpr }

/** EXISTS (...), (SELECT ...), lhs op ANY/ALL (...) — `plan`'s column 0 is already of the comparison type. */
export interface SubqueryExpr {
  readonly mode: 'scalar' | 'exists' | 'any' | 'all';
  readonly op: '=' | '<>' | '<' | '<=' | '>' | '>=' | null;
  readonly lhs: BoundExpr | null;
  readonly params: readonly SubqueryParam[];
  readonly plan: LogicalPlan;
}

export type BoundExprKind = BoundExpr['kind'];

/** An aggregate call as the planner extracts it from SELECT/HAVING/ORDER BY. */
export interface AggregateCall {
  /** 'count' | 'count_star' | 'sum' | 'avg' | 'min' | 'max' | ... (executor/expr/aggregates implements) */
  readonly fn: string;
  /** bound over the aggregate's input (pre-aggregation) schema */
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  readonly filter: BoundExpr | null;
  /** result type */
  readonly type: SqlType;
  /**
   * ORDER BY inside the call / WITHIN GROUP: the last `order.length` args are the sort keys (absent: no
   * order). With `withinGroup` the sort keys are also the aggregated values (ordered-set aggregates).
   */
  readonly order?: readonly { readonly descending: boolean; readonly nullsFirst: boolean }[];
  readonly withinGroup?: boolean;
}

/** Visit every node (pre-order). */
export function walkExpr(e: BoundExpr, visit: (e: BoundExpr) => void): void {
  visit(e);
  for (const c of exprChildren(e)) walkExpr(c, visit);
}

export function exprChildren(e: BoundExpr): readonly BoundExpr[] {
  switch (e.kind) {
    case 'column': case 'const': case 'param': return [];
    case 'call': case 'and': case 'or': case 'coalesce': case 'greatest': case 'least': return e.args;
    case 'cast': case 'not': case 'is_null': case 'is_bool': return [e.arg];
    case 'compare': case 'is_distinct': case 'nullif': return [e.left, e.right];
    case 'in_list': return [e.arg, ...e.list];
    case 'case': return [...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'like': return [e.arg, e.pattern, ...(e.escape ? [e.escape] : [])];
    case 'subquery': return [...(e.sub.lhs ? [e.sub.lhs] : []), ...e.sub.params.map((p) => p.expr)];
    case 'outer_ref': return [];
  }
}

/** Rebuild an expression with each child replaced by f(child). */
export function mapExprChildren(e: BoundExpr, f: (c: BoundExpr) => BoundExpr): BoundExpr {
  switch (e.kind) {
    case 'column': case 'const': case 'param': return e;
    case 'call': case 'and': case 'or': case 'coalesce': case 'greatest': case 'least': return { ...e, args: e.args.map(f) } as BoundExpr;
    case 'cast': case 'not': case 'is_null': case 'is_bool': return { ...e, arg: f(e.arg) } as BoundExpr;
    case 'compare': case 'is_distinct': case 'nullif': return { ...e, left: f(e.left), right: f(e.right) } as BoundExpr;
    case 'in_list': return { ...e, arg: f(e.arg), list: e.list.map(f) };
    case 'case': return { ...e, whens: e.whens.map((w) => ({ when: f(w.when), then: f(w.then) })), else: e.else ? f(e.else) : null };
    case 'like': return { ...e, arg: f(e.arg), pattern: f(e.pattern), escape: e.escape ? f(e.escape) : null };
    case 'subquery': return { ...e, sub: { ...e.sub, lhs: e.sub.lhs ? f(e.sub.lhs) : null, params: e.sub.params.map((p) => ({ id: p.id, expr: f(p.expr) })) } };
    case 'outer_ref': return e;
  }
}
