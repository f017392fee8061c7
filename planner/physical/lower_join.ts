/**
 * Lowering of logical joins: equi-conjuncts with one side's columns on each side become hash keys (the rest
 * a residual); the build side is the smaller estimated input; a build side of at most BROADCAST_MAX_ROWS
 * estimated rows is marked 'broadcast' (copied to every worker, probe inside the scan tasks) unless its
 * unmatched rows must be emitted (outer join preserving the build side) — then 'partitioned'.
 * Joins without equi-keys become nested-loop joins.
 */
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { estimateRows } from '../optimizer/cost/cardinality.js';
import { andAll, columnsOf, conjuncts, shiftColumns } from '../optimizer/expr_utils.js';
import type { JoinDistribution, PhysicalPlan } from './nodes.js';

export const BROADCAST_MAX_ROWS = 250_000;

type Join = Extract<LogicalPlan, { kind: 'join' }>;

export function splitEquiKeys(condition: BoundExpr | null, nLeft: number): { leftKeys: BoundExpr[]; rightKeys: BoundExpr[]; residual: BoundExpr[] } {
  const out = { leftKeys: [] as BoundExpr[], rightKeys: [] as BoundExpr[], residual: [] as BoundExpr[] };
  if (!condition) return out;
  const leftOnly = (cols: number[]) => cols.length > 0 && cols.every((i) => i < nLeft);
  const rightOnly = (cols: number[]) => cols.length > 0 && cols.every((i) => i >= nLeft);
  for (const c of conjuncts(condition)) {
    if (c.kind === 'compare' && c.op === '=') {
      const lc = [...columnsOf(c.left)];
      const rc = [...columnsOf(c.right)];
      if (leftOnly(lc) && rightOnly(rc)) {
        out.leftKeys.push(c.left);
        out.rightKeys.push(shiftColumns(c.right, -nLeft));
        continue;
      }
      if (rightOnly(lc) && leftOnly(rc)) {
        out.leftKeys.push(c.right);
        out.rightKeys.push(shiftColumns(c.left, -nLeft));
        continue;
      }
    }
    out.residual.push(c);
  }
  return out;
}

export function chooseDistribution(joinType: string, buildSide: 'left' | 'right', buildRows: number): JoinDistribution {
  const buildPreserved = joinType === 'full' || (joinType === 'left' && buildSide === 'left') || (joinType === 'right' && buildSide === 'right');
  return !buildPreserved && buildRows <= BROADCAST_MAX_ROWS ? 'broadcast' : 'partitioned';
}

export function lowerJoin(p: Join, lower: (x: LogicalPlan) => PhysicalPlan): PhysicalPlan {
  const left = lower(p.left);
  const right = lower(p.right);
  const estimatedRows = estimateRows(p);
  const keys = p.joinType === 'cross' ? null : splitEquiKeys(p.condition, p.left.schema.length);
  if (keys && keys.leftKeys.length > 0 && p.joinType !== 'cross') {
    const buildSide = right.estimatedRows <= left.estimatedRows ? 'right' : 'left';
    const distribution = chooseDistribution(p.joinType, buildSide, buildSide === 'right' ? right.estimatedRows : left.estimatedRows);
    return {
      kind: 'hash_join', schema: p.schema, estimatedRows, joinType: p.joinType, left, right, leftKeys: keys.leftKeys, rightKeys: keys.rightKeys,
      residual: andAll(keys.residual), buildSide, distribution,
    };
  }
  return { kind: 'nested_loop_join', schema: p.schema, estimatedRows, joinType: p.joinType, left, right, condition: p.condition };
}
