/**
 * GROUP BY with GROUPING SETS / ROLLUP / CUBE (mixed with plain items: the cartesian product of each
 * item's sets, duplicates kept, as PostgreSQL expands them). The aggregate scope gets every key that occurs
 * in some set plus a last hidden key holding the set's number, which GROUPING(…) reads. The plan is a
 * UNION ALL of one aggregate per set over the same input, keys outside the set output as NULL.
 */
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { AggregateCall, BoundExpr } from '../expr/bound_expr.js';
import type { GroupKey } from './aggregate_scope.js';
import { bindGroupBy, groupKeyResolver } from './bind_group_by.js';
import type { RelationScope } from './relation_scope.js';

export interface GroupingClause {
  readonly keys: GroupKey[];
  /** key indices of each grouping set (null: plain GROUP BY); the last key is then the set number */
  readonly sets: readonly (readonly number[])[] | null;
}

type Sets = number[][];

export function bindGroupingClause(items: readonly PgNode[], targets: readonly PgNode[], from: RelationScope, ctx: PlanContext): GroupingClause {
  if (!items.some((i) => i.GroupingSet && i.GroupingSet.kind !== 'GROUPING_SET_EMPTY')) return { keys: bindGroupBy(items, targets, from, ctx), sets: null };
  const r = groupKeyResolver(targets, from, ctx);
  const unit = (n: PgNode): number[] => (n.RowExpr ? ((n.RowExpr.args ?? []) as PgNode[]).map(r.resolve) : [r.resolve(n)]);
  const expand = (n: PgNode): Sets => {
    const g = n.GroupingSet;
    if (!g) return [unit(n)];
    const content = (g.content ?? []) as PgNode[];
    switch (g.kind) {
      case 'GROUPING_SET_EMPTY': return [[]];
      case 'GROUPING_SET_SIMPLE': return [content.flatMap(unit)];
      case 'GROUPING_SET_SETS': return content.flatMap(expand);
      case 'GROUPING_SET_ROLLUP': {
        const units = content.map(unit);
        const out: Sets = [];
        for (let i = units.length; i >= 0; i--) out.push(units.slice(0, i).flat());
        return out;
      }
      case 'GROUPING_SET_CUBE': {
        const units = content.map(unit);
        const out: Sets = [];
        // PostgreSQL's order: the full set first, down to the empty set
        for (let mask = (1 << units.length) - 1; mask >= 0; mask--) out.push(units.filter((_, i) => (mask & (1 << (units.length - 1 - i))) !== 0).flat());
        return out;
      }
      default: return [content.flatMap(unit)];
    }
  };
  let sets: Sets = [[]];
  for (const item of items) {
    const e = expand(item);
    sets = sets.flatMap((s) => e.map((x) => [...s, ...x]));
  }
  sets = sets.map((s) => [...new Set(s)]);
  const keys = [...r.keys, { expr: { kind: 'const', value: 0, type: T.int4 } as BoundExpr, nodeKeys: [] }];
  return { keys, sets };
}

/** The aggregate node (plain GROUP BY) or the union of one aggregate per grouping set. */
export function aggregatePlan(input: LogicalPlan, schema: readonly Field[], groupKeys: readonly BoundExpr[], aggregates: readonly AggregateCall[], sets: GroupingClause['sets']): LogicalPlan {
  if (sets === null) return { kind: 'aggregate', schema, input, groupKeys, aggregates };
  const nReal = groupKeys.length - 1;
  const aggFields = schema.slice(groupKeys.length);
  const branches = sets.map((set, s): LogicalPlan => {
    const agg: LogicalPlan = { kind: 'aggregate', schema: [...set.map((k) => schema[k]!), ...aggFields], input, groupKeys: set.map((k) => groupKeys[k]!), aggregates };
    const exprs: BoundExpr[] = [];
    for (let k = 0; k < nReal; k++) {
      const at = set.indexOf(k);
      exprs.push(at >= 0 ? { kind: 'column', index: at, type: schema[k]!.type } : { kind: 'const', value: null, type: schema[k]!.type });
    }
    exprs.push({ kind: 'const', value: s, type: T.int4 });
    aggFields.forEach((f, j) => exprs.push({ kind: 'column', index: set.length + j, type: f.type }));
    return { kind: 'project', schema, input: agg, exprs };
  });
  return branches.reduce((left, right) => ({ kind: 'set_op', schema, op: 'union', all: true, left, right }));
}

/** GROUPING(args) for each set: bit (n−1−j) set when argument j's key is not grouped in that set. */
export function groupingValue(argKeys: readonly number[], sets: GroupingClause['sets'], gidColumn: number): BoundExpr {
  if (sets === null || sets.length === 0) return { kind: 'const', value: 0, type: T.int4 };
  const value = (set: readonly number[]) => argKeys.reduce((acc, k) => (acc << 1) | (set.includes(k) ? 0 : 1), 0);
  const gid: BoundExpr = { kind: 'column', index: gidColumn, type: T.int4 };
  return {
    kind: 'case',
    whens: sets.map((set, s) => ({ when: { kind: 'compare', op: '=', left: gid, right: { kind: 'const', value: s, type: T.int4 }, type: T.bool } as BoundExpr, then: { kind: 'const', value: value(set), type: T.int4 } as BoundExpr })),
    else: null,
    type: T.int4,
  };
}
