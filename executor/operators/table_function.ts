/** FROM-clause set-returning functions: evaluate the calls' arguments once, zip their rows (ROWS FROM semantics), add ordinality. */
import type { Datum } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import type { Batch, Schema } from '../../common/vector.js';
import { vectorFromDatums } from '../../common/vector.js';
import type { TableFunctionCall } from '../../planner/logical/table_function.js';
import type { ExecContext } from '../api.js';
import { evaluateConstant } from '../expr/compile.js';
import { srfRows } from '../expr/functions/srf.js';
import type { Operator } from './operator.js';

const BATCH = 2048;

export class TableFunctionOperator implements Operator {
  constructor(readonly schema: Schema, private readonly calls: readonly TableFunctionCall[], private readonly ordinality: boolean) {}

  children(): readonly Operator[] {
    return [];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const iters = this.calls.map((c) => {
      const args = c.args.map((e) => (e.kind === 'const' ? e.value : evaluateConstant(e, ctx.eval)));
      return srfRows(c.fn, args, c.args.map((a) => a.type), ctx.eval.values)[Symbol.iterator]();
    });
    const done = iters.map(() => false);
    const fields: readonly Field[] = this.schema;
    let ordinal = 0;
    for (;;) {
      const cols: Datum[][] = fields.map(() => []);
      let n = 0;
      while (n < BATCH) {
        let any = false;
        let c = 0;
        const row: Datum[] = [];
        for (let i = 0; i < iters.length; i++) {
          const width = this.calls[i]!.types.length;
          const r = done[i] ? null : iters[i]!.next();
          if (r === null || r.done) { done[i] = true; for (let k = 0; k < width; k++) row.push(null); }
          else { any = true; for (let k = 0; k < width; k++) row.push(r.value[k] ?? null); }
          c += width;
        }
        if (!any) break;
        if (this.ordinality) row.push(BigInt(++ordinal));
        for (let k = 0; k < row.length; k++) cols[k]!.push(row[k]!);
        n++;
      }
      if (n > 0) yield { length: n, columns: fields.map((f, k) => vectorFromDatums(f.type, cols[k]!)) };
      if (n < BATCH) return;
      await Promise.resolve();
    }
  }
}
