/**
 * sum/avg over a fixed-scale numeric expression (see fast_numeric.ts) folded into per-group number
 * accumulators: each group keeps a number below 2^52 in magnitude plus a bigint carry, so the sum stays exact
 * digit for digit. Rows that are not exact as numbers go to the regular accumulator. `flushInto` hands the
 * groups' sums to the regular accumulator through its merge() (the {count, int, scale, float} states of
 * aggregates/basic.ts), so finalize / serialize / merge behave exactly as without this fast path.
 */
import { isScaledNumerics, takeBatch, type Batch } from '../../common/vector.js';
import { compileSumKernel, type SumKernel } from './sum_kernel.js';
import type { AggregateCall } from '../../planner/bind/expr/bound_expr.js';
import { createAccumulator, type GroupedAccumulator } from '../expr/aggregates/accumulator.js';
import type { CompiledExpr } from '../expr/compile.js';
import { compileFastNumeric, type FastNumericExpr } from './fast_numeric.js';
import { isPackedSums, type PackedSums } from '../expr/aggregates/packed_sums.js';

const HALF = 4503599627370496; // 2^52

/** Whether `createAccumulator(call)` keeps the sum states this fast path produces. */
function sumStatesMatch(call: AggregateCall): boolean {
  try {
    const probe = createAccumulator(call, call.args.map((a) => a.type));
    probe.resize(1);
    const packed = probe.serialize();
    if (isPackedSums(packed)) return true;
    const s = packed as unknown[];
    if (!Array.isArray(s) || s.length !== 1 || typeof s[0] !== 'object' || s[0] === null) return false;
    const keys = Object.keys(s[0]).sort().join(',');
    return keys === 'count,float,int,scale,special';
  } catch {
    return false;
  }
}

export class FastSum {
  private acc = new Float64Array(0);
  private cnt = new Float64Array(0);
  private big: bigint[] = [];
  private size = 0;

  /** whether rows went to the regular accumulator (foldSlow) */
  private slow = false;

  /** whether the regular accumulator serializes packed (then takePacked may stand in for it) */
  private packs = false;

  private constructor(private readonly expr: FastNumericExpr, private readonly exact: CompiledExpr | null, private readonly kernel: SumKernel | null) {}

  /** The fast path for `call`, or null when it does not apply. `exact` evaluates the argument the regular way. */
  static create(call: AggregateCall, exact: CompiledExpr | null): FastSum | null {
    if ((call.fn !== 'sum' && call.fn !== 'avg') || call.distinct || call.filter !== null || call.args.length !== 1) return null;
    if ((call.order ?? []).length > 0 || call.withinGroup === true) return null;
    const e = compileFastNumeric(call.args[0]!);
    if (e === null || !sumStatesMatch(call)) return null;
    const fast = new FastSum(e, exact, compileSumKernel(call.args[0]!));
    const probe = createAccumulator(call, call.args.map((a) => a.type));
    probe.resize(1);
    fast.packs = isPackedSums(probe.serialize());
    return fast;
  }

  private grow(n: number): void {
    if (n <= this.acc.length) { this.size = Math.max(this.size, n); return; }
    const cap = Math.max(n, this.acc.length * 2, 16);
    const a = new Float64Array(cap); a.set(this.acc); this.acc = a;
    const c = new Float64Array(cap); c.set(this.cnt); this.cnt = c;
    while (this.big.length < cap) this.big.push(0n);
    this.size = Math.max(this.size, n);
  }

  /**
   * Fold batch `b` (group ids `ids`); rows not exact as numbers go to `fallback` (the regular accumulator).
   * With `sel`: only rows sel[0..count) are folded, and `ids[j]` is the group of row sel[j].
   */
  update(ids: Int32Array, b: Batch, groups: number, fallback: GroupedAccumulator, argIndex: number, sel: Int32Array | null = null, count = b.length): void {
    this.grow(groups);
    const acc = this.acc, cnt = this.cnt, big = this.big;
    /** positions (in `sel`, else rows) not exact as numbers */
    let slowAt: number[] | null = null;
    const inputs = this.kernelInputs(b);
    if (inputs !== null) {
      slowAt = sel === null
        ? this.kernel!.run(inputs.values, inputs.nulls, ids, count, acc, cnt, big)
        : this.kernel!.runSelected(inputs.values, inputs.nulls, sel, ids, count, acc, cnt, big);
    } else {
      // the tree evaluated over every row (it cannot fail: inexact rows are only flagged), folded at the selected ones
      const { v, slow, nulls } = this.expr.evaluate(b);
      for (let j = 0; j < count; j++) {
        const i = sel === null ? j : sel[j]!;
        if (nulls[i] === 1) continue;
        if (slow[i] === 1) { (slowAt ??= []).push(j); continue; }
        const g = ids[j]!;
        const x = v[i]!;
        cnt[g]!++;
        if (x >= HALF || x <= -HALF) { big[g] = big[g]! + BigInt(x); continue; }
        const s = acc[g]! + x; // |acc| < 2^52 and |x| < 2^52: exact
        if (s >= HALF || s <= -HALF) { big[g] = big[g]! + BigInt(s); acc[g] = 0; } else acc[g] = s;
      }
    }
    if (slowAt !== null) this.foldSlow(slowAt, ids, b, groups, fallback, argIndex, sel);
  }

