/**
 * Grouped aggregation state shared by the hash-aggregate operator and the partial aggregation inside scan
 * tasks: a GroupTable plus one GroupedAccumulator per aggregate call.
 */
import type { SqlType } from '../../common/types.js';
import type { Batch, Vector } from '../../common/vector.js';
import type { AggregateCall, BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { createAccumulator, type GroupedAccumulator } from '../expr/aggregates/accumulator.js';
import { compileExpr, type CompiledExpr, type EvalContext } from '../expr/compile.js';
import { GroupTable } from '../operators/group_table.js';
import { FastSum } from './fast_sum.js';
import { lazyTakeBatch } from './lazy_selection.js';
import { FusedSums } from './fused_sums.js';

/** Partial result of one scan task: the key values of its groups and each aggregate's serialized states. */
export interface PartialAggregateResult {
  readonly groups: number;
  readonly keys: Batch;
  readonly states: readonly unknown[];
}

export class AggregateState {
  readonly table: GroupTable;
  readonly accumulators: GroupedAccumulator[];
  private readonly keyExprs: (CompiledExpr | null)[];
  private readonly argExprs: (CompiledExpr | null)[][];
  private readonly filterExprs: (CompiledExpr | null)[];

  constructor(
    private readonly groupKeys: readonly BoundExpr[],
    private readonly aggregates: readonly AggregateCall[],
    input: readonly SqlType[],
    ctx: EvalContext,
  ) {
    const compile = (e: BoundExpr) => (e.kind === 'column' ? null : compileExpr(e, input, ctx));
    this.table = new GroupTable(groupKeys.map((k) => k.type));
    this.keyExprs = groupKeys.map(compile);
    this.argExprs = aggregates.map((a) => a.args.map(compile));
    this.filterExprs = aggregates.map((a) => (a.filter ? compile(a.filter) : null));
    this.accumulators = aggregates.map((a) => createAccumulator(a, a.args.map((x) => x.type)));
    this.fastSums = aggregates.map((a, j) => FastSum.create(a, this.argExprs[j]![0] ?? null));
    this.fused = FusedSums.create(this.fastSums.flatMap((fast, j) => {
      if (fast === null) return [];
      const arg = aggregates[j]!.args[0]!;
      return [{ fast, fallback: this.accumulators[j]!, argIndex: arg.kind === 'column' ? arg.index : -1 }];
    }));
  }

  /** the sum kernels of several fast sums in one loop (null: fewer than two kernels) */
  private readonly fused: FusedSums | null;

  /** Run the fused sum loop over the batch; whether it did (then its members are done for this batch). */
  private updateFused(ids: Int32Array, b: Batch, sel: Int32Array | null, count: number): boolean {
    if (this.fused === null || count === 0) return false;
    for (const acc of this.accumulators) acc.resize(this.table.size);
    return this.fused.update(ids, b, this.table.size, sel, count);
  }

  /** sum/avg over fixed-scale numeric expressions folded as numbers (null: the regular accumulator) */
  private readonly fastSums: (FastSum | null)[];

  private flushFast(): void {
    this.fastSums.forEach((f, j) => f?.flushInto(this.accumulators[j]!));
  }

  private eval(e: BoundExpr, c: CompiledExpr | null, b: Batch): Vector {
    return c === null ? b.columns[(e as Extract<BoundExpr, { kind: 'column' }>).index]! : c.evaluate(b);
  }

  /** Fold one input batch into the groups. */
  update(b: Batch): void {
    const keys = this.groupKeys.map((k, i) => this.eval(k, this.keyExprs[i]!, b));
    const ids = this.table.assign(keys, b.length);
    const fused = this.updateFused(ids, b, null, b.length);
    this.aggregates.forEach((a, j) => {
      const acc = this.accumulators[j]!;
      acc.resize(this.table.size);
      if (b.length === 0) return;
      const fast = this.fastSums[j];
      if (fused && this.fused!.has(fast ?? null)) return;
      if (fast) {
        const arg = a.args[0]!;
        fast.update(ids, b, this.table.size, acc, arg.kind === 'column' ? arg.index : -1);
        return;
      }
      const args = a.args.map((x, k) => this.eval(x, this.argExprs[j]![k]!, b));
      const filter = a.filter ? this.eval(a.filter, this.filterExprs[j]!, b) : null;
      acc.update(ids, b.length, args, filter);
    });
  }

  /**
   * Fold rows sel[0..count) of `b` (ascending row indexes), the same as `update(takeBatch(b, sel, count))`:
   * column group keys and the sum kernels read through the selection; other keys and aggregates get the
   * rows copied out, only the columns they read (lazy_selection.ts).
   */
  updateSelected(b: Batch, sel: Int32Array, count: number): void {
    if (count === 0) return this.update(lazyTakeBatch(b, sel, 0));
    const taken = lazyTakeBatch(b, sel, count);
    const columnKeys = this.keyExprs.every((c) => c === null);
    const ids = columnKeys
      ? this.table.assignSelected(this.groupKeys.map((k) => this.eval(k, null, b)), sel, count)
      : this.table.assign(this.groupKeys.map((k, i) => this.eval(k, this.keyExprs[i]!, taken)), count);
    const fused = this.updateFused(ids, b, sel, count);
    this.aggregates.forEach((a, j) => {
      const acc = this.accumulators[j]!;
      acc.resize(this.table.size);
      const fast = this.fastSums[j];
      if (fused && this.fused!.has(fast ?? null)) return;
      if (fast) {
        const arg = a.args[0]!;
        fast.update(ids, b, this.table.size, acc, arg.kind === 'column' ? arg.index : -1, sel, count);
        return;
      }
      const args = a.args.map((x, k) => this.eval(x, this.argExprs[j]![k]!, taken));
      const filter = a.filter ? this.eval(a.filter, this.filterExprs[j]!, taken) : null;
      acc.update(ids, count, args, filter);
    });
  }

  /** Merge a partial result computed elsewhere (another task / worker). */
  merge(p: PartialAggregateResult): void {
    this.merged = true;
    const mapping = this.table.assign(p.keys.columns, p.groups);
    this.accumulators.forEach((acc, j) => {
      acc.resize(this.table.size);
      acc.merge(p.states[j], mapping);
    });
  }

  /** The aggregation with no GROUP BY has exactly one group, even over no rows. */
  private ensureGlobalGroup(): void {
    if (this.groupKeys.length === 0 && this.table.size === 0) {
      this.table.assign([], 0);
      for (const acc of this.accumulators) acc.resize(1);
    }
  }

  /** whether merge() ran (then the accumulators hold more than the fast sums' fallbacks) */
  private merged = false;

  serialize(): PartialAggregateResult {
    this.ensureGlobalGroup();
    // fast sums that never fell back hand their sums over packed as they are (fast_sum.ts takePacked)
    const direct = this.fastSums.map((f, j) => (f !== null && !this.merged ? f.takePacked(this.table.size) : null));
    this.flushFast();
    const keys = this.table.keyVectors();
    return { groups: this.table.size, keys: { length: this.table.size, columns: keys }, states: this.accumulators.map((a, j) => direct[j] ?? a.serialize()) };
  }

  finish(): Batch {
    this.flushFast();
    this.ensureGlobalGroup();
    for (const acc of this.accumulators) acc.resize(this.table.size);
    const keys = this.table.keyVectors();
    return { length: this.table.size, columns: [...keys, ...this.accumulators.map((a) => a.finalize())] };
  }
}
