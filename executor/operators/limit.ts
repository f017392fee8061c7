/** OFFSET then LIMIT; stops pulling its input as soon as the limit is reached. */
import type { Batch, Schema } from '../../common/vector.js';
import { sliceBatch } from '../../common/vector.js';
import type { ExecContext } from '../api.js';
import { checkAborted, type Operator } from './operator.js';

export class LimitOperator implements Operator {
  readonly schema: Schema;

  constructor(private readonly input: Operator, private readonly limit: number | null, private readonly offset: number) {
    this.schema = input.schema;
  }

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    if (this.limit === 0) return;
    let skip = this.offset;
    let left = this.limit ?? Infinity;
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      let start = 0;
      if (skip > 0) {
        start = Math.min(skip, b.length);
        skip -= start;
      }
      const end = Math.min(b.length, start + left);
      if (end > start) {
        yield start === 0 && end === b.length ? b : sliceBatch(b, start, end);
        left -= end - start;
      }
      if (left <= 0) return;
    }
  }
}
