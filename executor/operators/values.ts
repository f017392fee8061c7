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
    const datums = this.rows.map((r) => r.map((e) => (e.kind === 'const' ? e.value : evaluateConstant(e, ctx.eval))));
    yield { length: this.rows.length, columns: this.schema.map((f, c) => vectorFromDatums(f.type, datums.map((r) => r[c]!))) };
  }
}
