/**
 * Logical plans: readonly tagged unions. Every node carries its output schema; expressions are bound
 * over the concatenated output columns of the node's input(s).
 */
import type { Datum } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import type { AggregateCall, BoundExpr, SubqueryParam } from '../bind/expr/bound_expr.js';
import type { WindowCall } from './window_call.js';
import type { ProjectSetItem, TableFunctionCall } from './table_function.js';
import type { ObjectStoreDescriptor } from '../../storage/object_store/store.js';
import type { DeletionVectorRef } from '../../storage/delta/deletion_vector.js';
import type { LogicalCteScan } from './cte_scan.js';

/** One data file a scan may read. */
export interface ScanFile {
  readonly path: string;
  readonly size: number;
  readonly partitionValues: Readonly<Record<string, Datum>>;
  readonly numRecords: number | null;
  readonly min: Readonly<Record<string, Datum>> | null;
  readonly max: Readonly<Record<string, Datum>> | null;
  readonly nullCount: Readonly<Record<string, number>> | null;
  /** rows deleted by a deletion vector are skipped by the scan */
  readonly deletionVector?: DeletionVectorRef;
}

export interface ScanSource {
  /** 'delta' table (by qualified name) or 'parquet' files read in place */
  readonly kind: 'delta' | 'parquet';
  /** display name: `sales.orders` or the read_parquet pattern */
  readonly name: string;
  readonly store: ObjectStoreDescriptor;
  /** every column of the table / files */
  readonly fields: readonly Field[];
  readonly partitionColumns: readonly string[];
  /** number of files before pruning */
  readonly totalFiles: number;
  /** the Parquet column name of each of `fields` when some differ (column mapping) */
  readonly fileColumnNames?: readonly string[];
  /** column mapping id mode: the Parquet field id of each of `fields` */
  readonly fileFieldIds?: readonly (number | null)[];
  /** the last two fields are the metadata columns `_pier_file`, `_pier_row` (executor/scan/scan_task.ts) */
  readonly metadataColumns?: boolean;
  /** column mapping: physical → logical names of nested struct fields (catalog TableSnapshot.nestedFieldNames) */
  readonly nestedFieldNames?: Readonly<Record<string, string>>;
}

