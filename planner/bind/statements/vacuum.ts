/**
 * VACUUM table [RETAIN n HOURS] [DRY RUN] (recognised in planner/sql/lakehouse/vacuum_statement.ts; the work
 * is storage/delta/operations/vacuum.ts). Like Databricks: DRY RUN returns the files that would be deleted
 * (one `path` column), a real VACUUM returns one row with the table's `path`. A retention under the table's
 * `delta.deletedFileRetentionDuration` is refused unless the session set
 * `spark.databricks.delta.retentionDurationCheck.enabled = false` (or `pier.vacuum_retention_check = off`).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { vacuumTable, VacuumError } from '../../../storage/delta/operations/vacuum.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import type { StatementOutcome } from './execute_statement.js';
import { booleanSetting, deltaLocationOf, keyUrl, textBatch, textFields } from './maintenance_common.js';
import { rangeVarName, requireTable } from './names.js';

export const VACUUM_FIELDS: readonly Field[] = textFields('path');

export async function executeVacuum(stmt: PgNode, env: StatementEnv): Promise<StatementOutcome> {
  const table = await requireTable(env.catalog, env.searchPath, rangeVarName(stmt.relation, env.sql));
  const loc = deltaLocationOf(table, 'VACUUM');
  const check = booleanSetting(env, 'spark.databricks.delta.retentionDurationCheck.enabled') !== false
    && booleanSetting(env, 'pier.vacuum_retention_check') !== false;
  const dryRun = stmt.dryRun === true;
  try {
    const res = await vacuumTable(loc.store, loc.path, {
      ...(typeof stmt.retainHours === 'number' ? { retentionHours: stmt.retainHours } : {}),
      dryRun,
      retentionCheck: check,
      signal: env.signal,
    });
    if (dryRun) {
      if (res.files.length > 0) {
        env.notice({ severity: 'NOTICE', sqlstate: '00000', message: `Found ${res.files.length} files (${res.bytes} bytes) and directories in a total of ${res.directories} directories that are safe to delete.` });
      }
      const rows = res.files.map((k) => [keyUrl(loc.store, k)]);
      return { kind: 'rows', fields: VACUUM_FIELDS, batches: [textBatch(rows, 1)], tag: `SELECT ${rows.length}` };
    }
    env.notice({ severity: 'NOTICE', sqlstate: '00000', message: `Deleted ${res.files.length} files and directories in a total of ${res.directories} directories.` });
    return { kind: 'rows', fields: VACUUM_FIELDS, batches: [textBatch([[table.location]], 1)], tag: 'SELECT 1' };
  } catch (e) {
    throw vacuumQueryError(e);
  }
}

export function vacuumQueryError(e: unknown): unknown {
  if (!(e instanceof VacuumError)) return e;
  switch (e.kind) {
    case 'retention_too_short':
    case 'negative_retention':
      return new QueryError(SQLSTATE.invalid_parameter_value, e.message, { cause: e });
  }
}
