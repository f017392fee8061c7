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
import { SetOpOperator } from './set_op.js';
import { SortOperator } from './sort.js';
import { TopNOperator } from './top_n.js';
import { ValuesOperator } from './values.js';
import { TableFunctionOperator } from './table_function.js';
import { ProjectSetOperator } from './project_set.js';
import { SemiJoinOperator } from './semi_join.js';
import { RecursiveCteOperator, WorktableOperator } from './recursive_cte.js';
import { SubqueryApplyOperator } from './subquery_apply.js';
import { WindowOperator } from './window.js';
import { LateralJoinOperator } from './lateral_join.js';
import { CteScanOperator } from './cte_scan.js';

/** EXPLAIN ANALYZE: wraps each operator as it is built; set only during a (synchronous) buildOperatorWith call. */
let wrapOperator: ((p: PhysicalPlan, op: Operator) => Operator) | null = null;

/** Build with every operator passed through `wrap` (executor/instrument). */
export function buildOperatorWith(p: PhysicalPlan, wrap: (p: PhysicalPlan, op: Operator) => Operator): Operator {
  const previous = wrapOperator;
  wrapOperator = wrap;
  try {
    return buildOperator(p);
  } finally {
    wrapOperator = previous;
  }
}

export function buildOperator(p: PhysicalPlan): Operator {
  const op = buildOne(p);
  return wrapOperator === null ? op : wrapOperator(p, op);
}

function buildOne(p: PhysicalPlan): Operator {
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
    case 'hash_join': return new HashJoinOperator(p.schema, p.joinType, buildOperator(p.left), buildOperator(p.right), p.leftKeys, p.rightKeys, p.residual, p.buildSide, p.distribution);
    case 'nested_loop_join': return new NestedLoopJoinOperator(p.schema, p.joinType, buildOperator(p.left), buildOperator(p.right), p.condition);
    case 'sort': return new SortOperator(buildOperator(p.input), p.keys);
    case 'limit': return new LimitOperator(buildOperator(p.input), p.limit, p.offset);
    case 'top_n': return new TopNOperator(buildOperator(p.input), p.keys, p.limit, p.offset);
    case 'distinct': return new DistinctOperator(buildOperator(p.input));
    case 'window': return new WindowOperator(p.schema, buildOperator(p.input), p.calls);
    case 'recursive_cte': return new RecursiveCteOperator(p.schema, p.id, p.distinct, buildOperator(p.anchor), buildOperator(p.recursive));
    case 'worktable': return new WorktableOperator(p.schema, p.id);
    case 'cte_scan': return new CteScanOperator(p.schema, p.id, p.name, buildOperator(p.cte));
    case 'table_function': return new TableFunctionOperator(p.schema, p.calls, p.ordinality);
    case 'project_set': return new ProjectSetOperator(p.schema, buildOperator(p.input), p.items);
    case 'semi_join': return new SemiJoinOperator(p.anti, p.nullAware, buildOperator(p.left), buildOperator(p.right), p.leftKeys, p.rightKeys, p.residual, { left: p.left.estimatedRows, right: p.right.estimatedRows });
    case 'subquery_apply': return new SubqueryApplyOperator(p.schema, buildOperator(p.input), p.subqueries);
    case 'lateral_join': return new LateralJoinOperator(p.schema, p.joinType, buildOperator(p.left), p.right, p.params, p.condition);
    case 'set_op': return new SetOpOperator(p.schema, p.op, p.all, buildOperator(p.left), buildOperator(p.right));
    default: return assertNever(p);
  }
}
