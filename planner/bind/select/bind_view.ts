/** A FROM reference to a view: its stored query, parsed and bound as a derived table named like the view. */
import { parseStatements } from '../../sql/parse.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { FromResult } from './bind_from.js';
import { bindSelectStmt } from './bind_select.js';
import type { SnapshotPins } from './bind_table.js';
import { RelationScope, type ScopeEntry } from './relation_scope.js';
import type { ViewInfo } from '../../../catalog/views.js';

/** The view an unresolved table name refers to (search path order), or null. */
export async function findView(rv: PgNode, ctx: PlanContext): Promise<{ schema: string; view: ViewInfo } | null> {
  if (ctx.catalog.getView === undefined) return null;
  const schemas: readonly string[] = rv.schemaname ? [rv.schemaname] : ctx.searchPath;
  for (const schema of schemas) {
    const view = await ctx.catalog.getView({ schema, name: rv.relname as string });
    if (view !== null) return { schema, view };
  }
  return null;
}

export async function bindView(rv: PgNode, schema: string, view: ViewInfo, ctx: PlanContext, pins: SnapshotPins): Promise<FromResult> {
  const [stmt] = await parseStatements(view.definition);
  const ast = (stmt as { ast?: PgNode } | undefined)?.ast;
  // the view's own SQL text is what its locations point into
  const inner: PlanContext = { ...ctx, bind: { ...ctx.bind, sql: view.definition } };
  const bound = await bindSelectStmt((ast?.SelectStmt ?? ast) as PgNode, inner, pins, {});
  // a view keeps the columns it had when created (`SELECT *` does not pick up columns added later)
  const q = bound.plan.schema.length <= view.fields.length ? bound : {
    ...bound,
    plan: {
      kind: 'project', schema: bound.plan.schema.slice(0, view.fields.length), input: bound.plan,
      exprs: view.fields.map((_, i) => ({ kind: 'column', index: i, type: bound.plan.schema[i]!.type })),
    } as LogicalPlan,
  };
  const aliasNode = rv.alias as PgNode | undefined;
  const colAliases: string[] = (aliasNode?.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  const fields = q.plan.schema.map((f, i) => ({ ...f, name: colAliases[i] ?? view.fields[i]?.name ?? f.name }));
  const entry: ScopeEntry = {
    alias: aliasNode?.aliasname ?? view.name,
    schemaName: aliasNode ? null : schema,
    columns: fields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })),
  };
  return { plan: { ...q.plan, schema: fields } as LogicalPlan, scope: new RelationScope([entry], fields) };
}
