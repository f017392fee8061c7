/**
 * ORDER BY … LIMIT n [OFFSET m]: keeps only the best n + m rows while reading. Input batches are buffered;
 * whenever the buffer holds more than twice what is kept it is sorted (stably, as SortOperator does) and cut
 * back, so memory stays O(n + m + batch) and the result equals Sort followed by Limit.
 */
import type { Batch, Schema } from '../../common/vector.js';
import { concatBatches, takeBatch } from '../../common/vector.js';
import type { SortKey } from '../../planner/logical/nodes.js';
import type { ExecContext } from '../api.js';
import { compileExpr } from '../expr/compile.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';
import { sortPermutation } from './sort.js';
import { topPermutation } from './top_n_select.js';

const MIN_BUFFER_ROWS = 8192;

export class TopNOperator implements Operator {
  readonly schema: Schema;

  constructor(private readonly input: Operator, private readonly keys: readonly SortKey[], private readonly limit: number, private readonly offset: number) {
    this.schema = input.schema;
  }

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const keep = this.limit + this.offset;
    if (this.limit <= 0) return;
    const types = inputTypes(this.schema);
    const compiled = this.keys.map((k) => (k.expr.kind === 'column' ? null : compileExpr(k.expr, types, ctx.eval)));
    const best = (parts: Batch[]): { all: Batch; perm: Int32Array } => {
      const all = parts.length === 1 ? parts[0]! : concatBatches(this.schema, parts);
      const keyVectors = this.keys.map((k, i) => (k.expr.kind === 'column' ? all.columns[k.expr.index]! : compiled[i]!.evaluate(all)));
      // few rows kept of many: a heap of them (top_n_select.ts), the same prefix as the full sort
      return { all, perm: keep * 4 < all.length ? topPermutation(keyVectors, this.keys, all.length, keep) : sortPermutation(keyVectors, this.keys, all.length) };
    };
    let buffer: Batch[] = [];
    let rows = 0;
    const threshold = Math.max(2 * keep, MIN_BUFFER_ROWS);
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      if (b.length === 0) continue;
      buffer.push(b);
      rows += b.length;
      if (rows > threshold) {
        const { all, perm } = best(buffer);
        const kept = takeBatch(all, perm.subarray(0, Math.min(keep, perm.length)));
        buffer = [kept];
        rows = kept.length;
      }
    }
    if (rows <= this.offset) return;
    const { all, perm } = best(buffer);
    buffer = [];
    yield takeBatch(all, perm.subarray(this.offset, Math.min(keep, perm.length)));
  }
}
