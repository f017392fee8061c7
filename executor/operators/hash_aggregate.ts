/**
 * GROUP BY / aggregates. 'single': fold input batches into hash groups. 'final': the input scan's tasks
 * (in workers) return partial states per file; merge them, then finalize. Over broadcast joins the partial
 * states come from the scan tasks under the joins (executor/join/aggregate_input.ts). Output: keys, then aggregates.
 */
import type { Batch, Schema } from '../../common/vector.js';
import type { AggregateCall, BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ExecContext } from '../api.js';
import { AggregateState } from '../scan/aggregate_state.js';
import { GrowthAccount, groupBytes } from '../instrument/account.js';
import { checkAborted, inputTypes, type Operator } from './operator.js';
import type { ScanOperator } from './scan.js';
import { aggregateBelow } from '../join/aggregate_input.js';
import { DisjointPartials } from '../aggregate/disjoint_partials.js';

export class HashAggregateOperator implements Operator {
  constructor(
    readonly schema: Schema,
    private readonly input: Operator,
    private readonly groupKeys: readonly BoundExpr[],
    private readonly aggregates: readonly AggregateCall[],
    private readonly partialScan: ScanOperator | null,
  ) {}

  children(): readonly Operator[] {
    return [this.input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const state = new AggregateState(this.groupKeys, this.aggregates, inputTypes(this.input.schema), ctx.eval);
    const memory = new GrowthAccount(ctx, 'HashAggregate', groupBytes(this.groupKeys.length, this.aggregates.length));
    const below = this.partialScan === null ? aggregateBelow(ctx, this.input, this.groupKeys, this.aggregates) : null;
    const partials = this.partialScan !== null ? this.partialScan.executePartial(ctx) : below !== null ? below.sink.aggregateWithStages(ctx, [], below.aggregate) : null;
    if (partials !== null) {
      // partials whose groups (nearly) cannot meet need no group table (aggregate/disjoint_partials.ts)
      const disjoint = new DisjointPartials(this.groupKeys.map((k) => k.type));
      let merging = !disjoint.active;
      for await (const partial of partials) {
        checkAborted(ctx);
        if (!merging) {
          if (disjoint.add(partial)) {
            memory.track(disjoint.groups);
            continue;
          }
          merging = true;
          for (const held of disjoint.take()) state.merge(held);
        }
        state.merge(partial);
        memory.track(state.table.size);
      }
      if (!merging) {
        const out = disjoint.finish(this.aggregates);
        if (out !== null && out.length > 0) yield out;
        return;
      }
    } else {
      for await (const b of this.input.execute(ctx)) {
        checkAborted(ctx);
        state.update(b);
        memory.track(state.table.size);
      }
    }
    const out = state.finish();
    if (out.length > 0) yield out;
  }
}