export interface SortKey {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross';

export type LogicalPlan =
  /** reads `columns` (indices into source.fields) of `files`; `filter` is over the scan's output columns */
  | { readonly kind: 'scan'; readonly schema: readonly Field[]; readonly source: ScanSource; readonly columns: readonly number[]; readonly files: readonly ScanFile[]; readonly filter: BoundExpr | null; readonly limit: number | null }
  /** rows of constant-ish expressions (no column references) */
  | { readonly kind: 'values'; readonly schema: readonly Field[]; readonly rows: readonly (readonly BoundExpr[])[] }
  | { readonly kind: 'filter'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly predicate: BoundExpr }
  | { readonly kind: 'project'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly exprs: readonly BoundExpr[] }
  /** output: group keys, then aggregates */
  | { readonly kind: 'aggregate'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly groupKeys: readonly BoundExpr[]; readonly aggregates: readonly AggregateCall[] }
  /** condition over left columns ++ right columns */
  | { readonly kind: 'join'; readonly schema: readonly Field[]; readonly joinType: JoinType; readonly left: LogicalPlan; readonly right: LogicalPlan; readonly condition: BoundExpr | null }
  | { readonly kind: 'sort'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly keys: readonly SortKey[] }
  | { readonly kind: 'limit'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly limit: number | null; readonly offset: number }
  | { readonly kind: 'distinct'; readonly schema: readonly Field[]; readonly input: LogicalPlan }
  /** output: input columns, then one column per window call (planner/logical/window_call.ts) */
  | { readonly kind: 'window'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly calls: readonly WindowCall[] }
  /**
   * EXISTS / IN (semi), NOT EXISTS (anti), NOT IN (anti, nullAware): left rows with (or without) a right row
   * where `condition` (over left ++ right columns) is TRUE. Output: the left columns only.
   */
  | { readonly kind: 'semi_join'; readonly schema: readonly Field[]; readonly anti: boolean; readonly nullAware: boolean; readonly left: LogicalPlan; readonly right: LogicalPlan; readonly condition: BoundExpr | null }
  /** UNION / INTERSECT / EXCEPT [ALL]: both inputs have the output's column types (executor/operators/set_op.ts) */
  | { readonly kind: 'set_op'; readonly schema: readonly Field[]; readonly op: SetOpKind; readonly all: boolean; readonly left: LogicalPlan; readonly right: LogicalPlan }
  /** set-returning functions in FROM (planner/logical/table_function.ts): calls' columns zipped, then ordinality (int8) */
  | { readonly kind: 'table_function'; readonly schema: readonly Field[]; readonly calls: readonly TableFunctionCall[]; readonly ordinality: boolean }
  /** SELECT list with set-returning functions: per input row, SRFs advance in lock step; items bound over the input */
  | { readonly kind: 'project_set'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly items: readonly ProjectSetItem[] }
  /** WITH RECURSIVE: anchor, then `recursive` re-run over the last rows (its `worktable` id) until none are new; distinct = UNION */
  | { readonly kind: 'recursive_cte'; readonly schema: readonly Field[]; readonly id: number; readonly distinct: boolean; readonly anchor: LogicalPlan; readonly recursive: LogicalPlan }
  /** inside a recursive_cte's recursive term: the rows of the previous iteration */
  | { readonly kind: 'worktable'; readonly schema: readonly Field[]; readonly id: number }
  /**
   * LATERAL (planner/bind/select/bind_lateral.ts): per left row, `right` run with its outer_refs `params`
   * (over the left columns) bound; `condition` over left ++ right; 'left' keeps unmatched left rows.
   */
  | { readonly kind: 'lateral_join'; readonly schema: readonly Field[]; readonly joinType: 'inner' | 'left'; readonly left: LogicalPlan; readonly right: LogicalPlan; readonly params: readonly SubqueryParam[]; readonly condition: BoundExpr | null }
  /** a reference to a materialised CTE (logical/cte_scan.ts): a leaf; its `cte` plan is never rewritten by the optimizer */
  | LogicalCteScan;

export type LogicalPlanKind = LogicalPlan['kind'];

export type SetOpKind = 'union' | 'intersect' | 'except';

export function planChildren(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'scan': case 'values': case 'table_function': return [];
    case 'project_set': return [p.input];
    case 'filter': case 'project': case 'aggregate': case 'sort': case 'limit': case 'distinct': return [p.input];
    case 'window': return [p.input];
    case 'join': return [p.left, p.right];
    case 'semi_join': return [p.left, p.right];
    case 'set_op': return [p.left, p.right];
    case 'recursive_cte': return [p.anchor, p.recursive];
    case 'worktable': return [];
    case 'cte_scan': return [];
    case 'lateral_join': return [p.left, p.right];
  }
}

/** Rebuild a node with new children (same count and order as planChildren). */
export function withChildren(p: LogicalPlan, children: readonly LogicalPlan[]): LogicalPlan {
  switch (p.kind) {
    case 'scan': case 'values': case 'table_function': return p;
    case 'filter': case 'project': case 'aggregate': case 'sort': case 'limit': case 'distinct': case 'window': case 'project_set':
      return children[0] === p.input ? p : { ...p, input: children[0]! } as LogicalPlan;
    case 'join':
      return children[0] === p.left && children[1] === p.right ? p : { ...p, left: children[0]!, right: children[1]! };
    case 'semi_join':
      return children[0] === p.left && children[1] === p.right ? p : { ...p, left: children[0]!, right: children[1]! };
    case 'set_op':
      return children[0] === p.left && children[1] === p.right ? p : { ...p, left: children[0]!, right: children[1]! };
    case 'recursive_cte':
      return children[0] === p.anchor && children[1] === p.recursive ? p : { ...p, anchor: children[0]!, recursive: children[1]! };
    case 'worktable': return p;
    case 'cte_scan': return p;
    case 'lateral_join':
      return children[0] === p.left && children[1] === p.right ? p : { ...p, left: children[0]!, right: children[1]! };
  }
}
