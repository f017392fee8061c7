/**
 * Semi / anti join (EXISTS, IN / NOT EXISTS, NOT IN): builds a hash table over the right side (the
 * subquery), then streams the left side, keeping a left row when some candidate right row (same non-NULL
 * keys; every right row when there are no keys) satisfies the residual — or, for an anti join, when none
 * does. Null-aware anti join (NOT IN, one key): no rows when the right side has a NULL key; a left row
 * with a NULL key survives only when the right side is empty. Output: the left columns.
 */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { concatBatches, takeBatch } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { compileExpr, compilePredicate } from '../expr/compile.js';
import { anyNull, keyFunction, type HashKey } from './hash_key.js';
import { joinRows, PairBuffer } from './join_output.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';

const CHUNK_PAIRS = 65536;

export class SemiJoinOperator implements Operator {
  readonly schema: Schema;

  constructor(
    private readonly anti: boolean,
    private readonly nullAware: boolean,
    private readonly left: Operator,
    private readonly right: Operator,
    private readonly leftKeys: readonly BoundExpr[],
    private readonly rightKeys: readonly BoundExpr[],
    private readonly residual: BoundExpr | null,
  ) {
    this.schema = left.schema;
  }

  children(): readonly Operator[] {
    return [this.left, this.right];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const evalKeys = (schema: Schema, keys: readonly BoundExpr[]) => {
      const compiled = keys.map((k) => (k.kind === 'column' ? null : compileExpr(k, inputTypes(schema), ctx.eval)));
      return (b: Batch): Vector[] => keys.map((k, i) => (k.kind === 'column' ? b.columns[k.index]! : compiled[i]!.evaluate(b)));
    };
    const residual = this.residual ? compilePredicate(this.residual, [...inputTypes(this.left.schema), ...inputTypes(this.right.schema)], ctx.eval) : null;
    const parts: Batch[] = [];
    for await (const b of this.right.execute(ctx)) {
      checkAborted(ctx);
      if (b.length > 0) parts.push(b);
    }
    const built = parts.length > 0 ? concatBatches(this.right.schema, parts) : null;
    const m = built?.length ?? 0;
    const keyed = this.leftKeys.length > 0;
    const table = new Map<HashKey, number[]>();
    // without a residual only key membership matters
    const keySet = this.residual === null ? new Set<HashKey>() : null;
    let rightHasNullKey = false;
    if (built && keyed) {
      const kv = evalKeys(this.right.schema, this.rightKeys)(built);
      const key = keyFunction(kv);
      for (let i = 0; i < m; i++) {
        if (anyNull(kv, i)) {
          rightHasNullKey = true;
          continue;
        }
        const k = key(i);
        if (keySet !== null) {
          keySet.add(k);
          continue;
        }
        const list = table.get(k);
        if (list) list.push(i);
        else table.set(k, [i]);
      }
    }
    const allRows = keyed ? null : Array.from({ length: m }, (_, i) => i);
    const probeKeys = evalKeys(this.left.schema, this.leftKeys);
    const pairs = new PairBuffer();

    for await (const lb of this.left.execute(ctx)) {
      checkAborted(ctx);
      if (lb.length === 0) continue;
      const matched = new Uint8Array(lb.length);
      let leftNull: Uint8Array | null = null;
      if (m > 0) {
        const kv = keyed ? probeKeys(lb) : [];
        const key = keyed ? keyFunction(kv) : null;
        const flush = () => {
          if (pairs.n === 0) return;
          if (residual === null) {
            for (let j = 0; j < pairs.n; j++) matched[pairs.l[j]!] = 1;
          } else {
            const ls = pairs.l.subarray(0, pairs.n);
            const rs = pairs.r.subarray(0, pairs.n);
            const joined = joinRows(this.left.schema, lb, ls, this.right.schema, built, rs, pairs.n);
            const { sel, count } = residual.select(joined);
            for (let j = 0; j < count; j++) matched[ls[sel[j]!]!] = 1;
          }
          pairs.reset();
        };
        pairs.reset();
        for (let i = 0; i < lb.length; i++) {
          let list: readonly number[] | undefined;
          if (keyed) {
            if (anyNull(kv, i)) {
              (leftNull ??= new Uint8Array(lb.length))[i] = 1;
              continue;
            }
            if (keySet !== null) {
              if (keySet.has(key!(i))) matched[i] = 1;
              continue;
            }
            list = table.get(key!(i));
          } else {
            list = allRows!;
          }
          if (list === undefined) continue;
          if (residual === null) {
            if (list.length > 0) matched[i] = 1;
            continue;
          }
          for (const j of list) pairs.push(i, j);
          if (pairs.n >= CHUNK_PAIRS) flush();
        }
        flush();
      }
      const keep: number[] = [];
      for (let i = 0; i < lb.length; i++) {
        let ok = this.anti ? matched[i] === 0 : matched[i] === 1;
        if (ok && this.nullAware && m > 0 && (rightHasNullKey || leftNull?.[i] === 1)) ok = false;
        if (ok) keep.push(i);
      }
      if (keep.length === lb.length) yield lb;
      else if (keep.length > 0) yield takeBatch(lb, keep);
    }
  }
}
