/**
 * QueryErrors across the worker-thread boundary. Structured clone keeps an Error's message but drops its own
 * fields (SQLSTATE, detail, hint, context), so a worker's QueryError would reach the client as XX000. The
 * worker sends it as a plain Error whose message carries the fields after a marker; the pool turns it back.
 */
import { QueryError } from '../common/errors.js';

const MARKER = '\u0000pier-query-error:';

interface Fields {
  readonly sqlstate: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly context?: string;
  readonly position?: number;
}

/** In the worker: the error to throw back to the pool (QueryErrors encoded, anything else as it is). */
export function encodeWorkerError(e: unknown): unknown {
  if (!(e instanceof QueryError)) return e;
  const f: Fields = { sqlstate: e.sqlstate, message: e.message, detail: e.detail, hint: e.hint, context: e.context, position: e.position };
  const out = new Error(MARKER + JSON.stringify(f));
  out.stack = e.stack;
  return out;
}

/** In the pool: the QueryError a worker's error stands for, or null when it is not one. */
export function decodeWorkerError(e: unknown): QueryError | null {
  if (e instanceof QueryError) return e;
  const msg = e instanceof Error ? e.message : typeof e === 'object' && e !== null ? String((e as { message?: unknown }).message ?? '') : '';
  const at = msg.indexOf(MARKER);
  if (at < 0) return null;
  try {
    const f = JSON.parse(msg.slice(at + MARKER.length)) as Fields;
    return new QueryError(f.sqlstate, f.message, {
      ...(f.detail !== undefined ? { detail: f.detail } : {}),
      ...(f.hint !== undefined ? { hint: f.hint } : {}),
      ...(f.context !== undefined ? { context: f.context } : {}),
      ...(f.position !== undefined ? { position: f.position } : {}),
    });
  } catch {
    return null;
  }
}
