/**
 * Set-returning function calls in FROM (`generate_series`, `unnest`, `regexp_split_to_table`, ROWS FROM(...)):
 * the calls of a table_function plan node. Arguments have no column references (no LATERAL); the
 * executor evaluates them once and zips the calls' rows, padding shorter ones with NULLs.
 */
import type { SqlType } from '../../common/types.js';
import type { BoundExpr } from '../bind/expr/bound_expr.js';

export interface TableFunctionCall {
  /** executor/expr/functions/srf.ts implements: generate_series, unnest, regexp_split_to_table, regexp_matches */
  readonly fn: string;
  readonly args: readonly BoundExpr[];
  /** output column types of this call (one each) */
  readonly types: readonly SqlType[];
  /** output column names when a call has several (json_each: key, value); default: the function name */
  readonly names?: readonly string[];
}

/** One SELECT-list item of a project_set: a scalar expression, or an SRF call (one output column). */
export type ProjectSetItem =
  | { readonly kind: 'expr'; readonly expr: BoundExpr }
  | { readonly kind: 'srf'; readonly call: TableFunctionCall };
