/**
 * Physical plans: plain data (structured-cloneable), printed by EXPLAIN (planner/explain.ts) and run by
 * executor/execute.ts. Expressions are bound over the concatenated output columns of the node's input(s).
 */
import type { Field } from '../../common/types.js';
import type { AggregateCall, BoundExpr } from '../bind/expr/bound_expr.js';
import type { JoinType, ScanFile, ScanSource, SortKey } from '../logical/nodes.js';

/** Partial aggregation pushed into scan tasks (run in workers); the parent hash_aggregate merges. */
export interface PartialAggregate {
  /** over the scan's output columns */
  readonly groupKeys: readonly BoundExpr[];
  readonly aggregates: readonly AggregateCall[];
}

export type PhysicalPlan =
  | { readonly kind: 'scan'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly source: ScanSource; readonly columns: readonly number[]; readonly files: readonly ScanFile[]; readonly filter: BoundExpr | null; readonly limit: number | null; readonly partialAggregate: PartialAggregate | null }
  | { readonly kind: 'values'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly rows: readonly (readonly BoundExpr[])[] }
  | { readonly kind: 'filter'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly predicate: BoundExpr }
  | { readonly kind: 'project'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly exprs: readonly BoundExpr[] }
  /**
   * mode 'single': aggregate the input rows. mode 'final': the input is a scan with partialAggregate set whose
   * tasks return partial states; merge and finalize them.
   */
  | { readonly kind: 'hash_aggregate'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly groupKeys: readonly BoundExpr[]; readonly aggregates: readonly AggregateCall[]; readonly mode: 'single' | 'final' }
  /** equi-join: leftKeys[i] = rightKeys[i] (NULL never matches), then `residual` over left ++ right */
  | { readonly kind: 'hash_join'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly joinType: 'inner' | 'left' | 'right' | 'full'; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly leftKeys: readonly BoundExpr[]; readonly rightKeys: readonly BoundExpr[]; readonly residual: BoundExpr | null; readonly buildSide: 'left' | 'right' }
  | { readonly kind: 'nested_loop_join'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly joinType: JoinType; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly condition: BoundExpr | null }
  | { readonly kind: 'sort'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly keys: readonly SortKey[] }
  | { readonly kind: 'limit'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly limit: number | null; readonly offset: number }
  | { readonly kind: 'distinct'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan };

export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  switch (p.kind) {
    case 'scan': case 'values': return [];
    case 'filter': case 'project': case 'hash_aggregate': case 'sort': case 'limit': case 'distinct': return [p.input];
    case 'hash_join': case 'nested_loop_join': return [p.left, p.right];
  }
}
