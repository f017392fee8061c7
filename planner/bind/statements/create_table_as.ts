/**
 * CREATE TABLE [IF NOT EXISTS] name [(col, ...)] [PARTITIONED BY (...)] AS query
 * Tag `SELECT n`. The table is created, then filled in one commit; if filling fails the new table is dropped,
 * so a failed statement leaves nothing behind.
 */
import { viewBlocksCreate } from './relation_kinds.js';
import type { Field } from '../../../common/types.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { executePlan } from '../../../executor/execute.js';
import { planQuery } from '../../plan_query.js';
import type { PgNode } from '../expr/scope.js';
import { checkLakehouseExtras, partitionColumnsOf } from './create_table.js';
import { execContextOf, planContextOf, type StatementEnv, type StatementInput } from './context.js';
import { creationRef, rangeVarName, stringValue } from './names.js';
import { poolWriter } from './writer.js';
import { scanWriter } from './scan_write.js';
import { countingBatches } from './row_count.js';

export async function executeCreateTableAs(stmt: PgNode, input: StatementInput, env: StatementEnv): Promise<string> {
  if (stmt.objtype !== 'OBJECT_TABLE') throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE MATERIALIZED VIEW is not supported');
  const into = stmt.into as PgNode;
  if (into.skipData === true) throw new QueryError(SQLSTATE.feature_not_supported, 'CREATE TABLE AS ... WITH NO DATA is not supported');
  const extras = input.extras.createTable;
  checkLakehouseExtras(extras);
  const n = rangeVarName(into.rel, env.sql);
  const ref = await creationRef(env.catalog, env.searchPath, n);
  if (await viewBlocksCreate(env, ref, stmt.if_not_exists === true)) return 'CREATE TABLE AS';
  if (stmt.if_not_exists === true && (await env.catalog.getTable(ref)) !== null) {
    env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.duplicate_table, message: `relation "${n.name}" already exists, skipping` });
    return 'CREATE TABLE AS';
  }
  const planned = await planQuery(stmt.query, planContextOf(env));
  const colNames = ((into.colNames ?? []) as PgNode[]).map(stringValue);
  if (colNames.length > planned.fields.length) throw new QueryError(SQLSTATE.syntax_error, 'too many column names were specified');
  const fields: Field[] = planned.fields.map((f, i) => ({
    name: colNames[i] ?? f.name,
    // PostgreSQL stores unknown-typed outputs (string literals) as text
    type: f.type.kind === 'unknown' ? { kind: 'text' } : f.type,
    nullable: true,
  }));
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw new QueryError(SQLSTATE.duplicate_column, `column "${f.name}" specified more than once`);
    seen.add(f.name);
  }
  const partitionColumns = partitionColumnsOf({}, extras, fields, env.sql);
  const table = await env.catalog.createTable({
    ref,
    fields,
    partitionColumns,
    ifNotExists: false,
    ...(extras?.tblProperties ? { properties: extras.tblProperties } : {}),
    ...(extras?.comment != null ? { comment: extras.comment } : {}),
  });
  if (table === null) throw new Error('createTable returned null without IF NOT EXISTS');
  try {
    const direct = table.appendFiles !== undefined ? scanWriter(planned.plan, fields, env) : null;
    if (direct !== null) {
      const res = await table.appendFiles!(direct, { operation: 'CREATE TABLE AS SELECT' });
      return `SELECT ${res.rows}`;
    }
    const counter = countingBatches(executePlan(planned.plan, execContextOf(env)), env.signal);
    const res = await table.append(counter.batches, { operation: 'CREATE TABLE AS SELECT', ...poolWriter(env) });
    return `SELECT ${res.rows}`;
  } catch (e) {
    await env.catalog.dropTable(ref, true).catch(() => undefined);
    throw e;
  }
}
