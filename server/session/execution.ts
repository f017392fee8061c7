/** Execution objects: a stream of row batches, or a finished command with its tag. */
import type { Field } from '../../common/types.js';
import type { Batch } from '../../common/vector.js';
import type { Execution } from './api.js';

/** A statement without rows: already done when created. */
export function commandExecution(tag: string): Execution {
  return {
    fields: null,
    next: async () => null,
    commandTag: () => tag,
    close: async () => undefined,
  };
}

/**
 * Rows from an async batch stream; tag `${verb} n` by default (`SELECT 3`). `mapError` turns errors (aborts)
 * into QueryErrors; `onDone` runs once, when the stream ends or is closed.
 */
export function rowsExecution(
  fields: readonly Field[],
  source: AsyncIterable<Batch>,
  options: {
    readonly tag?: (rows: number) => string;
    readonly mapError?: (e: unknown) => unknown;
    readonly onDone?: () => void;
    /** checked before every batch: an aborted statement stops even when the plan does not look at the signal */
    readonly signal?: AbortSignal;
  } = {},
): Execution {
  const it = source[Symbol.asyncIterator]();
  let rows = 0;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    options.onDone?.();
  };
  return {
    fields,
    async next(): Promise<Batch | null> {
      if (done) return null;
      try {
        for (;;) {
          if (options.signal?.aborted === true) throw options.signal.reason;
          const r = await it.next();
          if (r.done === true) {
            finish();
            return null;
          }
          if (r.value.length === 0) continue;
          rows += r.value.length;
          return r.value;
        }
      } catch (e) {
        finish();
        throw options.mapError ? options.mapError(e) : e;
      }
    },
    commandTag: () => (options.tag ? options.tag(rows) : `SELECT ${rows}`),
    async close(): Promise<void> {
      if (done) return;
      finish();
      await it.return?.();
    },
  };
}

/** Rows given up front (SHOW, EXPLAIN). */
export function staticRowsExecution(fields: readonly Field[], batches: readonly Batch[], tag: string): Execution {
  async function* gen(): AsyncGenerator<Batch> {
    yield* batches;
  }
  return rowsExecution(fields, gen(), { tag: () => tag });
}
