/**
 * A semi/anti join whose condition reads left columns of only one input of an inner/cross join below it
 * moves down to that input (for a LEFT join, only to its preserved left input): the subquery then filters
 * the smallest relation it needs, before the other joins (TPC-H q18: the IN filters orders, not
 * customer ⋈ orders ⋈ lineitem; q21: EXISTS/NOT EXISTS filter lineitem l1).
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { columnsOf, mapColumns } from '../expr_utils.js';
import type { Rule } from '../rule.js';

export const decorrelatePushSemiJoin: Rule = {
  name: 'decorrelate_push_semi_join',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind !== 'semi_join' || p.condition === null) return p;
    const j = p.left;
    if (j.kind !== 'join' || (j.joinType !== 'inner' && j.joinType !== 'cross' && j.joinType !== 'left')) return p;
    const nLeft = j.schema.length;
    const nLL = j.left.schema.length;
    const nLR = j.right.schema.length;
    const used = [...columnsOf(p.condition)].filter((i) => i < nLeft);
    if (used.length === 0) return p;
    const remap = (c: BoundExpr, leftShift: number, rightBase: number): BoundExpr =>
      mapColumns(c, (col) => ({ ...col, index: col.index < nLeft ? col.index - leftShift : col.index - nLeft + rightBase }));
    if (used.every((i) => i < nLL)) {
      const inner: LogicalPlan = { ...p, schema: j.left.schema, left: j.left, condition: remap(p.condition, 0, nLL) };
      return { ...j, left: inner };
    }
    if (j.joinType !== 'left' && used.every((i) => i >= nLL)) {
      const inner: LogicalPlan = { ...p, schema: j.right.schema, left: j.right, condition: remap(p.condition, nLL, nLR) };
      return { ...j, right: inner };
    }
    return p;
  },
};
