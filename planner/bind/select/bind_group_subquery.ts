/**
 * Subqueries in GROUP BY (`GROUP BY (SELECT … WHERE u.a = t.a)`, or a SELECT-list subquery named by ordinal
 * or alias): bound over the FROM scope before the grouping clause; the aggregate then groups by a column a
 * projection below it computes (the subquery runs per distinct outer value there). SELECT / HAVING / ORDER BY
 * expressions that are a group key are not bound again (they read the key), so their subqueries are not
 * prebound through the aggregate scope.
 */
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import type { ExprScope } from '../expr/scope.js';
import { hasSubquery } from '../../optimizer/rules/decorrelate_support.js';
import type { AggregateScope } from './aggregate_scope.js';
import type { SnapshotPins } from './bind_table.js';
import { prebindSublinks } from './bind_sublink.js';

/** Prebind the subqueries of the GROUP BY items (and of the targets they name by ordinal or alias). */
export async function prebindGroupBy(items: readonly PgNode[], targets: readonly PgNode[], scope: ExprScope, ctx: PlanContext, pins: SnapshotPins): Promise<void> {
  const visit = async (item: PgNode): Promise<void> => {
    if (item.GroupingSet) {
      for (const c of (item.GroupingSet.content ?? []) as PgNode[]) await visit(c);
      return;
    }
    if (item.RowExpr) {
      for (const c of (item.RowExpr.args ?? []) as PgNode[]) await visit(c);
      return;
    }
    const c = item.A_Const;
    if (c && 'ival' in c) {
      const t = targets[((c.ival?.ival as number | undefined) ?? 0) - 1];
      if (t) await prebindSublinks(t.val, scope, ctx, pins);
      return;
    }
    const f = item.ColumnRef?.fields as PgNode[] | undefined;
    if (f && f.length === 1 && f[0]!.String) {
      const t = targets.find((x) => x.name === f[0]!.String.sval);
      if (t) await prebindSublinks(t.val, scope, ctx, pins);
      return;
    }
    await prebindSublinks(item, scope, ctx, pins);
  };
  for (const item of items) await visit(item);
}

/** prebindSublinks for a clause of an aggregating query: parts that are group keys are skipped. */
export async function prebindAggregating(node: unknown, scope: ExprScope, agg: AggregateScope | null, ctx: PlanContext, pins: SnapshotPins): Promise<void> {
  if (agg === null) return prebindSublinks(node, scope, ctx, pins);
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) await prebindAggregating(x, scope, agg, ctx, pins);
    return;
  }
  const n = node as PgNode;
  if (Object.keys(n).length === 1 && agg.groupKeys.length > 0 && !n.ColumnRef && !n.A_Const && !n.GroupingFunc && agg.lookupExpr(n) !== null) return;
  if (n.SubLink) return prebindSublinks(n, scope, ctx, pins);
  for (const v of Object.values(n)) await prebindAggregating(v, scope, agg, ctx, pins);
}

/** Group keys with subqueries become columns of a projection below the aggregate. */
export function projectSubqueryKeys(input: LogicalPlan, keys: readonly BoundExpr[]): { plan: LogicalPlan; keys: readonly BoundExpr[] } {
  if (!keys.some(hasSubquery)) return { plan: input, keys };
  const n = input.schema.length;
  const extra: BoundExpr[] = [];
  const out = keys.map((k) => {
    if (!hasSubquery(k)) return k;
    extra.push(k);
    return { kind: 'column', index: n + extra.length - 1, type: k.type } as BoundExpr;
  });
  const plan: LogicalPlan = {
    kind: 'project',
    schema: [...input.schema, ...extra.map((e, i) => ({ name: `?group${i}?`, type: e.type, nullable: true }))],
    input,
    exprs: [...input.schema.map((f, i) => ({ kind: 'column', index: i, type: f.type }) as BoundExpr), ...extra],
  };
  return { plan, keys: out };
}
