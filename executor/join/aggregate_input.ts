/**
 * Whether a hash aggregate's input lets the aggregation run inside the scan tasks below a chain of broadcast
 * joins (stage_aggregate.ts): the input is a hash / semi join (under any projections without subqueries, whose
 * expressions are substituted into the group keys and aggregate arguments) and joins may hand their probes down
 * (worker threads, not EXPLAIN ANALYZE). Returns the join and the aggregate over its rows, or null.
 */
import type { AggregateCall, BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { walkExpr } from '../../planner/bind/expr/bound_expr.js';
import { mapColumns } from '../../planner/optimizer/expr_utils.js';
import type { PartialAggregate } from '../../planner/physical/nodes.js';
import type { ExecContext } from '../api.js';
import { HashJoinOperator, canHandDown } from '../operators/hash_join.js';
import type { Operator } from '../operators/operator.js';
import { ProjectOperator } from '../operators/project.js';
import { SemiJoinOperator } from '../operators/semi_join.js';
import type { AggregateSink } from './stage_aggregate.js';

function hasSubquery(e: BoundExpr): boolean {
  let found = false;
  walkExpr(e, (x) => { if (x.kind === 'subquery' || x.kind === 'outer_ref') found = true; });
  return found;
}

export function aggregateBelow(ctx: ExecContext, input: Operator, groupKeys: readonly BoundExpr[], aggregates: readonly AggregateCall[]): { sink: Operator & AggregateSink; aggregate: PartialAggregate } | null {
  let op = input;
  let keys = groupKeys, aggs = aggregates;
  while (op instanceof ProjectOperator) {
    const exprs = op.exprs;
    if (exprs.some(hasSubquery)) return null;
    const sub = (e: BoundExpr) => mapColumns(e, (c) => exprs[c.index]!);
    keys = keys.map(sub);
    aggs = aggs.map((a) => ({ ...a, args: a.args.map(sub), filter: a.filter === null ? null : sub(a.filter) }));
    op = op.input;
  }
  if (!(op instanceof HashJoinOperator || op instanceof SemiJoinOperator) || !canHandDown(ctx, op)) return null;
  return { sink: op, aggregate: { groupKeys: keys, aggregates: aggs } };
}
