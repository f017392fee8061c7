/**
 * Equi-join: builds a hash table over `buildSide` (all of it), then streams the other side through it.
 * Rows with a NULL key never match. The residual condition filters candidate pairs. Unmatched probe rows
 * (when the probe side is preserved: LEFT with probe=left, ...) are emitted per batch; unmatched build
 * rows at the end. Output columns are always left ++ right.
 */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { concatBatches } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { compileExpr, compilePredicate } from '../expr/compile.js';
import { anyNull, keyFunction, type HashKey } from './hash_key.js';
import { joinRows, PairBuffer } from './join_output.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';
import { accountBatch } from '../instrument/account.js';

export class HashJoinOperator implements Operator {
  constructor(
    readonly schema: Schema,
    private readonly joinType: 'inner' | 'left' | 'right' | 'full',
    private readonly left: Operator,
    private readonly right: Operator,
    private readonly leftKeys: readonly BoundExpr[],
    private readonly rightKeys: readonly BoundExpr[],
    private readonly residual: BoundExpr | null,
    private readonly buildSide: 'left' | 'right',
  ) {}

  children(): readonly Operator[] {
    return [this.left, this.right];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const buildLeft = this.buildSide === 'left';
    const build = buildLeft ? this.left : this.right;
    const probe = buildLeft ? this.right : this.left;
    const buildKeys = buildLeft ? this.leftKeys : this.rightKeys;
    const probeKeys = buildLeft ? this.rightKeys : this.leftKeys;
    const keepBuild = this.joinType === 'full' || (buildLeft ? this.joinType === 'left' : this.joinType === 'right');
    const keepProbe = this.joinType === 'full' || (buildLeft ? this.joinType === 'right' : this.joinType === 'left');
    const evalKeys = (schema: Schema, keys: readonly BoundExpr[]) => {
      const compiled = keys.map((k) => (k.kind === 'column' ? null : compileExpr(k, inputTypes(schema), ctx.eval)));
      return (b: Batch): Vector[] => keys.map((k, i) => (k.kind === 'column' ? b.columns[k.index]! : compiled[i]!.evaluate(b)));
    };
    const buildKeyEval = evalKeys(build.schema, buildKeys);
    const probeKeyEval = evalKeys(probe.schema, probeKeys);
    const residual = this.residual ? compilePredicate(this.residual, inputTypes(this.schema), ctx.eval) : null;

    // build
    const parts: Batch[] = [];
    for await (const b of build.execute(ctx)) {
      checkAborted(ctx);
      if (b.length > 0) parts.push(b);
      accountBatch(ctx, b, 'HashJoin', true);
    }
    const built = parts.length > 0 ? concatBatches(build.schema, parts) : null;
    const table = new Map<HashKey, number[]>();
    if (built) {
      const kv = buildKeyEval(built);
      const key = keyFunction(kv);
      for (let i = 0; i < built.length; i++) {
        if (anyNull(kv, i)) continue;
        const k = key(i);
        const list = table.get(k);
        if (list) list.push(i);
        else table.set(k, [i]);
      }
    }
    const buildMatched = keepBuild && built ? new Uint8Array(built.length) : null;
    const pairs = new PairBuffer();
    const out = (probeBatch: Batch | null, psel: Int32Array, bsel: Int32Array, n: number): Batch =>
      buildLeft
        ? joinRows(this.left.schema, built, bsel, this.right.schema, probeBatch, psel, n)
        : joinRows(this.left.schema, probeBatch, psel, this.right.schema, built, bsel, n);

    for await (const pb of probe.execute(ctx)) {
      checkAborted(ctx);
      if (pb.length === 0) continue;
      pairs.reset();
      if (table.size > 0) {
        const kv = probeKeyEval(pb);
        const key = keyFunction(kv);
        for (let i = 0; i < pb.length; i++) {
          if (anyNull(kv, i)) continue;
          const list = table.get(key(i));
          if (list) for (const j of list) pairs.push(i, j);
        }
      }
      let psel = pairs.l.subarray(0, pairs.n);
      let bsel = pairs.r.subarray(0, pairs.n);
      let n = pairs.n;
      let joined = n > 0 ? out(pb, psel, bsel, n) : null;
      if (joined && residual) {
        const { sel, count } = residual.select(joined);
        if (count < n) {
          psel = Int32Array.from(sel.subarray(0, count), (s) => psel[s]!);
          bsel = Int32Array.from(sel.subarray(0, count), (s) => bsel[s]!);
          n = count;
          joined = n > 0 ? out(pb, psel, bsel, n) : null;
        }
      }
      if (buildMatched) for (let j = 0; j < n; j++) buildMatched[bsel[j]!] = 1;
      if (joined && joined.length > 0) yield joined;
      if (keepProbe) {
        const matched = new Uint8Array(pb.length);
        for (let j = 0; j < n; j++) matched[psel[j]!] = 1;
        const un: number[] = [];
        for (let i = 0; i < pb.length; i++) if (!matched[i]) un.push(i);
        if (un.length > 0) yield out(pb, Int32Array.from(un), new Int32Array(un.length).fill(-1), un.length);
      }
    }
    if (buildMatched && built) {
      const un: number[] = [];
      for (let i = 0; i < built.length; i++) if (!buildMatched[i]) un.push(i);
      if (un.length > 0) yield out(null, new Int32Array(un.length).fill(-1), Int32Array.from(un), un.length);
    }
  }
}
