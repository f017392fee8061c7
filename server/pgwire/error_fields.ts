/** Errors and notices → ErrorResponse / NoticeResponse fields. */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Notice } from '../session/api.js';
import type { ErrorFields } from './codec/backend_writer.js';

export function errorFields(err: unknown): ErrorFields {
  if (err instanceof QueryError) {
    return {
      severity: err.severity,
      code: err.sqlstate,
      message: err.message,
      ...(err.detail !== undefined ? { detail: err.detail } : {}),
      ...(err.hint !== undefined ? { hint: err.hint } : {}),
      ...(err.position !== undefined ? { position: err.position } : {}),
      ...(err.context !== undefined ? { where: err.context } : {}),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { severity: 'ERROR', code: SQLSTATE.internal_error, message };
}

export function noticeFields(n: Notice): ErrorFields {
  return {
    severity: n.severity,
    code: n.sqlstate,
    message: n.message,
    ...(n.detail !== undefined ? { detail: n.detail } : {}),
    ...(n.hint !== undefined ? { hint: n.hint } : {}),
  };
}

export function queryCanceled(): QueryError {
  return new QueryError(SQLSTATE.query_canceled, 'canceling statement due to user request');
}
