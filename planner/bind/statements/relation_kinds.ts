/**
 * Tables and views share one namespace, as PostgreSQL's relations: CREATE TABLE over a view's name is 42P07,
 * DROP TABLE on a view is 42809 with PostgreSQL's hint (DROP VIEW on a table: create_view.ts).
 */
import type { TableRef } from '../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { StatementEnv } from './context.js';

async function viewExists(env: StatementEnv, ref: TableRef): Promise<boolean> {
  return env.catalog.getView !== undefined && (await env.catalog.getView(ref)) != null;
}

/**
 * Before creating table `ref`: true when a view has the name and IF NOT EXISTS was given (a NOTICE is sent: skip
 * the statement), 42P07 without IF NOT EXISTS, false when no view has the name.
 */
export async function viewBlocksCreate(env: StatementEnv, ref: TableRef, ifNotExists: boolean): Promise<boolean> {
  if (!(await viewExists(env, ref))) return false;
  if (!ifNotExists) throw new QueryError(SQLSTATE.duplicate_table, `relation "${ref.name}" already exists`);
  env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.duplicate_table, message: `relation "${ref.name}" already exists, skipping` });
  return true;
}

/** DROP TABLE of a name no table has: 42809 when the first schema (of `schema`, or the search path) with a view of that name has one. */
export async function refuseDropTableOfView(env: StatementEnv, schema: string | null, name: string): Promise<void> {
  for (const s of schema !== null ? [schema] : env.searchPath) {
    if (await viewExists(env, { schema: s, name })) {
      throw new QueryError(SQLSTATE.wrong_object_type, `"${name}" is not a table`, { hint: 'Use DROP VIEW to remove a view.' });
    }
  }
}
