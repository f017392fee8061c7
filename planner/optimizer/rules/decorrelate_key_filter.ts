/**
 * Restricting a decorrelated aggregate to the keys the outer query can ask for (a "magic set", as DuckDB and
 * others do for TPC-H q17): when every outer correlation key is a column of one scan inside the outer input's
 * inner/cross joins, and the outer WHERE has conjuncts over that scan alone (p_brand = … AND p_container = …),
 * the aggregate's input is semi-joined with that filtered scan. Every group the outer rows can match keeps
 * all of its rows, so its aggregate is unchanged; only groups no outer row reaches are dropped.
 * A scan restricted by a semi join (EXISTS / IN, TPC-H q20: partsupp whose part is a 'forest%' part)
 * restricts the aggregate the same way: its input is semi-joined with that semi join (and the conjuncts
 * over the scan alone).
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import { T } from '../../../common/types.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { andAll, columnsOf, isVolatile, shiftColumns } from '../expr_utils.js';
import { hasSubquery } from './decorrelate_support.js';

/** The inner/cross-join input of `plan` holding columns [lo, hi), and its first column's index in `plan`. */
function source(plan: LogicalPlan, lo: number, hi: number, off: number): { node: LogicalPlan; off: number } {
  if (plan.kind === 'join' && (plan.joinType === 'inner' || plan.joinType === 'cross')) {
    const nL = plan.left.schema.length;
    if (hi <= nL) return source(plan.left, lo, hi, off);
    if (lo >= nL) return source(plan.right, lo - nL, hi - nL, off + nL);
  }
  return { node: plan, off };
}

/**
 * `inner` semi-joined with the filtered scan that supplies `outerKeys` (expressions over `input`), or
 * `inner` itself when that does not apply. `siblings`: the other conjuncts of the outer WHERE over `input`.
 */
export function restrictToOuterKeys(inner: LogicalPlan, innerKeys: readonly BoundExpr[], outerKeys: readonly BoundExpr[], input: LogicalPlan, siblings: readonly BoundExpr[]): LogicalPlan {
  if (outerKeys.some((k) => k.kind !== 'column')) return inner;
  const cols = outerKeys.flatMap((k) => [...columnsOf(k)]);
  const lo = Math.min(...cols), hi = Math.max(...cols) + 1;
  const { node, off } = source(input, lo, hi, 0);
  const semi = node.kind === 'semi_join' && !node.anti && node.left.kind === 'scan';
  if (!semi && (node.kind !== 'scan' || node === input)) return inner;
  const width = node.schema.length;
  const local = siblings.filter((c) => {
    if (hasSubquery(c) || isVolatile(c)) return false;
    const used = [...columnsOf(c)];
    return used.length > 0 && used.every((i) => i >= off && i < off + width);
  });
  const pred = andAll(local.map((c) => shiftColumns(c, -off)));
  if (pred === null && !semi) return inner;
  const keys: LogicalPlan = pred === null ? node : { kind: 'filter', schema: node.schema, input: node, predicate: pred };
  const nInner = inner.schema.length;
  const condition = andAll(innerKeys.map((k, j) => ({ kind: 'compare', op: '=', left: k, right: shiftColumns(outerKeys[j]!, nInner - off), type: T.bool }) as BoundExpr))!;
  return { kind: 'semi_join', schema: inner.schema, anti: false, nullAware: false, left: inner, right: keys, condition };
}
