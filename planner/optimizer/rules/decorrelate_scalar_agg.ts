/**
 * A correlated scalar subquery over an ungrouped aggregate in a WHERE conjunct (TPC-H q2, q17, q20 style:
 * `x < (SELECT 0.2 * avg(y) FROM t WHERE t.k = outer.k AND ...)`) → a LEFT JOIN against the aggregate
 * grouped by the correlation keys, and the conjunct reads the joined value. An outer row without a group
 * gets NULLs, which is what the aggregate of no rows gives — except count(), which becomes coalesce(count, 0).
 */
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import { mapExprChildren } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { andAll, columnsOf, conjuncts, isVolatile, mapColumns } from '../expr_utils.js';
import type { Rule } from '../rule.js';
import { restrictToOuterKeys } from './decorrelate_key_filter.js';
import { hasSubquery, inlineOuter, paramIds, referencesOuter } from './decorrelate_support.js';

type Sub = Extract<BoundExpr, { kind: 'subquery' }>;

/** The first scalar subquery in `e` (not inside another subquery). */
function findScalar(e: BoundExpr): Sub | null {
  if (e.kind === 'subquery') return e.sub.mode === 'scalar' ? e : null;
  let found: Sub | null = null;
  mapExprChildren(e, (c) => {
    if (found === null) found = findScalar(c);
    return c;
  });
  return found;
}

function replaceNode(e: BoundExpr, target: BoundExpr, by: BoundExpr): BoundExpr {
  if (e === target) return by;
  return mapExprChildren(e, (c) => replaceNode(c, target, by));
}

interface Shape {
  readonly value: BoundExpr;
  readonly agg: Extract<LogicalPlan, { kind: 'aggregate' }>;
  readonly inner: LogicalPlan;
  readonly innerKeys: BoundExpr[];
  readonly outerKeys: BoundExpr[];
}

function match(s: Sub, nLeft: number): Shape | null {
  const ids = paramIds(s.sub);
  const top = s.sub.plan;
  if (top.kind !== 'project' || top.exprs.length !== 1) return null;
  const value = top.exprs[0]!;
  if (referencesOuter(value, ids) || hasSubquery(value) || isVolatile(value)) return null;
  const agg = top.input;
  if (agg.kind !== 'aggregate' || agg.groupKeys.length > 0) return null;
  if (agg.aggregates.some((a) => referencesOuter(a, ids))) return null;
  const f = agg.input;
  if (f.kind !== 'filter') return null;
  const innerKeys: BoundExpr[] = [];
  const outerKeys: BoundExpr[] = [];
  const local: BoundExpr[] = [];
  for (const c of conjuncts(f.predicate)) {
    if (!referencesOuter(c, ids)) {
      local.push(c);
      continue;
    }
    if (c.kind !== 'compare' || c.op !== '=' || hasSubquery(c) || isVolatile(c)) return null;
    const lOuter = referencesOuter(c.left, ids), rOuter = referencesOuter(c.right, ids);
    const lCols = columnsOf(c.left).size > 0, rCols = columnsOf(c.right).size > 0;
    if (lOuter && !lCols && !rOuter) {
      innerKeys.push(c.right);
      outerKeys.push(inlineOuter(c.left, s.sub, nLeft));
    } else if (rOuter && !rCols && !lOuter) {
      innerKeys.push(c.left);
      outerKeys.push(inlineOuter(c.right, s.sub, nLeft));
    } else {
      return null;
    }
  }
  const rest = andAll(local);
  const inner: LogicalPlan = rest === null ? f.input : { ...f, predicate: rest };
  if (innerKeys.length === 0 || referencesOuter(inner, ids)) return null;
  return { value, agg, inner, innerKeys, outerKeys };
}

/** The join against the grouped aggregate, and the expression that stands for the subquery over its output. */
function rewrite(s: Sub, input: LogicalPlan, siblings: readonly BoundExpr[] = []): { join: LogicalPlan; value: BoundExpr } | null {
  if (s.sub.params.length === 0) return null;
  const m = match(s, 0);
  if (m === null) return null;
  const nLeft = input.schema.length;
  const nKeys = m.innerKeys.length;
  const keyFields: Field[] = m.innerKeys.map((k, j) => ({ name: `key${j + 1}`, type: k.type, nullable: true }));
  const aggInput = restrictToOuterKeys(m.inner, m.innerKeys, m.outerKeys, input, siblings);
  const right: LogicalPlan = { kind: 'aggregate', schema: [...keyFields, ...m.agg.schema], input: aggInput, groupKeys: m.innerKeys, aggregates: m.agg.aggregates };
  const isCount = (j: number) => m.agg.aggregates[j]?.fn === 'count' || m.agg.aggregates[j]?.fn === 'count_star';
  const value = mapColumns(m.value, (c) => {
    const col: BoundExpr = { ...c, index: nLeft + nKeys + c.index };
    return isCount(c.index) ? { kind: 'coalesce', args: [col, { kind: 'const', value: 0n, type: T.int8 }], type: c.type } : col;
  });
  const condition = andAll(m.outerKeys.map((o, j) => ({ kind: 'compare', op: '=', left: o, right: { kind: 'column', index: nLeft + j, type: m.innerKeys[j]!.type }, type: T.bool }) as BoundExpr));
  const join: LogicalPlan = { kind: 'join', schema: [...input.schema, ...right.schema.map((f) => ({ ...f, nullable: true }))], joinType: 'left', left: input, right, condition };
  return { join, value };
}

export const decorrelateScalarAgg: Rule = {
  name: 'decorrelate_scalar_agg',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind === 'project') {
      for (let i = 0; i < p.exprs.length; i++) {
        const s = findScalar(p.exprs[i]!);
        const r = s === null ? null : rewrite(s, p.input);
        if (r === null) continue;
        return { ...p, input: r.join, exprs: p.exprs.map((e, j) => (j === i ? replaceNode(e, s!, r.value) : e)) };
      }
      return p;
    }
    if (p.kind !== 'filter') return p;
    const parts = conjuncts(p.predicate);
    for (let i = 0; i < parts.length; i++) {
      const s = findScalar(parts[i]!);
      const r = s === null ? null : rewrite(s, p.input, parts.filter((_, j) => j !== i));
      if (r === null) continue;
      const predicate = andAll(parts.map((c, j) => (j === i ? replaceNode(c, s!, r.value) : c)))!;
      const filtered: LogicalPlan = { kind: 'filter', schema: r.join.schema, input: r.join, predicate };
      return { kind: 'project', schema: p.schema, input: filtered, exprs: p.input.schema.map((f, j) => ({ kind: 'column', index: j, type: f.type })) };
    }
    return p;
  },
};
