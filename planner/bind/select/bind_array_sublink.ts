/** `ARRAY(SELECT x ...)`: the subquery's rows, in order, as one array ('{}' when there are none). */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { arrayType, T } from '../../../common/types.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { BoundExpr, SubqueryParam } from '../expr/bound_expr.js';
import type { BindContext } from '../expr/scope.js';

export function bindArraySublink(plan: LogicalPlan, params: readonly SubqueryParam[], _ctx: BindContext, p: number | undefined): BoundExpr {
  if (plan.schema.length !== 1) throw new QueryError(SQLSTATE.syntax_error, 'subquery must return only one column', { position: p });
  let elem = plan.schema[0]!.type;
  let input = plan;
  if (elem.kind === 'unknown') {
    elem = T.text;
    input = { kind: 'project', schema: [{ name: plan.schema[0]!.name, type: T.text, nullable: true }], input: plan, exprs: [{ kind: 'cast', arg: { kind: 'column', index: 0, type: T.unknown }, type: T.text, mode: 'implicit' }] };
  }
  if (elem.kind === 'array') throw new QueryError(SQLSTATE.feature_not_supported, 'ARRAY() of array values is not supported', { position: p });
  const type = arrayType(elem);
  const agg: LogicalPlan = {
    kind: 'aggregate', schema: [{ name: 'array', type, nullable: true }], input, groupKeys: [],
    aggregates: [{ fn: 'array_agg', args: [{ kind: 'column', index: 0, type: elem }], distinct: false, filter: null, type }],
  };
  const sub: BoundExpr = { kind: 'subquery', sub: { mode: 'scalar', op: null, lhs: null, params, plan: agg }, type };
  return { kind: 'coalesce', args: [sub, { kind: 'const', value: [], type }], type };
}
