import { QueryError, SQLSTATE } from '../../../common/errors.js';

/** A malformed message: FATAL 08P01, after which the connection is closed. */
export function protocolViolation(message: string): QueryError {
  return new QueryError(SQLSTATE.protocol_violation, message, { severity: 'FATAL' });
}

export function isFatal(err: unknown): boolean {
  return err instanceof QueryError && (err.severity === 'FATAL' || err.severity === 'PANIC');
}
