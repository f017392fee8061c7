/**
 * Constant folding: evaluate sub-expressions without column/parameter references once at plan time.
 * now()/current_date/localtimestamp stay unfolded (they are evaluated per statement by the executor).
 * A sub-expression whose evaluation fails is left as it is, so the error surfaces only if it is reached.
 */
import { evaluateConstant } from '../../../executor/expr/compile.js';
import type { BoundExpr } from './bound_expr.js';
import { mapExprChildren, exprChildren } from './bound_expr.js';
import type { BindContext } from './scope.js';

const VOLATILE: ReadonlySet<string> = new Set(['now', 'current_date', 'localtimestamp', 'random', 'clock_timestamp']);

export function foldConstants(expr: BoundExpr, ctx: BindContext): BoundExpr {
  if (expr.kind === 'column' || expr.kind === 'param' || expr.kind === 'const') return expr;
  const folded = mapExprChildren(expr, (c) => foldConstants(c, ctx));
  if (folded.kind === 'call' && VOLATILE.has(folded.fn)) return folded;
  if (!exprChildren(folded).every((c) => c.kind === 'const')) return folded;
  try {
    const value = evaluateConstant(folded, { values: ctx.values, params: [], statementTime: 0n });
    return { kind: 'const', value, type: folded.type };
  } catch {
    return folded;
  }
}
