/**
 * The virtual-table mechanism: a FROM reference to an emulated pg_catalog / information_schema relation binds
 * to a `values` plan whose rows are computed now from the statement's SystemCatalog (catalog/system), so the
 * planner joins, filters and sorts it like any relation and it runs on the main thread.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { findSystemTable, type SystemTable } from '../../../catalog/system/registry.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { systemCatalogOf } from '../system_context.js';
import { PG_KEYWORDS } from '../../../catalog/system/keywords.js';
import { T } from '../../../common/types.js';
import type { FromResult } from './bind_from.js';
import { pgPosition, RelationScope, type ScopeEntry } from './relation_scope.js';

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);

/** The system relation a RangeVar names, or null when it names none (then it is an ordinary table). */
export function systemTableFor(rv: PgNode, ctx: PlanContext): SystemTable | null {
  const schema = rv.schemaname as string | undefined;
  const name = rv.relname as string;
  if (schema !== undefined && schema !== '') {
    if (!SYSTEM_SCHEMAS.has(schema)) return null;
    const t = findSystemTable(schema, name);
    if (t === null) throw new QueryError(SQLSTATE.undefined_table, `relation "${schema}.${name}" does not exist`, { position: pgPosition(rv.location) });
    return t;
  }
  const pgc = findSystemTable(null, name);
  if (pgc !== null) return pgc;
  return ctx.searchPath.includes('information_schema') ? findSystemTable('information_schema', name) : null;
}

export async function bindSystemTable(rv: PgNode, table: SystemTable, ctx: PlanContext): Promise<FromResult> {
  const sys = await systemCatalogOf(ctx);
  const aliasNode = rv.alias as PgNode | undefined;
  const colAliases: string[] = (aliasNode?.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  const fields = table.fields.map((f, i) => ({ ...f, name: colAliases[i] ?? f.name }));
  const rows = table.rows(sys).map((r) => r.map((value, i) => ({ kind: 'const' as const, value, type: fields[i]!.type })));
  const plan: LogicalPlan = { kind: 'values', schema: fields, rows };
  const entry: ScopeEntry = {
    alias: aliasNode?.aliasname ?? table.name,
    schemaName: aliasNode ? null : table.schema,
    columns: fields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })),
  };
  return { plan, scope: new RelationScope([entry], fields) };
}

const CATDESC: Readonly<Record<string, string>> = {
  U: 'unreserved', C: 'unreserved (cannot be function or type name)', T: 'reserved (can be function or type name)', R: 'reserved',
};

/** `FROM pg_get_keywords()`: PostgreSQL 15's keyword list as a relation; null for any other function. */
export function bindSystemFunctionTable(rf: PgNode): FromResult | null {
  const items: PgNode[] = (rf.functions ?? []).map((f: PgNode) => f.List?.items ?? []);
  const call = items.length === 1 ? (items[0]![0]?.FuncCall as PgNode | undefined) : undefined;
  const names: string[] = (call?.funcname ?? []).map((n: PgNode) => String(n.String?.sval ?? ''));
  if (call === undefined || names.at(-1) !== 'pg_get_keywords' || (names.length === 2 && names[0] !== 'pg_catalog') || (call.args ?? []).length > 0) return null;
  const alias = rf.alias as PgNode | undefined;
  const colAliases: string[] = (alias?.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  const base = [['word', T.text], ['catcode', T.text], ['barelabel', T.bool], ['catdesc', T.text], ['baredesc', T.text]] as const;
  const fields = base.map(([name, type], i) => ({ name: colAliases[i] ?? name, type, nullable: false }));
  const rows = PG_KEYWORDS.map((k) => {
    const [word, code] = k.split(':') as [string, string];
    const bare = !code.endsWith('!');
    const values = [word, code[0]!, bare, CATDESC[code[0]!]!, bare ? 'can be bare label' : 'requires AS'];
    return values.map((value, i) => ({ kind: 'const' as const, value, type: fields[i]!.type }));
  });
  const entry: ScopeEntry = { alias: alias?.aliasname ?? 'pg_get_keywords', schemaName: null, columns: fields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })) };
  return { plan: { kind: 'values', schema: fields, rows }, scope: new RelationScope([entry], fields) };
}
