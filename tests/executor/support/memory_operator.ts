/** An operator over in-memory batches for operator tests; counts how many batches were pulled. */
import type { Batch, Schema } from '../../../common/vector.js';
import type { Operator } from '../../../executor/operators/operator.js';

export class Memory implements Operator {
  pulled = 0;
  constructor(readonly schema: Schema, private readonly batches: readonly Batch[]) {}
  children(): readonly Operator[] {
    return [];
  }
  async *execute(): AsyncIterable<Batch> {
    for (const b of this.batches) {
      this.pulled++;
      yield b;
    }
  }
}
