/**
 * What the expression binder needs from the statement binder around it.
 */
import type { SqlType } from '../../../common/types.js';
import type { AggregateCall, BoundExpr } from './bound_expr.js';
import type { ValueContext } from '../../../common/values/context.js';
import type { SystemCatalog } from '../../../catalog/system/system_catalog.js';

/** A libpg-query AST node (JSON): `{ "A_Expr": {...} }`, `{ "ColumnRef": {...} }`, ... */
export type PgNode = Record<string, any>;

export interface ColumnResolution {
  readonly index: number;
  readonly type: SqlType;
  readonly name: string;
  /** set for a reference resolved in an enclosing query (an `outer_ref`): bind to this instead of column `index` */
  readonly expr?: BoundExpr;
}

export interface ExprScope {
  /**
   * Resolve a column reference (`fields` as written: ['c'], ['t','c'], ['s','t','c'], already folded/unquoted
   * as libpg-query gives them). Throw QueryError 42703 (undefined column) / 42702 (ambiguous) / 42P01
   * (missing FROM-clause entry for table) with the given position; return null only to let the binder try
   * other interpretations (none now).
   */
  resolveColumn(fields: readonly string[], position: number | undefined): ColumnResolution;
  /**
   * Called before binding every node: the statement binder may replace a whole sub-expression (a GROUP BY
   * key, an already-computed aggregate) by a column of its own. Return null to bind the node normally.
   */
  lookupExpr?(node: PgNode): BoundExpr | null;
  /**
   * When set, aggregate calls are allowed here: the expression binder binds the aggregate's arguments with
   * `aggregateInputScope`, types the call, and asks this function for the expression that stands for the
   * aggregate's result (a column of the aggregation output). When unset, an aggregate call is 42803
   * "aggregate functions are not allowed in WHERE" (the message names `clause`).
   */
  registerAggregate?(call: AggregateCall): BoundExpr;
  readonly aggregateInputScope?: ExprScope;
  /** 'WHERE', 'JOIN conditions', 'VALUES', ... — used in error messages */
  readonly clause: string;
}

export interface BindContext {
  /** parameter types by 0-based index; 'unknown' entries get inferred by the binder and written back here */
  readonly params: SqlType[];
  readonly values: ValueContext;
  /** original statement text, for error positions (libpg-query `location` is 0-based into it) */
  readonly sql: string;
  /** the emulated pg_catalog of this statement (planner/bind/system_context.ts), set before binding when needed */
  readonly system?: SystemCatalog;
}
