/**
 * Semi / anti join (EXISTS, IN / NOT EXISTS, NOT IN): builds over the right side (the subquery), then
 * streams the left side, keeping a left row when some candidate right row (same non-NULL keys; every right
 * row when there are no keys) satisfies the residual — or, for an anti join, when none does. Null-aware
 * anti join (NOT IN, one key): no rows when the right side has a NULL key; a left row with a NULL key
 * survives only when the right side is empty. Output: the left columns. The per-batch work is a join stage
 * (executor/join/semi_probe.ts): with worker threads it runs inside the left side's scan tasks when the
 * built side is cheap to copy to them.
 */
import { randomUUID } from 'node:crypto';
import type { Batch, Schema } from '../../common/vector.js';
import { concatBatches } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { dropStage, probeStage, probeStages, readyStage, stageForWorkers, type JoinStage } from '../join/join_stage.js';
import { canHandDown, type StageSink } from './hash_join.js';
import { checkAborted, type Operator } from './operator.js';

/** a built side this small, or made only of typed-array columns, is copied to the scan tasks */
const SHIP_MAX_ROWS = 250_000;

export class SemiJoinOperator implements Operator, StageSink {
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

  execute(ctx: ExecContext): AsyncIterable<Batch> {
    return this.executeWithStages(ctx, []);
  }

  async *executeWithStages(ctx: ExecContext, after: readonly JoinStage[]): AsyncIterable<Batch> {
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
    const cheap = built === null || built.length <= SHIP_MAX_ROWS || built.columns.every((c) => ArrayBuffer.isView(c.data));
    if (cheap && canHandDown(ctx, this.left)) {
      yield* this.left.executeWithStages(ctx, [stageForWorkers(stage, ctx.eval), ...after]);
      return;
    }
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
