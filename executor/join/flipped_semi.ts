/**
 * A semi / anti join run the other way round, for a small left side and a big right side (TPC-H q21:
 * ~75k lineitem rows of one nation's suppliers against all of lineitem): the left rows are the build side
 * of a mark stage (only their key and residual columns), the right side streams through it — inside its scan
 * tasks in the workers when it can take stages — and only the numbers of the left rows with a pair that passes
 * the residual come back (each once per batch). Then the left rows with a mark
 * (semi) or without one (anti) are the result. Not for null-aware anti joins (NOT IN) or joins without keys.
 */
import { randomUUID } from 'node:crypto';
import type { Batch, Schema } from '../../common/vector.js';
import { takeBatch } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { columnsOf, mapColumns } from '../../planner/optimizer/expr_utils.js';
import type { ExecContext } from '../api.js';
import { checkAborted, type Operator } from '../operators/operator.js';
import { canHandDown } from '../operators/hash_join.js';
import { dropStage, probeStage, readyStage, stageForWorkers, type JoinStage } from './join_stage.js';

export interface FlippedSemi {
  readonly anti: boolean;
  readonly leftSchema: Schema;
  readonly right: Operator;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  readonly residual: BoundExpr | null;
}

/** The left rows of `left` (all of the left side) that have (semi) / have no (anti) match on the right. */
export async function flippedSemiJoin(ctx: ExecContext, j: FlippedSemi, left: Batch): Promise<Batch> {
  const nL = j.leftSchema.length;
  // the left columns the keys and the residual read
  const used = new Set<number>();
  for (const k of j.leftKeys) columnsOf(k, used);
  if (j.residual !== null) for (const c of columnsOf(j.residual)) if (c < nL) used.add(c);
  const keep = [...used].sort((a, b) => a - b);
  const at = new Map(keep.map((c, i) => [c, i]));
  const narrowWidth = keep.length;
  const build: Batch = { length: left.length, columns: keep.map((c) => left.columns[c]!) };
  const narrowSchema: Schema = keep.map((c) => j.leftSchema[c]!);
  const toNarrow = (e: BoundExpr): BoundExpr => mapColumns(e, (c) => ({ ...c, index: c.index < nL ? at.get(c.index)! : c.index - nL + narrowWidth }));
  // only which left rows matched matters: a mark stage returns just those row numbers
  const stage: JoinStage = {
    id: randomUUID(), kind: 'mark', buildLeft: true, keepProbe: false, leftSchema: narrowSchema, rightSchema: j.right.schema, build,
    buildKeys: j.leftKeys.map(toNarrow), probeKeys: j.rightKeys, residual: j.residual === null ? null : toNarrow(j.residual),
  };
  const matched = new Uint8Array(left.length);
  const mark = (b: Batch): void => {
    const ids = b.columns[0]!.data as Int32Array;
    for (let i = 0; i < b.length; i++) matched[ids[i]!] = 1;
  };
  if (left.length > 0) {
    if (canHandDown(ctx, j.right)) {
      for await (const b of j.right.executeWithStages(ctx, [stageForWorkers(stage, ctx.eval)])) {
        checkAborted(ctx);
        mark(b);
      }
    } else {
      const ready = readyStage(stage, ctx.eval);
      dropStage(stage.id);
      for await (const rb of j.right.execute(ctx)) {
        checkAborted(ctx);
        for (const b of probeStage(ready, rb)) mark(b);
      }
    }
  }
  const sel = new Int32Array(left.length);
  let n = 0;
  for (let i = 0; i < left.length; i++) if ((matched[i] === 1) !== j.anti) sel[n++] = i;
  return n === left.length ? left : takeBatch(left, sel, n);
}
