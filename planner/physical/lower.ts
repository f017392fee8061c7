/**
 * Logical → physical: joins become hash joins (equi-conjuncts as keys, the rest residual; build the smaller
 * side) or nested-loop joins; an aggregate directly over a scan becomes partial aggregation in the scan
 * tasks plus a final merge; every node gets its estimated row count.
 */
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { aggregateRows, filterRows, joinRows, limitRows, scanRows } from '../optimizer/cost/estimate.js';
import { andAll, columnsOf, conjuncts, shiftColumns } from '../optimizer/expr_utils.js';
import type { PhysicalPlan } from './nodes.js';

export interface LowerOptions {
  /** allow partial aggregation inside scan tasks */
  readonly partialAggregation: boolean;
}

export function lowerPlan(p: LogicalPlan, options: LowerOptions = { partialAggregation: true }): PhysicalPlan {
  const lower = (x: LogicalPlan) => lowerPlan(x, options);
  switch (p.kind) {
    case 'scan':
      return { ...p, estimatedRows: scanRows(p.files, p.filter !== null, p.limit), partialAggregate: null };
    case 'values':
      return { ...p, estimatedRows: p.rows.length };
    case 'filter': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: filterRows(input.estimatedRows) };
    }
    case 'project': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: input.estimatedRows };
    }
    case 'aggregate': {
      const input = lower(p.input);
      const estimatedRows = aggregateRows(input.estimatedRows, p.groupKeys.length);
      if (options.partialAggregation && input.kind === 'scan' && input.limit === null && input.files.length > 0) {
        const scan: PhysicalPlan = { ...input, partialAggregate: { groupKeys: p.groupKeys, aggregates: p.aggregates } };
        return { kind: 'hash_aggregate', schema: p.schema, estimatedRows, input: scan, groupKeys: p.groupKeys, aggregates: p.aggregates, mode: 'final' };
      }
      return { kind: 'hash_aggregate', schema: p.schema, estimatedRows, input, groupKeys: p.groupKeys, aggregates: p.aggregates, mode: 'single' };
    }
    case 'join': {
      const left = lower(p.left);
      const right = lower(p.right);
      const nLeft = p.left.schema.length;
      const leftKeys: BoundExpr[] = [];
      const rightKeys: BoundExpr[] = [];
      const residual: BoundExpr[] = [];
      if (p.condition && p.joinType !== 'cross') {
        for (const c of conjuncts(p.condition)) {
          if (c.kind === 'compare' && c.op === '=') {
            const lc = [...columnsOf(c.left)];
            const rc = [...columnsOf(c.right)];
            const leftOnly = (cols: number[]) => cols.length > 0 && cols.every((i) => i < nLeft);
            const rightOnly = (cols: number[]) => cols.length > 0 && cols.every((i) => i >= nLeft);
            if (leftOnly(lc) && rightOnly(rc)) {
              leftKeys.push(c.left);
              rightKeys.push(shiftColumns(c.right, -nLeft));
              continue;
            }
            if (rightOnly(lc) && leftOnly(rc)) {
              leftKeys.push(c.right);
              rightKeys.push(shiftColumns(c.left, -nLeft));
              continue;
            }
          }
          residual.push(c);
        }
      }
      const estimatedRows = joinRows(p.joinType, left.estimatedRows, right.estimatedRows, leftKeys.length > 0);
      if (leftKeys.length > 0 && p.joinType !== 'cross') {
        return {
          kind: 'hash_join', schema: p.schema, estimatedRows, joinType: p.joinType, left, right, leftKeys, rightKeys,
          residual: andAll(residual), buildSide: right.estimatedRows <= left.estimatedRows ? 'right' : 'left',
        };
      }
      return { kind: 'nested_loop_join', schema: p.schema, estimatedRows, joinType: p.joinType, left, right, condition: p.condition };
    }
    case 'sort': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: input.estimatedRows };
    }
    case 'limit': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: limitRows(input.estimatedRows, p.limit, p.offset) };
    }
    case 'distinct': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: Math.max(1, input.estimatedRows * 0.5) };
    }
  }
}
