/**
 * Helpers for subquery planning shared by the decorrelation rules and the generic optimizer rules:
 * finding subquery expressions and outer references, the semi/anti join's filter push-down and pruning.
 */
import { T } from '../../../common/types.js';
import type { BoundExpr, SubqueryExpr } from '../../bind/expr/bound_expr.js';
import { mapExprChildren, walkExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { planChildren } from '../../logical/nodes.js';
import { andAll, columnsOf, conjuncts, isVolatile, remapColumns, shiftColumns } from '../expr_utils.js';

type Filter = Extract<LogicalPlan, { kind: 'filter' }>;
type SemiJoin = Extract<LogicalPlan, { kind: 'semi_join' }>;

export function hasSubquery(e: BoundExpr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === 'subquery') found = true;
  });
  return found;
}

/** Does anything in `node` (a plan or expression, searched structurally) reference one of `ids`? */
export function referencesOuter(node: unknown, ids: ReadonlySet<number>): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((x) => referencesOuter(x, ids));
  const o = node as Record<string, unknown>;
  if (o['kind'] === 'outer_ref' && ids.has(o['id'] as number)) return true;
  if (o['kind'] === 'scan') return referencesOuter(o['filter'], ids);
  for (const k in o) {
    const v = o[k];
    if (v !== null && typeof v === 'object' && referencesOuter(v, ids)) return true;
  }
  return false;
}

export function paramIds(s: SubqueryExpr): Set<number> {
  return new Set(s.params.map((p) => p.id));
}

/** Replace outer_refs of `s` by their param expressions (over the enclosing query's columns) and shift columns by `shift`. */
export function inlineOuter(e: BoundExpr, s: SubqueryExpr, shift: number): BoundExpr {
  const byId = new Map(s.params.map((p) => [p.id, p.expr]));
  const go = (x: BoundExpr): BoundExpr => {
    if (x.kind === 'outer_ref') return byId.get(x.id) ?? x;
    if (x.kind === 'column') return { ...x, index: x.index + shift };
    return mapExprChildren(x, go);
  };
  return go(e);
}

/**
 * A subquery plan split into an uncorrelated part and the correlated conjuncts of its top filter:
 * `outputs` are the subquery's output expressions over `plan` (the plan below the top Project),
 * `correlated` are over `plan`'s columns and may contain outer_refs. Null when correlation is elsewhere.
 */
export interface PulledUp {
  readonly plan: LogicalPlan;
  readonly outputs: readonly BoundExpr[] | null;
  readonly correlated: readonly BoundExpr[];
}

export function pullUpCorrelation(s: SubqueryExpr, forExists: boolean): PulledUp | null {
  const ids = paramIds(s);
  let plan = s.plan;
  if (!referencesOuter(plan, ids)) return { plan, outputs: null, correlated: [] };
  // top nodes that do not change which rows exist (for EXISTS) / which values appear (for IN)
  while (plan.kind === 'distinct' || plan.kind === 'sort') plan = plan.input;
  let outputs: readonly BoundExpr[] | null = null;
  if (plan.kind === 'project') {
    // EXISTS ignores what the subquery selects
    if (!forExists && plan.exprs.some((e) => referencesOuter(e, ids) || isVolatile(e) || hasSubquery(e))) return null;
    outputs = forExists ? null : plan.exprs;
    plan = plan.input;
  } else if (!forExists) {
    return null;
  }
  if (plan.kind !== 'filter') return null;
  const correlated: BoundExpr[] = [];
  const local: BoundExpr[] = [];
  for (const c of conjuncts(plan.predicate)) (referencesOuter(c, ids) ? correlated : local).push(c);
  if (correlated.some((c) => hasSubquery(c) || isVolatile(c))) return null;
  const rest = andAll(local);
  const below: LogicalPlan = rest === null ? plan.input : { ...plan, predicate: rest };
  if (referencesOuter(below, ids)) return null;
  return { plan: below, outputs, correlated };
}

// ---- semi/anti joins in the generic rules ----

