/** Assignment of a query output column to an INSERT target column (PostgreSQL's transformAssignedExpr). */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { formatType, typesEqual } from '../../../common/types.js';
import type { PlanContext } from '../../api.js';
import { coerceToType } from '../expr/bind_expr.js';
import type { BoundExpr } from '../expr/bound_expr.js';

export function assignToTarget(e: BoundExpr, target: SqlType, name: string, ctx: PlanContext, position?: number): BoundExpr {
  if (typesEqual(e.type, target)) return e;
  try {
    return coerceToType(e, target, 'assignment', ctx.bind, position);
  } catch (err) {
    if (err instanceof QueryError && (err.sqlstate === SQLSTATE.datatype_mismatch || err.sqlstate === SQLSTATE.cannot_coerce)) {
      throw new QueryError(SQLSTATE.datatype_mismatch, `column "${name}" is of type ${formatType(target)} but expression is of type ${formatType(e.type)}`, {
        hint: 'You will need to rewrite or cast the expression.',
        position: err.position ?? position,
      });
    }
    throw err;
  }
}
