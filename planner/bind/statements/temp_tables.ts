/**
 * CREATE TEMP TABLE: a temporary table lives in the session's own schema `pg_temp_<backend pid>` (created on
 * first use, searched before search_path, dropped with everything in it when the session ends — see
 * TempSchema). CREATE TEMP TABLE / CREATE TEMP TABLE AS / CREATE TEMP VIEW are routed there before the ordinary
 * binders run.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Catalog } from '../../../catalog/catalog.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';

/** A session's temporary schema: its name, and whether it exists yet. */
export class TempSchema {
  private created = false;

  constructor(readonly name: string, private readonly catalog: Catalog) {}

  /** the schemas searched first (empty until the session created a temporary table) */
  searchPrefix(): string[] {
    return this.created ? [this.name] : [];
  }

  async ensure(): Promise<string> {
    if (!this.created) {
      // a schema of the same name left by a session that never closed (a crash) is replaced
      if (!(await this.catalog.createSchema(this.name, true))) {
        await this.catalog.dropSchema(this.name, true, true);
        await this.catalog.createSchema(this.name, false);
      }
      this.created = true;
    }
    return this.name;
  }

  /** at disconnect: drop the schema and its tables */
  async drop(): Promise<void> {
    if (!this.created) return;
    this.created = false;
    await this.catalog.dropSchema(this.name, true, true);
  }
}

export function isTempSchemaName(name: string): boolean {
  return /^pg_temp(_\d+)?$/.test(name);
}

/** CreateStmt / CreateTableAsStmt with TEMP: the same statement aimed at the session's temporary schema. */
export async function routeTemporary(type: string, stmt: PgNode, env: StatementEnv): Promise<PgNode> {
  const rel: PgNode | undefined = type === 'CreateStmt' ? stmt.relation : type === 'CreateTableAsStmt' ? stmt.into?.rel
    : type === 'ViewStmt' ? stmt.view : undefined;
  if (rel === undefined || rel.relpersistence !== 't') return stmt;
  if (env.tempSchema === undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'temporary tables are not supported here');
  if (rel.schemaname !== undefined && !isTempSchemaName(rel.schemaname)) {
    throw new QueryError(SQLSTATE.invalid_table_definition, 'cannot create temporary relation in non-temporary schema');
  }
  const schema = await env.tempSchema.ensure();
  const moved = { ...rel, schemaname: schema, relpersistence: 'p' };
  if (type === 'ViewStmt') return { ...stmt, view: moved };
  return type === 'CreateStmt' ? { ...stmt, relation: moved } : { ...stmt, into: { ...stmt.into, rel: moved } };
}
