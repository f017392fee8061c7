/** Keeps the rows where the predicate is TRUE. */
import type { Batch, Schema } from '../../common/vector.js';
import { takeBatch } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { compilePredicate } from '../expr/compile.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

export class FilterOperator implements Operator {
  readonly schema: Schema;

  constructor(private readonly input: Operator, private readonly predicate: BoundExpr) {
    this.schema = input.schema;
  }

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const pred = compilePredicate(this.predicate, inputTypes(this.input.schema), ctx.eval);
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      const { sel, count } = pred.select(b);
      if (count === 0) continue;
      yield count === b.length ? b : takeBatch(b, sel, count);
    }
  }
}
