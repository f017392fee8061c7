/**
 * ORDER BY: materializes its input, sorts stably by the keys (row_order.ts: compareDatums; NULLs placed by
 * nullsFirst, PostgreSQL's default being NULLs larger than every value) and emits batches of at most OUTPUT_ROWS rows.
 */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { concatBatches, takeBatch } from '../../common/vector.js';
import type { SortKey } from '../../planner/logical/nodes.js';
import type { ExecContext } from '../api.js';
import { compileExpr } from '../expr/compile.js';
import { accountBatch } from '../instrument/account.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';
import { rowOrder } from './row_order.js';

const OUTPUT_ROWS = 65536;

export function sortPermutation(keyVectors: readonly Vector[], keys: readonly SortKey[], rows: number): Int32Array {
  return Int32Array.from(Array.from({ length: rows }, (_, i) => i).sort(rowOrder(keyVectors, keys)));
}

export class SortOperator implements Operator {
  readonly schema: Schema;

  constructor(private readonly input: Operator, private readonly keys: readonly SortKey[]) {
    this.schema = input.schema;
  }

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const types = inputTypes(this.schema);
    const compiled = this.keys.map((k) => (k.expr.kind === 'column' ? null : compileExpr(k.expr, types, ctx.eval)));
    let parts: Batch[] = [];
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      if (b.length > 0) parts.push(b);
      accountBatch(ctx, b, 'Sort');
    }
    if (parts.length === 0) return;
    const all = concatBatches(this.schema, parts);
    parts = [];
    const keyVectors = this.keys.map((k, i) => (k.expr.kind === 'column' ? all.columns[k.expr.index]! : compiled[i]!.evaluate(all)));
    const perm = sortPermutation(keyVectors, this.keys, all.length);
    checkAborted(ctx);
    for (let s = 0; s < perm.length; s += OUTPUT_ROWS) {
      yield takeBatch(all, perm.subarray(s, Math.min(perm.length, s + OUTPUT_ROWS)));
    }
  }
}
