/** DROP TABLE [IF EXISTS] name [, ...] — every name is checked before anything is dropped. */
import type { Table } from '../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import { lookupTable, stringValue } from './names.js';
import { refuseDropTableOfView } from './relation_kinds.js';

export async function executeDropTable(stmt: PgNode, env: StatementEnv): Promise<string> {
  const ifExists = stmt.missing_ok === true;
  const targets: Table[] = [];
  for (const obj of stmt.objects as PgNode[]) {
    const parts = ((obj.List?.items ?? []) as PgNode[]).map(stringValue);
    if (parts.length > 2) throw new QueryError(SQLSTATE.feature_not_supported, `cross-database references are not implemented: "${parts.join('.')}"`);
    const n = parts.length === 2 ? { schema: parts[0]!, name: parts[1]!, position: undefined } : { schema: null, name: parts[0]!, position: undefined };
    const display = n.name; // PostgreSQL names the relation without its schema here
    if (n.schema !== null && !(await env.catalog.schemaExists(n.schema))) {
      if (ifExists) {
        env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.successful_completion, message: `schema "${n.schema}" does not exist, skipping` });
        continue;
      }
      throw new QueryError(SQLSTATE.invalid_schema_name, `schema "${n.schema}" does not exist`);
    }
    const t = await lookupTable(env.catalog, env.searchPath, n);
    if (t === null) {
      await refuseDropTableOfView(env, n.schema, n.name);
      if (ifExists) {
        env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.successful_completion, message: `table "${display}" does not exist, skipping` });
        continue;
      }
      throw new QueryError(SQLSTATE.undefined_table, `table "${display}" does not exist`);
    }
    targets.push(t);
  }
  for (const t of targets) await env.catalog.dropTable(t.ref, true);
  return 'DROP TABLE';
}
