/**
 * Keeps a CPU-bound plan interruptible. Operators chain async generators whose awaits settle as microtasks, so
 * a plan that never waits for I/O would run to its end without letting timers (statement_timeout) or sockets
 * (CancelRequest) run. Every operator is wrapped so that, at most every YIELD_MS of a query's run, a batch
 * passing through waits one macrotask turn (setImmediate), then stops if the statement was aborted.
 */
import type { Batch } from '../../common/vector.js';
import type { ExecContext } from '../api.js';
import type { Operator } from '../operators/operator.js';

const YIELD_MS = 20;

/** One per query execution: when it last let the event loop run. */
export class YieldClock {
  private last = performance.now();

  /** called per batch: yields to the event loop when due, then throws the abort reason if aborted */
  async tick(ctx: ExecContext): Promise<void> {
    const now = performance.now();
    if (now - this.last < YIELD_MS) return;
    this.last = now;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (ctx.signal.aborted) throw ctx.signal.reason;
  }
}

function yielding<T>(source: AsyncIterable<T>, ctx: ExecContext, clock: YieldClock): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const it = source[Symbol.asyncIterator]();
      return {
        async next(): Promise<IteratorResult<T>> {
          const r = await it.next();
          if (r.done !== true) await clock.tick(ctx);
          return r;
        },
        async return(value?: unknown): Promise<IteratorResult<T>> {
          await it.return?.(value);
          return { done: true, value: undefined as T };
        },
      };
    },
  };
}

/** Wrap `op` (prototype-linked, so instanceof and a scan's executePartial still work). */
export function yieldingOperator(op: Operator, clock: YieldClock): Operator {
  const wrapper = Object.create(op) as Operator & Record<string, unknown>;
  wrapper.execute = (ctx: ExecContext): AsyncIterable<Batch> => yielding(op.execute(ctx), ctx, clock);
  const partial = (op as unknown as Record<string, unknown>)['executePartial'];
  if (typeof partial === 'function') {
    wrapper['executePartial'] = (ctx: ExecContext): AsyncIterable<unknown> =>
      yielding((partial as (c: ExecContext) => AsyncIterable<unknown>).call(op, ctx), ctx, clock);
  }
  return wrapper;
}
