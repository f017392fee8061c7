/** Lowering a logical semi/anti join: equi-conjuncts (left side = right side) become hash keys, the rest the residual. */
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { andAll, columnsOf, conjuncts, shiftColumns } from '../optimizer/expr_utils.js';
import type { PhysicalPlan } from './nodes.js';

type SemiJoin = Extract<LogicalPlan, { kind: 'semi_join' }>;

export function lowerSemiJoin(p: SemiJoin, lower: (x: LogicalPlan) => PhysicalPlan): PhysicalPlan {
  const left = lower(p.left);
  const right = lower(p.right);
  const nLeft = p.left.schema.length;
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  const residual: BoundExpr[] = [];
  const onlyLeft = (e: BoundExpr) => [...columnsOf(e)].every((i) => i < nLeft);
  const onlyRight = (e: BoundExpr) => {
    const cols = [...columnsOf(e)];
    return cols.length > 0 && cols.every((i) => i >= nLeft);
  };
  for (const c of p.condition ? conjuncts(p.condition) : []) {
    if (c.kind === 'compare' && c.op === '=') {
      if (onlyLeft(c.left) && onlyRight(c.right) && (p.nullAware || columnsOf(c.left).size > 0)) {
        leftKeys.push(c.left);
        rightKeys.push(shiftColumns(c.right, -nLeft));
        continue;
      }
      if (onlyRight(c.left) && onlyLeft(c.right) && (p.nullAware || columnsOf(c.right).size > 0)) {
        leftKeys.push(c.right);
        rightKeys.push(shiftColumns(c.left, -nLeft));
        continue;
      }
    }
    residual.push(c);
  }
  return {
    kind: 'semi_join', schema: p.schema, estimatedRows: Math.max(1, left.estimatedRows * 0.5), anti: p.anti, nullAware: p.nullAware,
    left, right, leftKeys, rightKeys, residual: andAll(residual),
  };
}

type RecursiveCte = Extract<LogicalPlan, { kind: 'recursive_cte' }>;

/** WITH RECURSIVE: the recursive term's size is unknown; guess ten iterations of the anchor's size. */
export function lowerRecursiveCte(p: RecursiveCte, lower: (x: LogicalPlan) => PhysicalPlan): PhysicalPlan {
  const anchor = lower(p.anchor);
  const recursive = lower(p.recursive);
  return { kind: 'recursive_cte', schema: p.schema, estimatedRows: anchor.estimatedRows * 10, id: p.id, distinct: p.distinct, anchor, recursive };
}