/** A filter above a semi/anti join names only left columns: it goes to the left side. */
export function pushFilterIntoSemiJoin(j: SemiJoin, parts: readonly BoundExpr[]): LogicalPlan {
  const predicate = andAll(parts);
  if (predicate === null) return j;
  return { ...j, left: { kind: 'filter', schema: j.left.schema, input: j.left, predicate } };
}

/** Conjuncts of the join condition naming only the right side go below it; for a semi join, left-only ones too. */
export function pushSemiJoinCondition(j: SemiJoin): LogicalPlan {
  if (j.condition === null || j.nullAware) return j;
  const nLeft = j.left.schema.length;
  const left: BoundExpr[] = [];
  const right: BoundExpr[] = [];
  const rest: BoundExpr[] = [];
  for (const c of conjuncts(j.condition)) {
    const cols = [...columnsOf(c)];
    if (isVolatile(c) || hasSubquery(c) || cols.length === 0) rest.push(c);
    else if (cols.every((i) => i >= nLeft)) right.push(shiftColumns(c, -nLeft));
    else if (!j.anti && cols.every((i) => i < nLeft)) left.push(c);
    else rest.push(c);
  }
  if (left.length === 0 && right.length === 0) return j;
  const wrap = (p: LogicalPlan, parts: BoundExpr[]): LogicalPlan => {
    const predicate = andAll(parts);
    return predicate === null ? p : { kind: 'filter', schema: p.schema, input: p, predicate };
  };
  return { ...j, condition: andAll(rest), left: wrap(j.left, left), right: wrap(j.right, right) };
}

interface Pruned {
  readonly plan: LogicalPlan;
  readonly map: ReadonlyMap<number, number>;
}

/** push_down_projection for a semi/anti join: the output is the (pruned) left side. */
export function pruneSemiJoin(p: SemiJoin, required: ReadonlySet<number>, prune: (p: LogicalPlan, required: ReadonlySet<number>) => Pruned): Pruned {
  const nLeft = p.left.schema.length;
  const need = new Set(required);
  const rightNeed = new Set<number>();
  if (p.condition) for (const i of columnsOf(p.condition)) (i < nLeft ? need : rightNeed).add(i < nLeft ? i : i - nLeft);
  const l = prune(p.left, need);
  const r = prune(p.right, rightNeed);
  const newLeft = l.plan.schema.length;
  const both = new Map<number, number>(l.map);
  for (const [o, n] of r.map) both.set(o + nLeft, n + newLeft);
  return {
    plan: { ...p, left: l.plan, right: r.plan, schema: l.plan.schema, condition: p.condition ? remapColumns(p.condition, both) : null },
    map: l.map,
  };
}

/** Keep subquery conjuncts of a filter where they are (above a filter with the others, which may move on). */
export function holdSubqueryConjuncts(p: Filter): LogicalPlan | null {
  const parts = conjuncts(p.predicate);
  const sub = parts.filter(hasSubquery);
  if (sub.length === 0) return null;
  const rest = andAll(parts.filter((x) => !hasSubquery(x)));
  if (rest === null) return p;
  return { ...p, predicate: andAll(sub)!, input: { kind: 'filter', schema: p.input.schema, input: p.input, predicate: rest } };
}

export const TRUE: BoundExpr = { kind: 'const', value: true, type: T.bool };

export function anyPlanHas(p: LogicalPlan, f: (p: LogicalPlan) => boolean): boolean {
  return f(p) || planChildren(p).some((c) => anyPlanHas(c, f));
}

type RecursiveCte = Extract<LogicalPlan, { kind: 'recursive_cte' }>;

/** push_down_projection for WITH RECURSIVE: both terms keep every column (the worktable is the output). */
export function pruneRecursiveCte(p: RecursiveCte, prune: (p: LogicalPlan, required: ReadonlySet<number>) => Pruned): Pruned {
  const all = new Set(p.schema.map((_, i) => i));
  const a = prune(p.anchor, all);
  const r = prune(p.recursive, all);
  return { plan: { ...p, anchor: a.plan, recursive: r.plan }, map: new Map(p.schema.map((_, i) => [i, i])) };
}
