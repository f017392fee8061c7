/** CREATE SCHEMA [IF NOT EXISTS] name */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';

export async function executeCreateSchema(stmt: PgNode, env: StatementEnv): Promise<string> {
  const name = stmt.schemaname as string | undefined;
  if (name === undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE SCHEMA without a schema name is not supported');
  if (Array.isArray(stmt.schemaElts) && stmt.schemaElts.length > 0) {
    throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE SCHEMA with schema elements is not supported');
  }
  if (name.startsWith('pg_')) {
    throw new QueryError('42939', `unacceptable schema name "${name}"`, { detail: 'The prefix "pg_" is reserved for system schemas.' });
  }
  const ifNotExists = stmt.if_not_exists === true;
  const created = await env.catalog.createSchema(name, ifNotExists);
  if (!created) env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.duplicate_schema, message: `schema "${name}" already exists, skipping` });
  return 'CREATE SCHEMA';
}
