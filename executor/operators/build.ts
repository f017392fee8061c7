/** Physical plan → operator tree. */
import { assertNever } from '../../common/types.js';
import type { PhysicalPlan } from '../../planner/physical/plan.js';
import { DistinctOperator } from './distinct.js';
import { FilterOperator } from './filter.js';
import { HashAggregateOperator } from './hash_aggregate.js';
import { HashJoinOperator } from './hash_join.js';
import { LimitOperator } from './limit.js';
import { NestedLoopJoinOperator } from './nested_loop_join.js';
import type { Operator } from './operator.js';
import { ProjectOperator } from './project.js';
import { ScanOperator } from './scan.js';
import { SortOperator } from './sort.js';
import { ValuesOperator } from './values.js';

export function buildOperator(p: PhysicalPlan): Operator {
  switch (p.kind) {
    case 'scan': return new ScanOperator(p);
    case 'values': return new ValuesOperator(p.schema, p.rows);
    case 'filter': return new FilterOperator(buildOperator(p.input), p.predicate);
    case 'project': return new ProjectOperator(p.schema, buildOperator(p.input), p.exprs);
    case 'hash_aggregate': {
      const input = buildOperator(p.input);
      const partial = p.mode === 'final' && input instanceof ScanOperator ? input : null;
      return new HashAggregateOperator(p.schema, input, p.groupKeys, p.aggregates, partial);
    }
    case 'hash_join': return new HashJoinOperator(p.schema, p.joinType, buildOperator(p.left), buildOperator(p.right), p.leftKeys, p.rightKeys, p.residual, p.buildSide);
    case 'nested_loop_join': return new NestedLoopJoinOperator(p.schema, p.joinType, buildOperator(p.left), buildOperator(p.right), p.condition);
    case 'sort': return new SortOperator(buildOperator(p.input), p.keys);
    case 'limit': return new LimitOperator(buildOperator(p.input), p.limit, p.offset);
    case 'distinct': return new DistinctOperator(buildOperator(p.input));
    default: return assertNever(p);
  }
}
