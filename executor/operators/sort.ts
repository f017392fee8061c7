/**
 * ORDER BY: materializes its input, sorts stably by the keys (compareDatums; NULLs placed by nullsFirst,
 * PostgreSQL's default being NULLs larger than every value) and emits batches of at most OUTPUT_ROWS rows.
 */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { concatBatches, getDatum, takeBatch } from '../../common/vector.js';
import { compareDatums } from '../../common/values/compare.js';
import type { SortKey } from '../../planner/logical/nodes.js';
import type { ExecContext } from '../api.js';
import { compileExpr } from '../expr/compile.js';
import { accountBatch } from '../instrument/account.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

const OUTPUT_ROWS = 65536;

export function sortPermutation(keyVectors: readonly Vector[], keys: readonly SortKey[], rows: number): Int32Array {
  const perm = Array.from({ length: rows }, (_, i) => i);
  const cols = keyVectors.map((v) => Array.from({ length: rows }, (_, i) => getDatum(v, i)));
  perm.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const x = cols[k]![a]!;
      const y = cols[k]![b]!;
      let c: number;
      if (x === null || y === null) {
        if (x === null && y === null) continue;
        // null vs value: NULLS FIRST puts it before regardless of direction
        c = x === null ? (key.nullsFirst ? -1 : 1) : key.nullsFirst ? 1 : -1;
        return c;
      }
      c = compareDatums(keyVectors[k]!.type, x, y);
      if (c !== 0) return key.descending ? -c : c;
    }
    return a - b;
  });
  return Int32Array.from(perm);
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
