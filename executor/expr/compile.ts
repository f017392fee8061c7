/**
 * Expression compiler API (implemented by the expression helper).
 * Compile once per query (or per worker task); evaluate per batch. Errors that depend on data
 * (22012 division by zero, 22003 overflow, 22P02 bad cast input) are QueryErrors thrown from evaluate.
 */
import type { Datum } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import type { ValueContext } from '../../common/values/context.js';
import type { Batch, Vector } from '../../common/vector.js';
import { getDatum } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { compileNode } from './compile_node.js';
import { compileSelector } from './predicate/selector.js';

export interface EvalContext {
  readonly values: ValueContext;
  /** bound parameter values ($1 = params[0]) */
  readonly params: readonly Datum[];
  /** statement start time, microseconds since epoch UTC (now(), current_timestamp) */
  readonly statementTime: bigint;
}

export interface CompiledExpr {
  readonly type: SqlType;
  evaluate(batch: Batch): Vector;
}

/** Compile `expr` over input columns of types `input`. */
export function compileExpr(expr: BoundExpr, input: readonly SqlType[], ctx: EvalContext): CompiledExpr {
  const ev = compileNode(expr, input, ctx);
  return { type: expr.type, evaluate: ev };
}

/**
 * Compile a boolean predicate; `select(batch)` returns the indices of rows where it is TRUE
 * (NULL and FALSE rows are dropped), ascending, and how many there are.
 */
export interface CompiledPredicate {
  select(batch: Batch): { readonly sel: Int32Array; readonly count: number };
}
export function compilePredicate(expr: BoundExpr, input: readonly SqlType[], ctx: EvalContext): CompiledPredicate {
  const select = compileSelector(expr, input, ctx);
  return {
    select(batch) {
      const n = batch.length;
      const sel = new Int32Array(n);
      for (let i = 0; i < n; i++) sel[i] = i;
      return { sel, count: n === 0 ? 0 : select(batch, sel, n, sel) };
    },
  };
}

/** Evaluate a constant expression (no column refs) to one datum. */
export function evaluateConstant(expr: BoundExpr, ctx: EvalContext): Datum {
  const ev = compileNode(expr, [], ctx);
  return getDatum(ev({ length: 1, columns: [] }), 0);
}
