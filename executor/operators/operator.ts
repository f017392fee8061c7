/**
 * The one operator shape: output `schema`, `children()`, and `execute(ctx)` — an async iterable of batches
 * that does no work before the first batch is pulled, releases what it holds in `finally`, and stops
 * with 57014 when `ctx.signal` aborts.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Batch, Schema } from '../../common/vector.js';
import type { ExecContext } from '../api.js';

export interface Operator {
  readonly schema: Schema;
  children(): readonly Operator[];
  execute(ctx: ExecContext): AsyncIterable<Batch>;
}

export function checkAborted(ctx: ExecContext): void {
  if (ctx.signal.aborted) throw new QueryError(SQLSTATE.query_canceled, 'canceling statement due to user request');
}

export function inputTypes(schema: Schema) {
  return schema.map((f) => f.type);
}
