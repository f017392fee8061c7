/** DROP SCHEMA [IF EXISTS] name [, ...] [CASCADE | RESTRICT] */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import { stringValue } from './names.js';

export async function executeDropSchema(stmt: PgNode, env: StatementEnv): Promise<string> {
  const names = (stmt.objects as PgNode[]).map(stringValue);
  const ifExists = stmt.missing_ok === true;
  const cascade = stmt.behavior === 'DROP_CASCADE';
  // PostgreSQL checks every name before dropping anything
  const existing: string[] = [];
  for (const name of names) {
    if (await env.catalog.schemaExists(name)) existing.push(name);
    else if (ifExists) env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.successful_completion, message: `schema "${name}" does not exist, skipping` });
    else throw new QueryError(SQLSTATE.invalid_schema_name, `schema "${name}" does not exist`);
  }
  if (!cascade) {
    for (const name of existing) {
      const tables = await env.catalog.listTables(name);
      if (tables.length > 0) {
        throw new QueryError(SQLSTATE.dependent_objects_still_exist, `cannot drop schema ${name} because other objects depend on it`, {
          detail: tables.map((t) => `table ${name}.${t} depends on schema ${name}`).join('\n'),
          hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
        });
      }
    }
  } else {
    const dropped: string[] = [];
    for (const name of existing) for (const t of await env.catalog.listTables(name)) dropped.push(`drop cascades to table ${name}.${t}`);
    if (dropped.length === 1) env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.successful_completion, message: dropped[0]! });
    else if (dropped.length > 1) {
      env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.successful_completion, message: `drop cascades to ${dropped.length} other objects`, detail: dropped.join('\n') });
    }
  }
  for (const name of existing) await env.catalog.dropSchema(name, ifExists, cascade);
  return 'DROP SCHEMA';
}
