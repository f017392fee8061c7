/** Batch streams that count rows and honour cancellation. */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Batch } from '../../../common/vector.js';

export function cancelledError(): QueryError {
  return new QueryError(SQLSTATE.query_canceled, 'canceling statement due to user request');
}

export function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const r: unknown = signal.reason;
  throw r instanceof QueryError ? r : cancelledError();
}

export function countingBatches(source: AsyncIterable<Batch>, signal: AbortSignal): { readonly batches: AsyncIterable<Batch>; rows(): number } {
  let rows = 0;
  async function* gen(): AsyncGenerator<Batch> {
    for await (const b of source) {
      throwIfAborted(signal);
      rows += b.length;
      yield b;
    }
    throwIfAborted(signal);
  }
  return { batches: gen(), rows: () => rows };
}
