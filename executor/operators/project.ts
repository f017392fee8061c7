/** Computes the output expressions for every input batch. */
import type { Batch, Schema } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { compileExpr } from '../expr/compile.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

export class ProjectOperator implements Operator {
  constructor(readonly schema: Schema, readonly input: Operator, readonly exprs: readonly BoundExpr[]) {}

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const types = inputTypes(this.input.schema);
    const compiled = this.exprs.map((e) => (e.kind === 'column' ? null : compileExpr(e, types, ctx.eval)));
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      yield {
        length: b.length,
        columns: this.exprs.map((e, i) => (e.kind === 'column' ? b.columns[e.index]! : compiled[i]!.evaluate(b))),
      };
    }
  }
}
