/**
 * Partial aggregation above join stages. A hash aggregate over a chain of broadcast joins hands its groups and
 * aggregates down with the join stages (`AggregateSink.aggregateWithStages`), so the scan tasks in the workers
 * scan, filter, probe every join and fold the joined rows into partial groups: only the partial states travel
 * back to the main thread, which merges them (HashAggregateOperator). An operator that cannot pass the work on
 * (a join that keeps its build side, a LIMIT) folds its rows itself (`foldRows`).
 */
import type { Batch } from '../../common/vector.js';
import type { SqlType } from '../../common/types.js';
import type { PartialAggregate } from '../../planner/physical/nodes.js';
import type { ExecContext } from '../api.js';
import { AggregateState, type PartialAggregateResult } from '../scan/aggregate_state.js';
import { checkAborted, type Operator } from '../operators/operator.js';
import { GrowthAccount, groupBytes } from '../instrument/account.js';
import { stageOutputTypes, type JoinStage } from './join_stage.js';

export interface AggregateSink {
  /** The partial aggregate `aggregate` of the rows `executeWithStages(ctx, stages)` would yield. */
  aggregateWithStages(ctx: ExecContext, stages: readonly JoinStage[], aggregate: PartialAggregate): AsyncIterable<PartialAggregateResult>;
}

export function isAggregateSink(op: Operator): op is Operator & AggregateSink {
  return typeof (op as Partial<AggregateSink>).aggregateWithStages === 'function';
}

/** The column types of the rows `op` yields after `stages`. */
export function rowTypesAfter(op: Operator, stages: readonly JoinStage[]): SqlType[] {
  return stages.length > 0 ? stageOutputTypes(stages[stages.length - 1]!) : op.schema.map((f) => f.type);
}

/** Fold rows into one partial result (here, on the calling thread). */
export async function* foldRows(ctx: ExecContext, rows: AsyncIterable<Batch>, types: readonly SqlType[], aggregate: PartialAggregate): AsyncIterable<PartialAggregateResult> {
  const state = new AggregateState(aggregate.groupKeys, aggregate.aggregates, types, ctx.eval);
  const memory = new GrowthAccount(ctx, 'HashAggregate', groupBytes(aggregate.groupKeys.length, aggregate.aggregates.length));
  for await (const b of rows) {
    checkAborted(ctx);
    state.update(b);
    memory.track(state.table.size);
  }
  yield state.serialize();
}
