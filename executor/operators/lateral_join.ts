/**
 * LATERAL join: for each left row, the right plan with its outer_refs bound to the row's param values
 * (cached by those values, so rows with equal params run it once), paired with the row; `condition`
 * (over left ++ right) filters pairs; 'left' adds the NULL-extended left rows without a match.
 */
import type { Datum } from '../../common/datum.js';
import type { Batch, Schema } from '../../common/vector.js';
import { concatBatches, getDatum } from '../../common/vector.js';
import type { BoundExpr, SubqueryParam } from '../../planner/bind/expr/bound_expr.js';
import type { PhysicalPlan } from '../../planner/physical/nodes.js';
import type { ExecContext } from '../api.js';
import { executePlan } from '../execute.js';
import { compileExpr, compilePredicate } from '../expr/compile.js';
import { datumKey } from '../expr/datum_compare.js';
import { substituteOuter } from '../expr/subquery_run.js';
import { joinRows } from './join_output.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

/** distinct param values whose right rows are kept */
const CACHE_LIMIT = 4096;

export class LateralJoinOperator implements Operator {
  constructor(
    readonly schema: Schema,
    private readonly joinType: 'inner' | 'left',
    private readonly left: Operator,
    private readonly right: PhysicalPlan,
    private readonly params: readonly SubqueryParam[],
    private readonly condition: BoundExpr | null,
  ) {}

  children(): readonly Operator[] {
    return [this.left];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const leftSchema = this.left.schema;
    const rightSchema = this.right.schema;
    const params = this.params.map((p) => compileExpr(p.expr, inputTypes(leftSchema), ctx.eval));
    const cond = this.condition ? compilePredicate(this.condition, inputTypes(this.schema), ctx.eval) : null;
    const cache = new Map<string, Batch | null>();
    const rightRows = async (datums: readonly Datum[]): Promise<Batch | null> => {
      const values = new Map<number, BoundExpr>();
      this.params.forEach((p, i) => values.set(p.id, { kind: 'const', value: datums[i]!, type: p.expr.type }));
      const plan = this.params.length === 0 ? this.right : substituteOuter(this.right, values);
      const parts: Batch[] = [];
      for await (const b of executePlan(plan, ctx)) if (b.length > 0) parts.push(b);
      return parts.length === 0 ? null : concatBatches(rightSchema, parts);
    };
    for await (const lb of this.left.execute(ctx)) {
      checkAborted(ctx);
      const pv = params.map((p) => p.evaluate(lb));
      // left rows grouped by their param values
      const groups = new Map<string, { datums: Datum[]; rows: number[] }>();
      for (let i = 0; i < lb.length; i++) {
        const datums = pv.map((v) => getDatum(v, i));
        const key = datums.map((d, j) => (d === null ? '\u0000' : String(datumKey(this.params[j]!.expr.type, d)))).join('\u0001');
        let g = groups.get(key);
        if (g === undefined) groups.set(key, (g = { datums, rows: [] }));
        g.rows.push(i);
      }
      const out: Batch[] = [];
      const matched = new Uint8Array(lb.length);
      for (const [key, g] of groups) {
        let right = cache.get(key);
        if (right === undefined) {
          right = await rightRows(g.datums);
          if (cache.size >= CACHE_LIMIT) cache.clear();
          cache.set(key, right);
        }
        const m = right?.length ?? 0;
        if (m === 0) continue;
        const n = g.rows.length * m;
        let lsel = new Int32Array(n);
        let rsel = new Int32Array(n);
        let k = 0;
        for (const i of g.rows) for (let j = 0; j < m; j++) { lsel[k] = i; rsel[k] = j; k++; }
        let batch = joinRows(leftSchema, lb, lsel, rightSchema, right!, rsel, n);
        let count = n;
        if (cond) {
          const r = cond.select(batch);
          count = r.count;
          const sel = r.sel.subarray(0, count);
          const l0 = lsel;
          const r0 = rsel;
          lsel = Int32Array.from(sel, (s) => l0[s]!);
          rsel = Int32Array.from(sel, (s) => r0[s]!);
          batch = joinRows(leftSchema, lb, lsel, rightSchema, right!, rsel, count);
        }
        for (let x = 0; x < count; x++) matched[lsel[x]!] = 1;
        if (count > 0) out.push(batch);
      }
      if (this.joinType === 'left') {
        const un: number[] = [];
        for (let i = 0; i < lb.length; i++) if (!matched[i]) un.push(i);
        if (un.length > 0) out.push(joinRows(leftSchema, lb, Int32Array.from(un), rightSchema, null, new Int32Array(un.length).fill(-1), un.length));
      }
      if (out.length > 0) yield concatBatches(this.schema, out);
    }
  }
}
