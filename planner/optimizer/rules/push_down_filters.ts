/**
 * Predicate push-down: a Filter moves below Project (substituting the projected expressions), Sort,
 * Distinct, Aggregate (conjuncts on group keys only) and into Join sides (conjuncts that name one side,
 * where the join type allows it) and finally into the Scan (`scan.filter`), where partition pruning and
 * file skipping can use it. Cross joins with a predicate across both sides become inner joins.
 * Join conditions of inner joins are pushed to the side they name, too.
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { andAll, columnsOf, conjuncts, isVolatile, mapColumns, shiftColumns } from '../expr_utils.js';
import type { Rule } from '../rule.js';
import { pushFilterThroughWindow } from '../window_filter.js';
import { holdSubqueryConjuncts, pushFilterIntoSemiJoin, pushSemiJoinCondition } from './decorrelate_support.js';

function filter(input: LogicalPlan, parts: readonly BoundExpr[]): LogicalPlan {
  const predicate = andAll(parts);
  return predicate === null ? input : { kind: 'filter', schema: input.schema, input, predicate };
}

type Join = Extract<LogicalPlan, { kind: 'join' }>;

/** Split conjuncts into left-only, right-only (shifted to right's columns) and the rest. */
function splitForJoin(j: Join, parts: readonly BoundExpr[], allowLeft: boolean, allowRight: boolean): { left: BoundExpr[]; right: BoundExpr[]; rest: BoundExpr[] } {
  const nLeft = j.left.schema.length;
  const out = { left: [] as BoundExpr[], right: [] as BoundExpr[], rest: [] as BoundExpr[] };
  for (const c of parts) {
    const cols = [...columnsOf(c)];
    if (isVolatile(c)) out.rest.push(c);
    else if (allowLeft && cols.every((i) => i < nLeft)) out.left.push(c);
    else if (allowRight && cols.every((i) => i >= nLeft)) out.right.push(shiftColumns(c, -nLeft));
    else out.rest.push(c);
  }
  return out;
}

function pushIntoJoin(j: Join, parts: readonly BoundExpr[]): LogicalPlan {
  const t = j.joinType;
  // a WHERE conjunct may go to a side whose rows are not null-extended by the join
  const s = splitForJoin(j, parts, t === 'inner' || t === 'cross' || t === 'left', t === 'inner' || t === 'cross' || t === 'right');
  let joinType = t;
  let condition = j.condition;
  let rest = s.rest;
  if ((t === 'inner' || t === 'cross') && rest.length > 0) {
    condition = andAll([...(condition ? [condition] : []), ...rest]);
    joinType = 'inner';
    rest = [];
  }
  const join: LogicalPlan = { ...j, joinType, condition, left: filter(j.left, s.left), right: filter(j.right, s.right) };
  return filter(join, rest);
}

/** ON conditions: conjuncts naming only the non-preserved side (or any side of an inner join) go below. */
function pushJoinCondition(j: Join): LogicalPlan {
  if (!j.condition) return j;
  const t = j.joinType;
  if (t === 'full' || t === 'cross') return j;
  const s = splitForJoin(j, conjuncts(j.condition), t === 'inner' || t === 'right', t === 'inner' || t === 'left');
  if (s.left.length === 0 && s.right.length === 0) return j;
  return { ...j, condition: andAll(s.rest), joinType: t === 'inner' && s.rest.length === 0 ? 'cross' : t, left: filter(j.left, s.left), right: filter(j.right, s.right) };
}

export const pushDownFilters: Rule = {
  name: 'push_down_filters',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind === 'join') return pushJoinCondition(p);
    if (p.kind === 'semi_join') return pushSemiJoinCondition(p);
    if (p.kind === 'filter') { const held = holdSubqueryConjuncts(p); if (held) return held; }
    if (p.kind !== 'filter') return p;
    const input = p.input;
    const parts = conjuncts(p.predicate);
    switch (input.kind) {
      case 'filter':
        return filter(input.input, [...conjuncts(input.predicate), ...parts]);
      case 'scan':
        return { ...input, filter: andAll([...(input.filter ? [input.filter] : []), ...parts]) };
      case 'project': {
        if (input.exprs.some(isVolatile)) return p;
        const below = parts.map((c) => mapColumns(c, (col) => input.exprs[col.index]!));
        return { ...input, input: filter(input.input, below) };
      }
      case 'sort':
        return { ...input, input: filter(input.input, parts) };
      case 'distinct':
        return { ...input, input: filter(input.input, parts) };
      case 'aggregate': {
        const nKeys = input.groupKeys.length;
        const down: BoundExpr[] = [];
        const stay: BoundExpr[] = [];
        for (const c of parts) {
          if (nKeys > 0 && !isVolatile(c) && [...columnsOf(c)].every((i) => i < nKeys)) down.push(mapColumns(c, (col) => input.groupKeys[col.index]!));
          else stay.push(c);
        }
        if (down.length === 0) return p;
        return filter({ ...input, input: filter(input.input, down) }, stay);
      }
      case 'join':
        return pushIntoJoin(input, parts);
      case 'values': case 'limit':
        return p;
      case 'window': // only conjuncts on partition keys may go below a window
        return pushFilterThroughWindow(p, input, parts);
      case 'recursive_cte': case 'worktable':
        return p;
      case 'cte_scan': // a materialised CTE is shared: the filter stays above this reference
        return p;
      case 'table_function': case 'project_set': // SRF rows: the filter stays above
        return p;
      case 'lateral_join': // stays above (the right side runs per left row)
        return p;
      case 'semi_join':
        return pushFilterIntoSemiJoin(input, parts);
      case 'set_op': // rows are equal or not alike on both sides: filter each input (same column indices)
        return parts.some(isVolatile) ? p : { ...input, left: filter(input.left, parts), right: filter(input.right, parts) };
    }
  },
};
