/**
 * Physical plans: plain data (structured-cloneable), printed by EXPLAIN (planner/explain.ts) and run by
 * executor/execute.ts. Expressions are bound over the concatenated output columns of the node's input(s).
 */
import type { Field } from '../../common/types.js';
import type { SqlType } from '../../common/types.js';
import type { AggregateCall, BoundExpr, SubqueryExpr, SubqueryParam } from '../bind/expr/bound_expr.js';
import type { JoinType, ScanFile, ScanSource, SetOpKind, SortKey } from '../logical/nodes.js';
import type { WindowCall } from '../logical/window_call.js';
import type { ProjectSetItem, TableFunctionCall } from '../logical/table_function.js';
import type { PhysicalCteScan } from './cte_scan.js';

/** Partial aggregation pushed into scan tasks (run in workers); the parent hash_aggregate merges. */
export interface PartialAggregate {
  /** over the scan's output columns */
  readonly groupKeys: readonly BoundExpr[];
  readonly aggregates: readonly AggregateCall[];
}

/**
 * A scan that returns only some of the columns it reads (a column-only Project fused into it: planner/physical/lower_scan.ts,
 * typically hiding columns only its filter uses, planner/optimizer/scan_filter_only.ts). Contract: `filter` is over
 * `readSchema` (one field per `columns` entry); the scan's `schema`, its `partialAggregate`, the join stages probed in its
 * tasks and every node above see only the output columns `columns` (indexes into the read columns, distinct), so the
 * other read columns are never copied after the filter nor sent to the main thread, and no expression can name them.
 */
export interface ScanOutput {
  readonly columns: readonly number[];
  readonly readSchema: readonly Field[];
}

export type PhysicalPlan =
  /** `output` absent: the scan returns every column it reads (`schema` has one field per `columns` entry) */
  | { readonly kind: 'scan'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly source: ScanSource; readonly columns: readonly number[]; readonly files: readonly ScanFile[]; readonly filter: BoundExpr | null; readonly limit: number | null; readonly partialAggregate: PartialAggregate | null; readonly output?: ScanOutput }
  | { readonly kind: 'values'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly rows: readonly (readonly BoundExpr[])[] }
  | { readonly kind: 'filter'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly predicate: BoundExpr }
  | { readonly kind: 'project'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly exprs: readonly BoundExpr[] }
  /**
   * mode 'single': aggregate the input rows. mode 'final': the input is a scan with partialAggregate set whose
   * tasks return partial states; merge and finalize them.
   */
  | { readonly kind: 'hash_aggregate'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly groupKeys: readonly BoundExpr[]; readonly aggregates: readonly AggregateCall[]; readonly mode: 'single' | 'final' }
  /** equi-join: leftKeys[i] = rightKeys[i] (NULL never matches), then `residual` over left ++ right */
  | { readonly kind: 'hash_join'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly joinType: 'inner' | 'left' | 'right' | 'full'; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly leftKeys: readonly BoundExpr[]; readonly rightKeys: readonly BoundExpr[]; readonly residual: BoundExpr | null; readonly buildSide: 'left' | 'right'; readonly distribution: JoinDistribution }
  | { readonly kind: 'nested_loop_join'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly joinType: JoinType; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly condition: BoundExpr | null }
  | { readonly kind: 'sort'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly keys: readonly SortKey[] }
  | { readonly kind: 'limit'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly limit: number | null; readonly offset: number }
  /** ORDER BY keys LIMIT limit OFFSET offset: keeps only the best limit + offset rows while reading (executor/operators/top_n.ts) */
  | { readonly kind: 'top_n'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly keys: readonly SortKey[]; readonly limit: number; readonly offset: number }
  | { readonly kind: 'distinct'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan }
  /** input columns, then one column per window call; sorts once per distinct (PARTITION BY, ORDER BY) */
  | { readonly kind: 'window'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly calls: readonly WindowCall[] }
  /** semi/anti join (executor/operators/semi_join.ts): hash on rightKeys (none: every right row is a candidate), then residual over left ++ right; output = left columns */
  | { readonly kind: 'semi_join'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly anti: boolean; readonly nullAware: boolean; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly leftKeys: readonly BoundExpr[]; readonly rightKeys: readonly BoundExpr[]; readonly residual: BoundExpr | null }
  /** output: input columns ++ one column per subquery value, computed per row (cached by param values) */
  | { readonly kind: 'subquery_apply'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly subqueries: readonly PhysicalSubquery[] }
  /** UNION / INTERSECT / EXCEPT [ALL], hash-based (executor/operators/set_op.ts) */
  | { readonly kind: 'set_op'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly op: SetOpKind; readonly all: boolean; readonly left: PhysicalPlan; readonly right: PhysicalPlan }
  /** set-returning functions in FROM (executor/operators/table_function.ts) */
  | { readonly kind: 'table_function'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly calls: readonly TableFunctionCall[]; readonly ordinality: boolean }
  /** SELECT-list SRFs in lock step (executor/operators/project_set.ts) */
  | { readonly kind: 'project_set'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly input: PhysicalPlan; readonly items: readonly ProjectSetItem[] }
  /** WITH RECURSIVE (executor/operators/recursive_cte.ts); `worktable` reads the previous iteration's rows */
  | { readonly kind: 'recursive_cte'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly id: number; readonly distinct: boolean; readonly anchor: PhysicalPlan; readonly recursive: PhysicalPlan }
  | { readonly kind: 'worktable'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly id: number }
  /** LATERAL: per distinct params of a left row, `right` run with its outer_refs bound (executor/operators/lateral_join.ts) */
  | { readonly kind: 'lateral_join'; readonly schema: readonly Field[]; readonly estimatedRows: number; readonly joinType: 'inner' | 'left'; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly params: readonly SubqueryParam[]; readonly condition: BoundExpr | null }
  /** a materialised CTE reference (physical/cte_scan.ts, executor/operators/cte_scan.ts): `cte` runs once per execution */
  | PhysicalCteScan;

/** A subquery expression ready to run: SubqueryExpr with a physical plan; lhs/params are over the apply's input. */
export interface PhysicalSubquery {
  readonly mode: SubqueryExpr['mode'];
  readonly op: SubqueryExpr['op'];
  readonly lhs: BoundExpr | null;
  readonly params: readonly SubqueryParam[];
  readonly plan: PhysicalPlan;
  readonly type: SqlType;
}

/**
 * How a hash join runs, chosen by the planner from the build side's estimated size: 'broadcast' = the build
 * side is small enough to copy to every worker so the probe can run inside the probe side's scan tasks;
 * 'partitioned' = large build side. Executors that cannot run probes in workers run both on the main thread.
 */
export type JoinDistribution = 'broadcast' | 'partitioned';

export function physicalChildren(p: PhysicalPlan): readonly PhysicalPlan[] {
  switch (p.kind) {
    case 'scan': case 'values': case 'table_function': return [];
    case 'project_set': return [p.input];
    case 'filter': case 'project': case 'hash_aggregate': case 'sort': case 'limit': case 'distinct': return [p.input];
    case 'top_n': return [p.input];
    case 'window': return [p.input];
    case 'hash_join': case 'nested_loop_join': return [p.left, p.right];
    case 'semi_join': return [p.left, p.right];
    case 'set_op': return [p.left, p.right];
    case 'recursive_cte': return [p.anchor, p.recursive];
    case 'worktable': return [];
    case 'cte_scan': return [p.cte];
    case 'subquery_apply': return [p.input, ...p.subqueries.map((s) => s.plan)];
    case 'lateral_join': return [p.left, p.right];
  }
}
