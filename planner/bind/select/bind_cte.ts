/**
 * WITH: common table expressions. A reference to a CTE binds the CTE's query in its place (PostgreSQL
 * inlines CTEs too unless they are MATERIALIZED; for side-effect-free queries the result is the same).
 * Name resolution is done on the AST: `bindWithClause` marks every RangeVar of the statement that names a
 * CTE (a nested WITH, bound later, re-marks its own subtree, so inner CTEs shadow outer ones and tables).
 * WITH RECURSIVE CTEs that reference themselves are bound by bind_recursive_cte.ts.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { FromResult } from './bind_from.js';
import { bindSelectStmt } from './bind_select.js';
import type { SnapshotPins } from './bind_table.js';
import { bindRecursiveCte, referencesName } from './bind_recursive_cte.js';
import { RelationScope, type ScopeEntry } from './relation_scope.js';

export interface CteDef {
  readonly name: string;
  readonly query: PgNode;
  readonly colnames: readonly string[];
  readonly recursive: boolean;
  readonly location: number | undefined;
}

const REFS = new WeakMap<PgNode, CteDef>();

/** Mark the RangeVars under `node` named like one of `defs` (skipping the statement's own WITH clause). */
function mark(node: unknown, defs: ReadonlyMap<string, CteDef>, skip: unknown): void {
  if (node === null || typeof node !== 'object' || node === skip) return;
  if (Array.isArray(node)) {
    for (const x of node) mark(x, defs, skip);
    return;
  }
  const n = node as PgNode;
  if (n.RangeVar && !n.RangeVar.schemaname) {
    const d = defs.get(n.RangeVar.relname as string);
    if (d !== undefined) REFS.set(n.RangeVar, d);
    return;
  }
  for (const v of Object.values(n)) mark(v, defs, skip);
}

export async function bindWithClause(stmt: PgNode, _ctx: PlanContext, _pins: SnapshotPins): Promise<void> {
  const w = stmt.withClause as PgNode;
  const recursive = w.recursive === true;
  const ctes = ((w.ctes ?? []) as PgNode[]).map((c) => c.CommonTableExpr as PgNode);
  const defs = new Map<string, CteDef>();
  for (const c of ctes) {
    const name = c.ctename as string;
    if (defs.has(name)) throw new QueryError('42712', `WITH query name "${name}" specified more than once`, { position: pos(c.location) });
    const query = c.ctequery.SelectStmt ?? c.ctequery;
    if (!c.ctequery.SelectStmt) throw new QueryError(SQLSTATE.feature_not_supported, 'data-modifying statements in WITH are not supported', { position: pos(c.location) });
    const colnames = ((c.aliascolnames ?? []) as PgNode[]).map((n) => n.String.sval as string);
    defs.set(name, { name, query, colnames, recursive: recursive && referencesName(query, name), location: c.location });
  }
  // each CTE body sees the CTEs before it (and, when RECURSIVE, all of them, itself included)
  const seen = new Map<string, CteDef>();
  for (const c of ctes) {
    const d = defs.get(c.ctename as string)!;
    mark(d.query, recursive ? defs : seen, null);
    seen.set(d.name, d);
  }
  mark(stmt, defs, w);
}

/** A FROM item naming a CTE in scope: bind its query; null when the RangeVar is not a CTE reference. */
export async function bindCteRef(rv: PgNode, ctx: PlanContext, pins: SnapshotPins): Promise<FromResult | null> {
  const def = REFS.get(rv);
  if (def === undefined) return null;
  const plan = def.recursive ? await bindRecursiveCte(def, ctx, pins) : (await bindSelectStmt(def.query, ctx, pins, {})).plan;
  const names = withAliases(plan, def.colnames, def);
  const aliasNode = rv.alias as PgNode | undefined;
  const refAliases: string[] = (aliasNode?.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  if (refAliases.length > names.length) {
    throw new QueryError(SQLSTATE.invalid_column_reference, `table "${aliasNode!.aliasname}" has ${names.length} columns available but ${refAliases.length} columns specified`, { position: pos(rv.location) });
  }
  const fields = plan.schema.map((f, i) => ({ ...f, name: refAliases[i] ?? names[i]! }));
  const entry: ScopeEntry = {
    alias: aliasNode?.aliasname ?? def.name,
    schemaName: null,
    columns: fields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })),
  };
  return { plan: { ...plan, schema: fields } as LogicalPlan, scope: new RelationScope([entry], fields) };
}

/** The CTE's column names: its alias list over the query's own names (42P10 when the list is too long). */
export function withAliases(plan: LogicalPlan, colnames: readonly string[], def: CteDef): string[] {
  if (colnames.length > plan.schema.length) {
    throw new QueryError(SQLSTATE.invalid_column_reference, `WITH query "${def.name}" has ${plan.schema.length} columns available but ${colnames.length} columns specified`, { position: pos(def.location) });
  }
  return plan.schema.map((f, i) => colnames[i] ?? f.name);
}

function pos(location: unknown): number | undefined {
  return typeof location === 'number' && location >= 0 ? location + 1 : undefined;
}
