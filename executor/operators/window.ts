/**
 * WindowAgg: materializes its input, sorts once per distinct (PARTITION BY, ORDER BY) spec, computes every
 * window call of that spec, and emits the input columns followed by one column per call, in the order of the
 * last spec's sort.
 */
import type { Datum } from '../../common/datum.js';
import { QueryError } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { allocData, concatBatches, getDatum } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { FrameBound, WindowCall } from '../../planner/logical/window_call.js';
import { RANKING_FUNCTIONS } from '../../planner/logical/window_call.js';
import type { ExecContext } from '../api.js';
import { compileExpr } from '../expr/compile.js';
import { aggregateValues, frameValueValues, lagLeadValues, rankingValues, type SortedArgs } from '../expr/window_functions.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';
import { takeRows } from './window_sort.js';
import { buildLayout, computeFrames, frameOffsetError, type FrameOffsets, type WindowLayout } from './window_frame.js';

const OUTPUT_ROWS = 65536;

function specKey(c: WindowCall): string {
  return JSON.stringify([c.spec.partitionBy, c.spec.orderBy], (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

export class WindowOperator implements Operator {
  constructor(readonly schema: Schema, private readonly input: Operator, private readonly calls: readonly WindowCall[]) {}

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const types = inputTypes(this.input.schema);
    const parts: Batch[] = [];
    for await (const b of this.input.execute(ctx)) {
      checkAborted(ctx);
      if (b.length > 0) parts.push(b);
    }
    if (parts.length === 0) return;
    const all = concatBatches(this.input.schema, parts);
    parts.length = 0;
    const evaluate = (e: BoundExpr): Vector => (e.kind === 'column' ? all.columns[e.index]! : compileExpr(e, types, ctx.eval).evaluate(all));

    const groups = new Map<string, number[]>();
    this.calls.forEach((c, i) => {
      const k = specKey(c);
      const g = groups.get(k);
      if (g) g.push(i); else groups.set(k, [i]);
    });
    const results: Vector[] = new Array(this.calls.length);
    let outPerm: Int32Array | null = null;
    for (const members of groups.values()) {
      const spec = this.calls[members[0]!]!.spec;
      const layout = buildLayout(spec.partitionBy.map(evaluate), spec.orderBy.map((k) => evaluate(k.expr)), spec.orderBy, all.length);
      checkAborted(ctx);
      for (const i of members) {
        const values = this.computeCall(this.calls[i]!, layout, evaluate);
        results[i] = scatter(this.calls[i]!.type, values, layout.perm);
        checkAborted(ctx);
      }
      outPerm = layout.perm;
    }
    const columns = [...all.columns, ...results];
    const perm = outPerm!;
    for (let s = 0; s < perm.length; s += OUTPUT_ROWS) {
      const sel = perm.subarray(s, Math.min(perm.length, s + OUTPUT_ROWS));
      yield { length: sel.length, columns: columns.map((c) => takeRows(c, sel)) };
    }
  }

  private computeCall(call: WindowCall, L: WindowLayout, evaluate: (e: BoundExpr) => Vector): Datum[] {
    const sorted = (v: Vector) => takeRows(v, L.perm);
    const args: SortedArgs = { args: call.args.map((a) => sorted(evaluate(a))), filter: call.filter && sorted(evaluate(call.filter)) };
    if (RANKING_FUNCTIONS.has(call.fn)) return rankingValues(call.fn, L, args);
    if (call.fn === 'lag' || call.fn === 'lead') return lagLeadValues(call.fn, L, args);
    const f = call.spec.frame;
    const orderKey = call.spec.orderBy[0] ?? null;
    const offsets = (b: FrameBound, isStart: boolean): FrameOffsets | null => {
      if (b.kind !== 'preceding' && b.kind !== 'following') return null;
      if (f.mode !== 'range') {
        const d = getDatum(evaluate(b.offset), 0);
        if (d === null) throw frameOffsetError(isStart, 'null');
        const n = typeof d === 'bigint' ? Number(d) : (d as number);
        if (n < 0) throw frameOffsetError(isStart, 'negative');
        return { count: n, bound: null, key: null, type: null };
      }
      const off = getDatum(evaluate(b.offset), 0);
      if (off === null) throw frameOffsetError(isStart, 'null');
      if (isNegative(off)) throw new QueryError('22013', 'invalid preceding or following size in window function');
      const bound = sorted(evaluate(b.bound!));
      const key = sorted(evaluate(b.key!));
      return {
        count: 0,
        bound: Array.from({ length: L.rows }, (_, j) => getDatum(bound, j)),
        key: Array.from({ length: L.rows }, (_, j) => getDatum(key, j)),
        type: b.key!.type,
      };
    };
    const frames = computeFrames(L, f, offsets(f.start, true), offsets(f.end, false), orderKey);
    if (call.fn === 'first_value' || call.fn === 'last_value' || call.fn === 'nth_value') return frameValueValues(call.fn, call, L, frames, args);
    return aggregateValues(call, L, frames, args, call.args.map((a) => a.type));
  }
}

function isNegative(d: Datum): boolean {
  if (typeof d === 'number') return d < 0;
  if (typeof d === 'bigint') return d < 0n;
  if (d !== null && typeof d === 'object') {
    const o = d as { unscaled?: bigint; months?: number; days?: number; micros?: bigint };
    if (typeof o.unscaled === 'bigint') return o.unscaled < 0n;
    if (typeof o.micros === 'bigint') return (o.months ?? 0) < 0 || (o.days ?? 0) < 0 || o.micros < 0n;
  }
  return false;
}

/** Values by sorted position → a vector in input-row order. */
function scatter(type: SqlType, values: readonly Datum[], perm: Int32Array): Vector {
  const n = values.length;
  const data = allocData(type, n) as unknown as Datum[];
  let nulls: Uint8Array | null = null;
  const isBool = type.kind === 'bool';
  for (let j = 0; j < n; j++) {
    const r = perm[j]!;
    const x = values[j]!;
    if (x === null) {
      nulls ??= new Uint8Array(n);
      nulls[r] = 1;
    } else {
      data[r] = isBool ? ((x ? 1 : 0) as unknown as Datum) : x;
    }
  }
  return { type, length: n, data: data as unknown as Vector['data'], nulls };
}
