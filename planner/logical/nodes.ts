/**
 * Logical plans: readonly tagged unions. Every node carries its output schema; expressions are bound
 * over the concatenated output columns of the node's input(s).
 */
import type { Datum } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import type { AggregateCall, BoundExpr } from '../bind/expr/bound_expr.js';
import type { ObjectStoreDescriptor } from '../../storage/object_store/store.js';

/** One data file a scan may read. */
export interface ScanFile {
  readonly path: string;
  readonly size: number;
  readonly partitionValues: Readonly<Record<string, Datum>>;
  readonly numRecords: number | null;
  readonly min: Readonly<Record<string, Datum>> | null;
  readonly max: Readonly<Record<string, Datum>> | null;
  readonly nullCount: Readonly<Record<string, number>> | null;
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
  | { readonly kind: 'distinct'; readonly schema: readonly Field[]; readonly input: LogicalPlan };

export type LogicalPlanKind = LogicalPlan['kind'];

export function planChildren(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'scan': case 'values': return [];
    case 'filter': case 'project': case 'aggregate': case 'sort': case 'limit': case 'distinct': return [p.input];
    case 'join': return [p.left, p.right];
  }
}

/** Rebuild a node with new children (same count and order as planChildren). */
export function withChildren(p: LogicalPlan, children: readonly LogicalPlan[]): LogicalPlan {
  switch (p.kind) {
    case 'scan': case 'values': return p;
    case 'filter': case 'project': case 'aggregate': case 'sort': case 'limit': case 'distinct':
      return children[0] === p.input ? p : { ...p, input: children[0]! } as LogicalPlan;
    case 'join':
      return children[0] === p.left && children[1] === p.right ? p : { ...p, left: children[0]!, right: children[1]! };
  }
}
