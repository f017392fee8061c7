/**
 * WITH: common table expressions. A reference to a CTE binds the CTE's query in its place (inlined), or — for
 * a CTE computed once (cte_materialize.ts) — a `cte_scan` of the one shared plan.
 * Name resolution is done on the AST: `bindWithClause` marks every RangeVar of the statement that names a
 * CTE (a nested WITH, bound later, re-marks its own subtree, so inner CTEs shadow outer ones and tables).
 * WITH RECURSIVE CTEs that reference themselves are bound by bind_recursive_cte.ts.
 * Marking also counts each CTE's references: cte_materialize.ts decides from the count (and MATERIALIZED /
 * NOT MATERIALIZED) whether a CTE is computed once and read by every reference (PostgreSQL 12+).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { FromResult } from './bind_from.js';
import type { SnapshotPins } from './bind_table.js';
import { bindRecursiveCte, referencesName } from './bind_recursive_cte.js';
import { RelationScope, type ScopeEntry } from './relation_scope.js';
import { bindCteBody, materializationOf, type CteMaterialization } from './cte_materialize.js';

export interface CteDef {
  readonly name: string;
  readonly query: PgNode;
  readonly colnames: readonly string[];
  readonly recursive: boolean;
  readonly location: number | undefined;
  readonly materialized: CteMaterialization;
  /** how many FROM items name this CTE (counted while marking) */
  readonly refs: { count: number };
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
    if (d !== undefined) {
      REFS.set(n.RangeVar, d);
      d.refs.count++;
    }
    return;
  }
  const w = n.withClause as PgNode | undefined;
  if (w && w !== skip && defs.size > 0) {
    markUnderNestedWith(n, w, defs);
    return;
  }
  for (const v of Object.values(n)) mark(v, defs, skip);
}

/** A nested statement with its own WITH: its CTE names hide ours (in its later CTE bodies and in the rest of it). */
function markUnderNestedWith(n: PgNode, w: PgNode, defs: ReadonlyMap<string, CteDef>): void {
  const inner = ((w.ctes ?? []) as PgNode[]).map((c) => c.CommonTableExpr as PgNode);
  const visible = new Map(defs);
  if (w.recursive === true) for (const c of inner) visible.delete(c.ctename as string);
  for (const c of inner) {
    mark(c.ctequery, visible, null);
    visible.delete(c.ctename as string);
  }
  mark(n, visible, w);
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
    defs.set(name, { name, query, colnames, recursive: recursive && referencesName(query, name), location: c.location, materialized: materializationOf(c), refs: { count: 0 } });
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
  const body = def.recursive ? null : await bindCteBody(def, ctx, pins);
  const plan = body === null ? await bindRecursiveCte(def, ctx, pins) : body.kind === 'inline' ? body.plan : body.cte;
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
  const out: LogicalPlan = body?.kind === 'materialized'
    ? { kind: 'cte_scan', schema: fields, id: body.id, name: def.name, alias: aliasNode?.aliasname ?? null, cte: body.cte }
    : { ...plan, schema: fields } as LogicalPlan;
  return { plan: out, scope: new RelationScope([entry], fields) };
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
