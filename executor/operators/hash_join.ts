/**
 * Equi-join: builds a hash table over `buildSide` (all of it), then streams the other side through it.
 * Rows with a NULL key never match. The residual condition filters candidate pairs. Unmatched probe rows
 * (when the probe side is preserved: LEFT with probe=left, ...) are emitted per batch; unmatched build
 * rows at the end. Output columns are always left ++ right.
 *
 * A broadcast join whose build side need not be preserved becomes a JoinStage (executor/join/join_stage.ts)
 * handed down to its probe child: a scan runs it inside its tasks (in the workers), another hash join adds
 * it after its own stage; stages handed down to a join that cannot pass them on run here per output batch.
 */
import { randomUUID } from 'node:crypto';
import type { Batch, Schema } from '../../common/vector.js';
import { concatBatches } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { JoinDistribution } from '../../planner/physical/nodes.js';
import type { ExecContext } from '../api.js';
import { dropStage, probeStage, probeStages, readyStage, sharesWhole, stageForWorkers, type JoinStage } from '../join/join_stage.js';
import { unmatchedRows, joinRows } from './join_output.js';
import { checkAborted, type Operator } from './operator.js';
import { accountBatch } from '../instrument/account.js';
import type { PartialAggregate } from '../../planner/physical/nodes.js';
import type { PartialAggregateResult } from '../scan/aggregate_state.js';
import { foldRows, isAggregateSink, rowTypesAfter, type AggregateSink } from '../join/stage_aggregate.js';

/** An operator that can run join stages on the rows it produces (where it produces them). */
export interface StageSink {
  executeWithStages(ctx: ExecContext, stages: readonly JoinStage[]): AsyncIterable<Batch>;
}

export function isStageSink(op: Operator): op is Operator & StageSink {
  return typeof (op as Partial<StageSink>).executeWithStages === 'function';
}

/**
 * Whether a join may hand its probe down to `probe`: with worker threads, and not under EXPLAIN ANALYZE
 * (which times each operator's own execute; there every probe runs on the main thread).
 */
export function canHandDown(ctx: ExecContext, probe: Operator): probe is Operator & StageSink {
  return ctx.pool.threads > 0 && ctx.stats === undefined && isStageSink(probe);
}

/**
 * A built side this small, or bigger but made only of columns in shared memory, goes to the scan tasks even
 * when planned 'partitioned' — without strings unless the joined rows are aggregated there (strings in joined
 * rows would travel back from the workers one by one).
 */
const SHIP_MAX_ROWS = 250_000;
const SHIP_MAX_SHARED_ROWS = 4_000_000;

function shipAnyway(built: Batch | null, aggregating: boolean): boolean {
  return built === null || built.length <= SHIP_MAX_ROWS || (built.length <= SHIP_MAX_SHARED_ROWS && sharesWhole(built, aggregating));
}

export class HashJoinOperator implements Operator, StageSink, AggregateSink {
  constructor(
    readonly schema: Schema,
    private readonly joinType: 'inner' | 'left' | 'right' | 'full',
    private readonly left: Operator,
    private readonly right: Operator,
    private readonly leftKeys: readonly BoundExpr[],
    private readonly rightKeys: readonly BoundExpr[],
    private readonly residual: BoundExpr | null,
    private readonly buildSide: 'left' | 'right',
    private readonly distribution: JoinDistribution = 'partitioned',
  ) {}

  children(): readonly Operator[] {
    return [this.left, this.right];
  }

  execute(ctx: ExecContext): AsyncIterable<Batch> {
    return this.executeWithStages(ctx, []);
  }

  async *executeWithStages(ctx: ExecContext, after: readonly JoinStage[]): AsyncIterable<Batch> {
    const { probe, built, stage, ship } = await this.prepare(ctx, false);
    if (ship && canHandDown(ctx, probe)) {
      yield* probe.executeWithStages(ctx, [stageForWorkers(stage, ctx.eval), ...after]);
      return;
    }
    yield* this.probeHere(ctx, probe, built, stage, after);
  }

