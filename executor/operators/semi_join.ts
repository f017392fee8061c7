/**
 * Semi / anti join (EXISTS, IN / NOT EXISTS, NOT IN): builds over the right side (the subquery), then
 * streams the left side, keeping a left row when some candidate right row (same non-NULL keys; every right
 * row when there are no keys) satisfies the residual — or, for an anti join, when none does. Null-aware
 * anti join (NOT IN, one key): no rows when the right side has a NULL key; a left row with a NULL key
 * survives only when the right side is empty. Output: the left columns. The per-batch work is a join stage
 * (executor/join/semi_probe.ts): with worker threads it runs inside the left side's scan tasks when the
 * built side is cheap to copy to them. When the planner expects a left side much smaller than the right
 * one, the join runs flipped: the left side is read first and becomes the build side, the right side
 * streams (executor/join/flipped_semi.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Batch, Schema } from '../../common/vector.js';
import { concatBatches } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { dropStage, probeStage, probeStages, readyStage, sharesWhole, stageForWorkers, type JoinStage } from '../join/join_stage.js';
import { canHandDown, type StageSink } from './hash_join.js';
import { checkAborted, type Operator } from './operator.js';
import { flippedSemiJoin } from '../join/flipped_semi.js';
import { accountBatch } from '../instrument/account.js';
import type { PartialAggregate } from '../../planner/physical/nodes.js';
import type { PartialAggregateResult } from '../scan/aggregate_state.js';
import { foldRows, isAggregateSink, rowTypesAfter, type AggregateSink } from '../join/stage_aggregate.js';

/** a built side this small, or made only of columns in shared memory, is copied to the scan tasks */
const SHIP_MAX_ROWS = 250_000;
/** flip when the left side has at most this share of the right side's estimated rows */
const FLIP_RATIO = 0.5;
/** … and at most this many rows */
const FLIP_MAX_ROWS = 2_000_000;

export class SemiJoinOperator implements Operator, StageSink, AggregateSink {
  readonly schema: Schema;

  constructor(
    private readonly anti: boolean,
    private readonly nullAware: boolean,
    private readonly left: Operator,
    private readonly right: Operator,
    private readonly leftKeys: readonly BoundExpr[],
    private readonly rightKeys: readonly BoundExpr[],
    private readonly residual: BoundExpr | null,
    /** the planner's row estimates of both sides (null: unknown, never flip) */
    private readonly estimates: { readonly left: number; readonly right: number } | null = null,
  ) {
    this.schema = left.schema;
  }

  children(): readonly Operator[] {
    return [this.left, this.right];
  }

  execute(ctx: ExecContext): AsyncIterable<Batch> {
    return this.executeWithStages(ctx, []);
  }

  /** whether to read the left side first and run flipped (executor/join/flipped_semi.ts) */
  private mayFlip(): boolean {
    const e = this.estimates;
    return e !== null && !this.nullAware && this.leftKeys.length > 0 && e.left <= e.right * FLIP_RATIO && e.left <= FLIP_MAX_ROWS;
  }

  async *executeWithStages(ctx: ExecContext, after: readonly JoinStage[]): AsyncIterable<Batch> {
    if (this.mayFlip()) {
      yield* this.flipped(ctx, after);
      return;
    }
    const { stage, ship } = await this.prepare(ctx);
    if (ship && canHandDown(ctx, this.left)) {
      yield* this.left.executeWithStages(ctx, [stageForWorkers(stage, ctx.eval), ...after]);
      return;
    }
    yield* this.probeHere(ctx, stage, after);
  }

  async *aggregateWithStages(ctx: ExecContext, after: readonly JoinStage[], aggregate: PartialAggregate): AsyncIterable<PartialAggregateResult> {
    const types = rowTypesAfter(this, after);
    if (this.mayFlip()) {
      yield* foldRows(ctx, this.flipped(ctx, after), types, aggregate);
      return;
    }
    const { stage, ship } = await this.prepare(ctx);
    const sink = ship && canHandDown(ctx, this.left) ? this.left : null;
    if (sink !== null && isAggregateSink(sink)) {
      yield* sink.aggregateWithStages(ctx, [stageForWorkers(stage, ctx.eval), ...after], aggregate);
      return;
    }
    yield* foldRows(ctx, sink !== null ? sink.executeWithStages(ctx, [stageForWorkers(stage, ctx.eval), ...after]) : this.probeHere(ctx, stage, after), types, aggregate);
  }

  /** Read the left side first and join flipped (executor/join/flipped_semi.ts), then the stages from above. */
  private async *flipped(ctx: ExecContext, after: readonly JoinStage[]): AsyncIterable<Batch> {
    const lparts: Batch[] = [];
    for await (const b of this.left.execute(ctx)) {
      checkAborted(ctx);
      if (b.length > 0) lparts.push(b);
      accountBatch(ctx, b, 'SemiJoin', true);
    }
    const leftAll = concatBatches(this.left.schema, lparts);
    if (leftAll.length === 0) return;
    const out = await flippedSemiJoin(ctx, { anti: this.anti, leftSchema: this.left.schema, right: this.right, leftKeys: this.leftKeys, rightKeys: this.rightKeys, residual: this.residual }, leftAll);
    if (out.length === 0) return;
    const above = after.map((s) => readyStage(s, ctx.eval));
    for (const s of after) dropStage(s.id);
    if (above.length === 0) yield out;
    else for (const x of probeStages(above, out)) yield x;
  }

  /** Build over the right side; `ship`: cheap to copy to the left side's scan tasks (where the probe may run). */
  private async prepare(ctx: ExecContext): Promise<{ stage: JoinStage; ship: boolean }> {
    const parts: Batch[] = [];
    for await (const b of this.right.execute(ctx)) {
      checkAborted(ctx);
      if (b.length > 0) parts.push(b);
    }
    const built = parts.length > 0 ? concatBatches(this.right.schema, parts) : null;
    const stage: JoinStage = {
      id: randomUUID(), kind: this.anti ? 'anti' : 'semi', nullAware: this.nullAware, buildLeft: false, keepProbe: false,
      leftSchema: this.left.schema, rightSchema: this.right.schema, build: built,
      buildKeys: this.rightKeys, probeKeys: this.leftKeys, residual: this.residual,
    };
    const cheap = built === null || built.length <= SHIP_MAX_ROWS || sharesWhole(built);
    return { stage, ship: cheap };
  }

  private async *probeHere(ctx: ExecContext, stage: JoinStage, after: readonly JoinStage[]): AsyncIterable<Batch> {
    const ready = readyStage(stage, ctx.eval);
    dropStage(stage.id);
    const above = after.map((s) => readyStage(s, ctx.eval));
    for (const s of after) dropStage(s.id);
    for await (const lb of this.left.execute(ctx)) {
      checkAborted(ctx);
      for (const b of probeStage(ready, lb)) {
        if (above.length === 0) yield b;
        else for (const x of probeStages(above, b)) yield x;
      }
    }
  }
}
