/**
 * Joins without equi-keys (CROSS JOIN, ON a < b, ...): materializes the right side, pairs every left batch
 * with it in chunks, filters pairs by the condition; LEFT/RIGHT/FULL add the NULL-extended unmatched rows.
 */
import type { Batch, Schema } from '../../common/vector.js';
import { concatBatches } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { JoinType } from '../../planner/logical/nodes.js';
import type { ExecContext } from '../api.js';
import { compilePredicate } from '../expr/compile.js';
import { joinRows } from './join_output.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

const CHUNK_PAIRS = 65536;

export class NestedLoopJoinOperator implements Operator {
  constructor(
    readonly schema: Schema,
    private readonly joinType: JoinType,
    private readonly left: Operator,
    private readonly right: Operator,
    private readonly condition: BoundExpr | null,
  ) {}

  children(): readonly Operator[] {
    return [this.left, this.right];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const cond = this.condition ? compilePredicate(this.condition, inputTypes(this.schema), ctx.eval) : null;
    const parts: Batch[] = [];
    for await (const b of this.right.execute(ctx)) if (b.length > 0) parts.push(b);
    const right = parts.length > 0 ? concatBatches(this.right.schema, parts) : null;
    const m = right?.length ?? 0;
    const keepLeft = this.joinType === 'left' || this.joinType === 'full';
    const keepRight = this.joinType === 'right' || this.joinType === 'full';
    const rightMatched = keepRight ? new Uint8Array(m) : null;
    for await (const lb of this.left.execute(ctx)) {
      checkAborted(ctx);
      const leftMatched = new Uint8Array(lb.length);
      if (m > 0) {
        const rowsPerChunk = Math.max(1, Math.floor(CHUNK_PAIRS / m));
        for (let start = 0; start < lb.length; start += rowsPerChunk) {
          const end = Math.min(lb.length, start + rowsPerChunk);
          const n = (end - start) * m;
          const lsel = new Int32Array(n);
          const rsel = new Int32Array(n);
          let k = 0;
          for (let i = start; i < end; i++) for (let j = 0; j < m; j++) { lsel[k] = i; rsel[k] = j; k++; }
          let out = joinRows(this.left.schema, lb, lsel, this.right.schema, right, rsel, n);
          let ls = lsel;
          let rs = rsel;
          let count = n;
          if (cond) {
            const r = cond.select(out);
            count = r.count;
            ls = Int32Array.from(r.sel.subarray(0, count), (s) => lsel[s]!);
            rs = Int32Array.from(r.sel.subarray(0, count), (s) => rsel[s]!);
            out = joinRows(this.left.schema, lb, ls, this.right.schema, right, rs, count);
          }
          for (let x = 0; x < count; x++) {
            leftMatched[ls[x]!] = 1;
            if (rightMatched) rightMatched[rs[x]!] = 1;
          }
          if (count > 0) yield out;
        }
      }
      if (keepLeft) {
        const un: number[] = [];
        for (let i = 0; i < lb.length; i++) if (!leftMatched[i]) un.push(i);
        if (un.length > 0) yield joinRows(this.left.schema, lb, Int32Array.from(un), this.right.schema, null, new Int32Array(un.length).fill(-1), un.length);
      }
    }
    if (rightMatched && right) {
      const un: number[] = [];
      for (let j = 0; j < m; j++) if (!rightMatched[j]) un.push(j);
      if (un.length > 0) yield joinRows(this.left.schema, null, new Int32Array(un.length).fill(-1), this.right.schema, right, Int32Array.from(un), un.length);
    }
  }
}
