/**
 * Logical → physical: joins become hash or nested-loop joins (lower_join.ts); ORDER BY + LIMIT becomes top_n; an aggregate directly over a scan becomes partial aggregation in the scan
 * tasks plus a final merge; every node gets its estimated row count (optimizer/cost/cardinality.ts).
 */
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { estimateRows } from '../optimizer/cost/cardinality.js';
import { lowerJoin } from './lower_join.js';
import type { PhysicalPlan } from './nodes.js';
import { lowerRecursiveCte, lowerSemiJoin } from './lower_semi_join.js';
import { lowerSetOp } from './lower_set_op.js';
import { lowerLateralJoin } from './lower_lateral.js';
import { lowerScanProjection } from './lower_scan.js';
import { lowerJoinWithSubqueries, lowerWithSubqueries } from './lower_subquery.js';
import { lowerCteScan } from './cte_scan.js';

export interface LowerOptions {
  /** allow partial aggregation inside scan tasks */
  readonly partialAggregation: boolean;
}

export function lowerPlan(p: LogicalPlan, options: LowerOptions = { partialAggregation: true }): PhysicalPlan {
  const lower = (x: LogicalPlan) => lowerPlan(x, options);
  switch (p.kind) {
    case 'scan':
      return { ...p, estimatedRows: estimateRows(p), partialAggregate: null };
    case 'values':
      return { ...p, estimatedRows: p.rows.length };
    case 'filter': {
      const withSub = lowerWithSubqueries(p, lower);
      if (withSub) return withSub;
      const input = lower(p.input);
      return { ...p, input, estimatedRows: estimateRows(p) };
    }
    case 'project': {
      const fused = lowerScanProjection(p, estimateRows(p));
      if (fused) return fused;
      const withSub = lowerWithSubqueries(p, lower);
      if (withSub) return withSub;
      const input = lower(p.input);
      return { ...p, input, estimatedRows: estimateRows(p) };
    }
    case 'aggregate': {
      const input = lower(p.input);
      const estimatedRows = estimateRows(p);
      if (options.partialAggregation && input.kind === 'scan' && input.limit === null && input.files.length > 0) {
        const scan: PhysicalPlan = { ...input, partialAggregate: { groupKeys: p.groupKeys, aggregates: p.aggregates } };
        return { kind: 'hash_aggregate', schema: p.schema, estimatedRows, input: scan, groupKeys: p.groupKeys, aggregates: p.aggregates, mode: 'final' };
      }
      return { kind: 'hash_aggregate', schema: p.schema, estimatedRows, input, groupKeys: p.groupKeys, aggregates: p.aggregates, mode: 'single' };
    }
    case 'join': return lowerJoinWithSubqueries(p, lower) ?? lowerJoin(p, lower);
    case 'sort': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: estimateRows(p) };
    }
    case 'limit': {
      // ORDER BY … LIMIT n: a top-N node keeps only the best rows instead of sorting everything
      if (p.limit !== null && p.input.kind === 'sort') {
        const input = lower(p.input.input);
        return { kind: 'top_n', schema: p.schema, estimatedRows: estimateRows(p), input, keys: p.input.keys, limit: p.limit, offset: p.offset };
      }
      const input = lower(p.input);
      return { ...p, input, estimatedRows: estimateRows(p) };
    }
    case 'semi_join': return lowerSemiJoin(p, lower);
    case 'recursive_cte': return lowerRecursiveCte(p, lower);
    case 'worktable': return { ...p, estimatedRows: 100 };
    case 'cte_scan': return lowerCteScan(p, lower);
    case 'table_function': return { ...p, estimatedRows: 1000 };
    case 'project_set': { const input = lower(p.input); return { ...p, input, estimatedRows: input.estimatedRows * 10 }; }
    case 'set_op': return lowerSetOp(p, lower);
    case 'lateral_join': return lowerLateralJoin(p, lower);
    case 'window': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: input.estimatedRows };
    }
    case 'distinct': {
      const input = lower(p.input);
      return { ...p, input, estimatedRows: estimateRows(p) };
    }
  }
}
