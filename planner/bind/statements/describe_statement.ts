/**
 * DESCRIBE HISTORY / DETAIL / TABLE (recognised in planner/sql/lakehouse/describe_statements.ts): rows about a
 * Delta table. The result columns depend only on the statement form (statementResultFields).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import type { Table } from '../../../catalog/catalog.js';
import type { ObjectStore } from '../../../storage/object_store/store.js';
import { objectStoreForLocation } from '../../../storage/object_store/open.js';
import { isDeltaTable } from '../../../storage/delta/snapshot.js';
import { isAbsolute } from 'node:path';
import type { PgNode } from '../expr/scope.js';
import type { DescribeWhat } from '../../sql/lakehouse/describe_statements.js';
import type { StatementEnv } from './context.js';
import { rangeVarName, requireTable } from './names.js';
import { DETAIL_FIELDS, describeDetail } from './describe_detail.js';
import { HISTORY_FIELDS, describeHistory } from './describe_history.js';
import { TABLE_FIELDS, describeTable } from './describe_table.js';
import { rowsBatch } from './describe_rows.js';
import type { StatementOutcome } from './execute_statement.js';

export function describeFields(stmt: PgNode): readonly Field[] {
  const what = stmt.what as DescribeWhat;
  switch (what) {
    case 'history': return HISTORY_FIELDS;
    case 'detail': return DETAIL_FIELDS;
    case 'table': return TABLE_FIELDS;
  }
}

/** The table a lakehouse statement names, with its Delta log location (0A000 for tables without one). */
export async function requireDeltaTable(relation: PgNode, env: StatementEnv): Promise<{ table: Table; store: ObjectStore; path: string }> {
  const table = await requireTable(env.catalog, env.searchPath, rangeVarName(relation, env.sql));
  const loc = table.deltaLocation?.();
  if (loc === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `table "${table.ref.name}" is not a Delta table`);
  return { table, store: loc.store, path: loc.path };
}

/** The Delta log a DESCRIBE names: a catalog table, or a path (`delta.\`/path\``). */
async function describedLog(stmt: PgNode, env: StatementEnv): Promise<{ name: string | null; location: string; store: ObjectStore; path: string }> {
  if (typeof stmt.path === 'string') {
    const location = stmt.path;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !isAbsolute(location)) {
      throw new QueryError(SQLSTATE.invalid_parameter_value, `a table path must be absolute or a URI, got "${location}"`);
    }
    const store = objectStoreForLocation(location);
    if (!(await isDeltaTable(store, ''))) throw new QueryError(SQLSTATE.undefined_table, `\`${location}\` is not a Delta table`);
    return { name: null, location, store, path: '' };
  }
  const { table, store, path } = await requireDeltaTable(stmt.relation, env);
  return { name: `${table.ref.schema}.${table.ref.name}`, location: table.location, store, path };
}

export async function executeDescribe(stmt: PgNode, env: StatementEnv): Promise<StatementOutcome> {
  const { name, location, store, path } = await describedLog(stmt, env);
  const what = stmt.what as DescribeWhat;
  const fields = describeFields(stmt);
  const rows = what === 'history'
    ? await describeHistory(store, path, stmt.limit as number | null)
    : what === 'detail'
      ? [await describeDetail(name, location, store, path, (message) => env.notice({ severity: 'WARNING', sqlstate: '01000', message }))]
      : await describeTable(store, path);
  return { kind: 'rows', fields, batches: [rowsBatch(fields, rows)], tag: `SELECT ${rows.length}` };
}
