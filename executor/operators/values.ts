/** VALUES rows (and the one empty row of a SELECT without FROM), evaluated when first pulled. */
import type { Batch, Schema } from '../../common/vector.js';
import { vectorFromDatums } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { evaluateConstant } from '../expr/compile.js';
import type { Operator } from './operator.js';

export class ValuesOperator implements Operator {
  constructor(readonly schema: Schema, private readonly rows: readonly (readonly BoundExpr[])[]) {}

  children(): readonly Operator[] {
    return [];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    // constant rows (system tables: catalog/system) are built into vectors once per plan, however often it runs
    const cached = CONSTANT_BATCHES.get(this.rows);
    if (cached !== undefined) {
      yield cached;
      return;
    }
    const datums = this.rows.map((r) => r.map((e) => (e.kind === 'const' ? e.value : evaluateConstant(e, ctx.eval))));
    const batch: Batch = { length: this.rows.length, columns: this.schema.map((f, c) => vectorFromDatums(f.type, datums.map((r) => r[c]!))) };
    if (this.rows.length > 64 && this.rows.every((r) => r.every((e) => e.kind === 'const'))) CONSTANT_BATCHES.set(this.rows, batch);
    yield batch;
  }
}

const CONSTANT_BATCHES = new WeakMap<object, Batch>();
