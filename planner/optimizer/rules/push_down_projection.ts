/**
 * Projection push-down: walk from the root with the set of columns each parent uses, so scans read only
 * the columns the query needs and intermediate projections drop unused expressions.
 * (A tree rule: what a node may drop depends on all its ancestors.)
 */
import type { Field } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { columnsOf, remapColumns } from '../expr_utils.js';
import type { TreeRule } from '../rule.js';
import { pruneRecursiveCte, pruneSemiJoin } from './decorrelate_support.js';
import { pruneWindow } from '../window_prune.js';
import { pruneSetOp } from '../set_op_prune.js';
import { pruneLateralJoin, pruneSides } from '../lateral_prune.js';
import { hideFilterOnlyColumns } from '../scan_filter_only.js';

interface Pruned {
  readonly plan: LogicalPlan;
  /** old output column index → new index, for every kept column */
  readonly map: ReadonlyMap<number, number>;
}

function identity(n: number): Map<number, number> {
  return new Map(Array.from({ length: n }, (_, i) => [i, i]));
}

function prune(p: LogicalPlan, required: ReadonlySet<number>): Pruned {
  switch (p.kind) {
    case 'scan': {
      const need = new Set(required);
      if (p.filter) columnsOf(p.filter, need);
      const keep = [...need].sort((a, b) => a - b);
      const map = new Map(keep.map((old, i) => [old, i]));
      const scan = keep.length === p.columns.length ? p : { ...p, columns: keep.map((i) => p.columns[i]!), schema: keep.map((i) => p.schema[i]!), filter: p.filter ? remapColumns(p.filter, map) : null };
      // columns only the filter uses stay inside the scan (../scan_filter_only.ts)
      return hideFilterOnlyColumns(scan, map, required) ?? { plan: scan, map };
    }
    case 'values':
      return { plan: p, map: identity(p.schema.length) };
    case 'filter': {
      const need = columnsOf(p.predicate, new Set(required));
      const c = prune(p.input, need);
      return { plan: { ...p, input: c.plan, schema: c.plan.schema, predicate: remapColumns(p.predicate, c.map) }, map: c.map };
    }
    case 'project': {
      const keep = [...required].sort((a, b) => a - b);
      const exprs = keep.map((i) => p.exprs[i]!);
      const need = new Set<number>();
      for (const e of exprs) columnsOf(e, need);
      const c = prune(p.input, need);
      const map = new Map(keep.map((old, i) => [old, i]));
      return { plan: { ...p, input: c.plan, exprs: exprs.map((e) => remapColumns(e, c.map)), schema: keep.map((i) => p.schema[i]!) }, map };
    }
    case 'aggregate': {
      const need = new Set<number>();
      for (const k of p.groupKeys) columnsOf(k, need);
      for (const a of p.aggregates) {
        for (const x of a.args) columnsOf(x, need);
        if (a.filter) columnsOf(a.filter, need);
      }
      const c = prune(p.input, need);
      const r = (e: BoundExpr) => remapColumns(e, c.map);
      return {
        plan: { ...p, input: c.plan, groupKeys: p.groupKeys.map(r), aggregates: p.aggregates.map((a) => ({ ...a, args: a.args.map(r), filter: a.filter ? r(a.filter) : null })) },
        map: identity(p.schema.length),
      };
    }
    case 'join': {
      const need = new Set(required);
      if (p.condition) columnsOf(p.condition, need);
      const { left, right, map, schema } = pruneSides(p, need, prune);
      return { plan: { ...p, left: left.plan, right, schema, condition: p.condition ? remapColumns(p.condition, map) : null }, map };
    }
    case 'sort': {
      const need = new Set(required);
      for (const k of p.keys) columnsOf(k.expr, need);
      const c = prune(p.input, need);
      return { plan: { ...p, input: c.plan, schema: c.plan.schema, keys: p.keys.map((k) => ({ ...k, expr: remapColumns(k.expr, c.map) })) }, map: c.map };
    }
    case 'limit': {
      const c = prune(p.input, required);
      return { plan: { ...p, input: c.plan, schema: c.plan.schema }, map: c.map };
    }
    case 'window': return pruneWindow(p, required, prune);
    case 'semi_join': return pruneSemiJoin(p, required, prune);
    case 'recursive_cte': return pruneRecursiveCte(p, prune);
    case 'worktable': return { plan: p, map: identity(p.schema.length) };
    case 'cte_scan': return { plan: p, map: identity(p.schema.length) }; // shared rows: every column stays
    case 'table_function': return { plan: p, map: identity(p.schema.length) };
    case 'project_set': {
      // every input column stays (items are bound over the input as it is)
      const c = prune(p.input, new Set(p.input.schema.map((_, i) => i)));
      return { plan: { ...p, input: c.plan }, map: identity(p.schema.length) };
    }
    case 'set_op': return pruneSetOp(p, prune);
    case 'lateral_join': return pruneLateralJoin(p, required, prune);
    case 'distinct': {
      const c = prune(p.input, new Set(p.schema.map((_, i) => i)));
      return { plan: { ...p, input: c.plan, schema: c.plan.schema }, map: c.map };
    }
  }
}

export const pushDownProjection: TreeRule = {
  name: 'push_down_projection',
  tree: true,
  applyTree(plan: LogicalPlan): LogicalPlan {
    return prune(plan, new Set(plan.schema.map((_, i) => i))).plan;
  },
};