  async *aggregateWithStages(ctx: ExecContext, after: readonly JoinStage[], aggregate: PartialAggregate): AsyncIterable<PartialAggregateResult> {
    const { probe, built, stage, ship } = await this.prepare(ctx, true);
    const sink = ship && canHandDown(ctx, probe) ? probe : null;
    if (sink !== null && isAggregateSink(sink)) {
      yield* sink.aggregateWithStages(ctx, [stageForWorkers(stage, ctx.eval), ...after], aggregate);
      return;
    }
    const rows = sink !== null ? sink.executeWithStages(ctx, [stageForWorkers(stage, ctx.eval), ...after]) : this.probeHere(ctx, probe, built, stage, after);
    yield* foldRows(ctx, rows, rowTypesAfter(this, after), aggregate);
  }

  /**
   * Run the build side; `ship`: a broadcast join (or one built smaller than planned) whose build side need not be
   * preserved may probe where the probe rows are made (scan tasks in the workers).
   */
  private async prepare(ctx: ExecContext, aggregating: boolean): Promise<{ probe: Operator; built: Batch | null; stage: JoinStage; ship: boolean }> {
    const buildLeft = this.buildSide === 'left';
    const build = buildLeft ? this.left : this.right;
    const probe = buildLeft ? this.right : this.left;
    const keepBuild = this.keepsBuild(buildLeft);
    const keepProbe = this.joinType === 'full' || (buildLeft ? this.joinType === 'right' : this.joinType === 'left');
    const parts: Batch[] = [];
    for await (const b of build.execute(ctx)) {
      checkAborted(ctx);
      if (b.length > 0) parts.push(b);
      accountBatch(ctx, b, 'HashJoin', true);
    }
    const built = parts.length > 0 ? concatBatches(build.schema, parts) : null;
    const stage: JoinStage = {
      id: randomUUID(), kind: 'hash', buildLeft, keepProbe, leftSchema: this.left.schema, rightSchema: this.right.schema, build: built,
      buildKeys: buildLeft ? this.leftKeys : this.rightKeys, probeKeys: buildLeft ? this.rightKeys : this.leftKeys, residual: this.residual,
    };
    return { probe, built, stage, ship: !keepBuild && (this.distribution === 'broadcast' || shipAnyway(built, aggregating)) };
  }

  /** whether unmatched build rows are part of the result (LEFT join building the left side, …) */
  private keepsBuild(buildLeft: boolean): boolean {
    return this.joinType === 'full' || (buildLeft ? this.joinType === 'left' : this.joinType === 'right');
  }

  /** Probe on this thread (then the stages handed down from above), unmatched build rows at the end when kept. */
  private async *probeHere(ctx: ExecContext, probe: Operator, built: Batch | null, stage: JoinStage, after: readonly JoinStage[]): AsyncIterable<Batch> {
    const buildLeft = stage.buildLeft;
    const keepBuild = this.keepsBuild(buildLeft);
    const ready = readyStage(stage, ctx.eval);
    dropStage(stage.id);
    const above = after.map((s) => readyStage(s, ctx.eval));
    for (const s of after) dropStage(s.id);
    const buildMatched = keepBuild && built ? new Uint8Array(built.length) : null;
    for await (const pb of probe.execute(ctx)) {
      checkAborted(ctx);
      for (const joined of probeStage(ready, pb, buildMatched)) {
        if (above.length === 0) yield joined;
        else for (const b of probeStages(above, joined)) yield b;
      }
    }
    if (buildMatched && built) {
      const un = unmatchedRows(buildMatched, built.length);
      if (un.length > 0) {
        const rows = buildLeft
          ? joinRows(this.left.schema, built, un, this.right.schema, null, new Int32Array(un.length).fill(-1), un.length)
          : joinRows(this.left.schema, null, new Int32Array(un.length).fill(-1), this.right.schema, built, un, un.length);
        if (above.length === 0) yield rows;
        else for (const b of probeStages(above, rows)) yield b;
      }
    }
  }
}
