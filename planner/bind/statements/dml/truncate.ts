/**
 * TRUNCATE [TABLE] [ONLY] t [, …] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]   → `TRUNCATE TABLE`
 * Every named table is resolved first (42P01 before anything changes); then each loses all its data files in
 * one commit of its own (operation TRUNCATE): files are removed unread.
 */
import type { Table } from '../../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import { checkAppendOnly } from '../../../../catalog/constraints.js';
import { rangeVarName, requireTable } from '../names.js';

export async function executeTruncate(stmt: PgNode, env: StatementEnv): Promise<string> {
  const tables: Table[] = [];
  for (const r of (stmt.relations ?? []) as PgNode[]) {
    const t = await requireTable(env.catalog, env.searchPath, rangeVarName(r.RangeVar as PgNode, env.sql));
    if (t.commitChange === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `TRUNCATE is not supported on table "${t.ref.name}"`);
    if (t.deltaSnapshot !== undefined) checkAppendOnly((await t.deltaSnapshot()).metadata.configuration, t.ref.name, 'truncate');
    if (!tables.some((x) => x.ref.schema === t.ref.schema && x.ref.name === t.ref.name)) tables.push(t);
  }
  for (const t of tables) {
    const t0 = performance.now();
    const snap = await t.snapshot();
    if (snap.files.length === 0) continue;
    await t.commitChange!({
      readVersion: snap.version,
      removes: snap.files.map((f) => f.path),
      adds: [],
      operation: 'TRUNCATE',
      operationParameters: {},
      operationMetrics: {
        numRemovedFiles: snap.files.length,
        numRemovedBytes: snap.files.reduce((s, f) => s + f.size, 0),
        executionTimeMs: Math.round(performance.now() - t0),
      },
    });
  }
  return 'TRUNCATE TABLE';
}
