/**
 * Appends one column per subquery expression to every input batch: a subquery's value for a row depends
 * on its params (outer values), so results are cached by them — an uncorrelated subquery runs once.
 * A subquery's lhs and params may use the columns of the subqueries before it.
 */
import type { Datum } from '../../common/datum.js';
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { getDatum } from '../../common/vector.js';
import type { PhysicalSubquery } from '../../planner/physical/nodes.js';
import type { ExecContext } from '../api.js';
import { compileExpr } from '../expr/compile.js';
import { datumKey } from '../expr/datum_compare.js';
import { runSubquery, subqueryValue, type SubqueryResult } from '../expr/subquery_run.js';
import { VectorBuilder } from '../expr/vector_out.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

export class SubqueryApplyOperator implements Operator {
  constructor(readonly schema: Schema, private readonly input: Operator, private readonly subqueries: readonly PhysicalSubquery[]) {}

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const types = inputTypes(this.input.schema);
    const compiled = this.subqueries.map((s) => {
      const c = {
        params: s.params.map((p) => compileExpr(p.expr, types, ctx.eval)),
        lhs: s.lhs ? compileExpr(s.lhs, types, ctx.eval) : null,
        cache: new Map<string, SubqueryResult>(),
      };
      types.push(s.type);
      return c;
    });
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      const columns: Vector[] = [...b.columns];
      for (let k = 0; k < this.subqueries.length; k++) {
        const s = this.subqueries[k]!;
        const c = compiled[k]!;
        const batch: Batch = { length: b.length, columns };
        const pv = c.params.map((p) => p.evaluate(batch));
        const lv = c.lhs ? c.lhs.evaluate(batch) : null;
        const out = new VectorBuilder(s.type, b.length);
        const cmpType = s.plan.schema[0]?.type ?? s.type;
        for (let i = 0; i < b.length; i++) {
          const datums: Datum[] = pv.map((v) => getDatum(v, i));
          const key = datums.map((d, j) => (d === null ? '\u0000' : `${String(datumKey(s.params[j]!.expr.type, d))}`)).join('\u0001');
          let r = c.cache.get(key);
          if (r === undefined) {
            r = await runSubquery(s, datums, ctx);
            c.cache.set(key, r);
          }
          out.set(i, subqueryValue(s, r, lv ? getDatum(lv, i) : null, cmpType));
        }
        columns.push(out.finish());
      }
      yield { length: b.length, columns };
    }
  }
}
