/**
 * The plans of subqueries that stay expressions (uncorrelated ones, and correlated ones no rule could turn
 * into a join) are optimized like any query — with the same rules, decorrelation of their own subqueries included.
 */
import type { BindContext } from '../../bind/expr/scope.js';
import type { Field } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { planChildren, withChildren } from '../../logical/nodes.js';
import { hasSubquery } from './decorrelate_support.js';
import { optimize } from '../optimize.js';
import type { TreeRule } from '../rule.js';

function rewrite(node: unknown, ctx: BindContext): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    let changed = false;
    const out = node.map((x) => {
      const y = rewrite(x, ctx);
      if (y !== x) changed = true;
      return y;
    });
    return changed ? out : node;
  }
  if (Object.getPrototypeOf(node) !== Object.prototype) return node;
  const o = node as Record<string, unknown>;
  if (o['kind'] === 'subquery' && typeof o['sub'] === 'object') {
    const sub = o['sub'] as { plan: LogicalPlan; lhs: unknown; params: unknown };
    const lhs = rewrite(sub.lhs, ctx);
    const params = rewrite(sub.params, ctx);
    return { ...o, sub: { ...sub, lhs, params, plan: optimize(sub.plan, ctx) } };
  }
  let out: Record<string, unknown> | null = null;
  for (const k in o) {
    if (k === 'files' || k === 'source' || k === 'schema') continue;
    const v = o[k];
    if (v === null || typeof v !== 'object') continue;
    const y = rewrite(v, ctx);
    if (y !== v) (out ??= { ...o })[k] = y;
  }
  return out ?? node;
}

export function decorrelateOptimizeSubplans(ctx: BindContext): TreeRule {
  return {
    name: 'optimize_subplans',
    tree: true,
    applyTree: (plan: LogicalPlan) => rewrite(aggregateArgsToProject(plan), ctx) as LogicalPlan,
  };
}

/** Aggregate arguments / group keys with subqueries are computed by a Project below (where subqueries can run). */
function aggregateArgsToProject(p: LogicalPlan): LogicalPlan {
  const kids = planChildren(p);
  const next = kids.map(aggregateArgsToProject);
  const q = next.every((c, i) => c === kids[i]) ? p : withChildren(p, next);
  if (q.kind !== 'aggregate') return q;
  const n = q.input.schema.length;
  const extra: BoundExpr[] = [];
  const lift = (e: BoundExpr): BoundExpr => {
    if (!hasSubquery(e)) return e;
    extra.push(e);
    return { kind: 'column', index: n + extra.length - 1, type: e.type };
  };
  const groupKeys = q.groupKeys.map(lift);
  const aggregates = q.aggregates.map((a) => ({ ...a, args: a.args.map(lift), filter: a.filter ? lift(a.filter) : null }));
  if (extra.length === 0) return q;
  const fields: Field[] = [...q.input.schema, ...extra.map((e, i) => ({ name: `?subquery${i + 1}?`, type: e.type, nullable: true }))];
  const exprs: BoundExpr[] = [...q.input.schema.map((f, i) => ({ kind: 'column', index: i, type: f.type }) as BoundExpr), ...extra];
  return { ...q, groupKeys, aggregates, input: { kind: 'project', schema: fields, input: q.input, exprs } };
}
