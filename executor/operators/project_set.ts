/**
 * SELECT-list set-returning functions (PostgreSQL 10+ semantics): per input row, all SRFs advance in
 * lock step; the row yields as many output rows as its longest SRF (shorter ones give NULL), none when
 * every SRF is empty; scalar items repeat.
 */
import type { Datum } from '../../common/datum.js';
import type { Batch, Schema } from '../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../common/vector.js';
import type { ProjectSetItem } from '../../planner/logical/table_function.js';
import type { ExecContext } from '../api.js';
import { compileExpr } from '../expr/compile.js';
import { srfRows } from '../expr/functions/srf.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

const BATCH = 2048;

export class ProjectSetOperator implements Operator {
  constructor(readonly schema: Schema, private readonly input: Operator, private readonly items: readonly ProjectSetItem[]) {}

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const types = inputTypes(this.input.schema);
    const compiled = this.items.map((it) => (it.kind === 'expr' ? [compileExpr(it.expr, types, ctx.eval)] : it.call.args.map((a) => compileExpr(a, types, ctx.eval))));
    let cols: Datum[][] = this.schema.map(() => []);
    let n = 0;
    const flush = (): Batch => {
      const b = { length: n, columns: this.schema.map((f, k) => vectorFromDatums(f.type, cols[k]!)) };
      cols = this.schema.map(() => []);
      n = 0;
      return b;
    };
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      const vecs = compiled.map((cs) => cs.map((c) => c.evaluate(b)));
      for (let r = 0; r < b.length; r++) {
        const scalars: Datum[] = [];
        const iters: (Iterator<Datum[]> | null)[] = [];
        this.items.forEach((it, k) => {
          if (it.kind === 'expr') { scalars[k] = getDatum(vecs[k]![0]!, r); iters[k] = null; }
          else {
            const args = vecs[k]!.map((v) => getDatum(v, r));
            iters[k] = srfRows(it.call.fn, args, it.call.args.map((a) => a.type), ctx.eval.values)[Symbol.iterator]();
          }
        });
        const done = iters.map((x) => x === null);
        for (;;) {
          const row: Datum[] = [];
          let any = false;
          for (let k = 0; k < this.items.length; k++) {
            const it = iters[k];
            if (it === null || it === undefined) { row.push(scalars[k] ?? null); continue; }
            const x = done[k] ? null : it.next();
            if (x === null || x.done) { done[k] = true; row.push(null); } else { any = true; row.push(x.value[0] ?? null); }
          }
          if (!any) break;
          for (let k = 0; k < row.length; k++) cols[k]!.push(row[k]!);
          if (++n >= BATCH) yield flush();
        }
      }
    }
    if (n > 0) yield flush();
  }
}
