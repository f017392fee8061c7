/** Errors for window function calls where none may appear (PostgreSQL's wording). */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
export { isWindowOnlyFunction } from '../../logical/window_call.js';

/** A window call reached the plain expression binder: the clause does not allow one. */
export function windowNotAllowed(clause: string, position: number | undefined): QueryError {
  if (clause === 'aggregate function calls') return new QueryError(SQLSTATE.grouping_error, 'aggregate function calls cannot contain window function calls', { position });
  return new QueryError('42P20', `window functions are not allowed in ${clause}`, { position });
}

export function windowRequiresOver(name: string, position: number | undefined): QueryError {
  return new QueryError(SQLSTATE.wrong_object_type, `window function ${name} requires an OVER clause`, { position });
}
