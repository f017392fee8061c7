/** Error shaping for a statement inside a query string: positions and cancellation. */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { indexToPosition } from '../../planner/sql/positions.js';

/** A statement-relative position → relative to the whole query string (as PostgreSQL reports it). */
export function shiftPosition(e: unknown, querySql: string, statementOffset: number): unknown {
  if (!(e instanceof QueryError) || e.position === undefined || statementOffset === 0) return e;
  const by = indexToPosition(querySql, statementOffset) - 1;
  return new QueryError(e.sqlstate, e.message, { detail: e.detail, hint: e.hint, position: e.position + by, severity: e.severity, cause: e.cause });
}

export const CANCELED_BY_USER = (): QueryError => new QueryError(SQLSTATE.query_canceled, 'canceling statement due to user request');
export const CANCELED_BY_TIMEOUT = (): QueryError => new QueryError(SQLSTATE.query_canceled, 'canceling statement due to statement timeout');

/** Errors raised because the signal fired (AbortError, the reason itself, ...) become the signal's QueryError. */
export function abortAware(e: unknown, signal: AbortSignal): unknown {
  // a cancel raised deep in the plan names no cause: the signal's reason says which (timeout or user request)
  const canceled = e instanceof QueryError && e.sqlstate === SQLSTATE.query_canceled;
  if (e instanceof QueryError && e.sqlstate !== SQLSTATE.internal_error && !(canceled && signal.aborted)) return e;
  if (signal.aborted) {
    const r: unknown = signal.reason;
    return r instanceof QueryError ? r : CANCELED_BY_USER();
  }
  return e;
}