  /** Rows a kernel left (positions in `sel`, else rows; `ids` as in update) folded through the exact path. */
  foldSlow(slowAt: readonly number[], ids: Int32Array, b: Batch, groups: number, fallback: GroupedAccumulator, argIndex: number, sel: Int32Array | null): void {
    this.slow = true;
    const sub = takeBatch(b, sel === null ? slowAt : slowAt.map((j) => sel[j]!));
    const subIds = Int32Array.from(slowAt, (j) => ids[j]!);
    const col = this.exact === null ? sub.columns[argIndex]! : this.exact.evaluate(sub);
    fallback.resize(groups);
    fallback.update(subIds, sub.length, [col], null);
  }

  /** The generated loop of this sum (null: none); fused_sums.ts runs several in one loop. */
  get sumKernel(): SumKernel | null {
    return this.kernel;
  }

  /** The per-group arrays, grown to `groups`, for a fused loop to fold into. */
  arrays(groups: number): { readonly acc: Float64Array; readonly cnt: Float64Array; readonly big: bigint[] } {
    this.grow(groups);
    return { acc: this.acc, cnt: this.cnt, big: this.big };
  }

  /** The kernel's column data when every column it reads is compact at the scale it expects (else null). */
  private kernelInputs(b: Batch): { values: Float64Array[]; nulls: (Uint8Array | null)[] } | null {
    if (this.kernel === null) return null;
    const values: Float64Array[] = [], nulls: (Uint8Array | null)[] = [];
    for (const c of this.kernel.columns) {
      const v = b.columns[c.index]!;
      if (!isScaledNumerics(v.data) || v.data.scale !== c.scale) return null;
      values.push(v.data.values);
      nulls.push(v.nulls);
    }
    return { values, nulls };
  }

  /**
   * The serialized state of `n` groups that flushInto + serialize of the regular accumulator would give —
   * when it holds nothing yet (the caller knows it was never merged into; this path never sent it rows),
   * packs its states (the sum accumulator, sum_accumulator.ts) and every sum is exact in acc — without the
   * per-group merge and re-pack; null otherwise (nothing done). Starts over like flushInto.
   */
  takePacked(n: number): PackedSums | null {
    if (this.slow || !this.packs || n < this.size) return null;
    const packed = this.packed(n);
    if (packed === null) return null;
    this.acc.fill(0);
    this.cnt.fill(0);
    this.size = 0;
    return packed;
  }

  /**
   * The groups' sums packed `n` (≥ size) groups long — the sum accumulator's pack: the one scale of the groups with
   * rows (0 when none has any) — or null when some sum is not exact in acc.
   */
  private packed(n: number): PackedSums | null {
    for (let g = 0; g < this.size; g++) if (this.big[g] !== 0n) return null;
    const count = new Float64Array(n), sum = new Float64Array(n);
    count.set(this.cnt.subarray(0, this.size));
    sum.set(this.acc.subarray(0, this.size));
    let rows = false;
    for (let g = 0; g < this.size; g++) {
      if (count[g] === 0) sum[g] = 0;
      else rows = true;
    }
    return { form: 'packed-sums', scale: rows ? this.expr.scale : 0, count, sum, float: new Float64Array(n) };
  }

  /** Merge the groups' sums into `target` and start over. */
  flushInto(target: GroupedAccumulator): void {
    if (this.size === 0) return;
    target.resize(this.size);
    const ids = Int32Array.from({ length: this.size }, (_, g) => g);
    // every group's sum is the exact number in acc: hand them over packed (see aggregates/packed_sums.ts)
    const packed = this.packed(this.size);
    if (packed !== null) {
      target.merge(packed, ids);
      this.acc.fill(0);
      this.cnt.fill(0);
      return;
    }
    const states: unknown[] = new Array(this.size);
    for (let g = 0; g < this.size; g++) {
      states[g] = { count: this.cnt[g]!, int: this.big[g]! + BigInt(this.acc[g]!), scale: this.expr.scale, float: 0, special: undefined };
    }
    target.merge(states, ids);
    this.acc.fill(0);
    this.cnt.fill(0);
    this.big.fill(0n);
  }
}
