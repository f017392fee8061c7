/**
 * DELETE FROM t [AS a] [USING …] [WHERE …]   → `DELETE n`
 * Copy-on-write: count the matching rows per data file (a query over the target overlay, so files are pruned
 * by partition values and stats); files where every row matches are removed without being read again; the
 * others are rewritten with the rows that do not match (`NOT (cond IS TRUE)`); one commit (operation DELETE).
 * USING becomes `EXISTS (SELECT 1 FROM using WHERE cond)`: a row goes when any USING row satisfies the condition.
 */
import type { DataFile } from '../../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import { checkAppendOnly } from '../../../../catalog/constraints.js';
import { existsIn, notTrue, select } from './ast.js';
import { clauseText, countByFile, liveRecords, overlay, resolveTarget, runSelect, stageAndCommit, sumRecords, targetColumns } from './dml_target.js';

export async function executeDelete(stmt: PgNode, env: StatementEnv): Promise<string> {
  if (stmt.withClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'WITH ... DELETE is not supported');
  if (stmt.returningList !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'DELETE ... RETURNING is not supported');
  const t0 = performance.now();
  const t = await resolveTarget(stmt.relation, env, 'DELETE', stmt);
  checkAppendOnly(t.configuration, t.name, 'delete from');
  const using = (stmt.usingClause ?? []) as PgNode[];
  const where = (stmt.whereClause ?? null) as PgNode | null;
  const cond: PgNode | null = using.length > 0 ? existsIn(using, where) : where;
  const all = t.snap.files;

  let counts: Map<string, number>;
  if (cond === null && sumRecords(all) !== null) {
    counts = new Map(all.map((f) => [f.path, liveRecords(f)!]));
  } else {
    counts = await countByFile(env, t, all, cond);
  }
  const touched = all.filter((f) => (counts.get(f.path) ?? 0) > 0);
  const deleted = touched.reduce((s, f) => s + counts.get(f.path)!, 0);
  if (touched.length === 0) return 'DELETE 0';
  // files where every row goes are dropped unread
  const partial: DataFile[] = touched.filter((f) => { const live = liveRecords(f); return live === null || counts.get(f.path)! < live; });
  if (cond === null && partial.length > 0) {
    // no stats to tell: the whole table goes, whatever the files hold
    partial.length = 0;
  }
  const o = overlay(env, t, partial);
  const kept = async () => (await runSelect(env, o.catalog, select({ targets: targetColumns(t), from: [o.rangeVar()], where: notTrue(cond!) }), t.snap.fields)).batches;
  await stageAndCommit(
    env, t, touched, partial.length === 0 ? empty() : streamOf(kept),
    'DELETE',
    { predicate: JSON.stringify(cond === null ? [] : [clauseText(where, env.sql) ?? 'true']) },
    (m) => ({
      numRemovedFiles: touched.length,
      numAddedFiles: m.filesAdded,
      numDeletedRows: deleted,
      numCopiedRows: m.rowsWritten,
      numAddedChangeFiles: 0,
      numRemovedBytes: m.bytesRemoved,
      numAddedBytes: m.bytesAdded,
      executionTimeMs: Math.round(performance.now() - t0),
    }),
  );
  return `DELETE ${deleted}`;
}

async function* empty(): AsyncGenerator<never> { /* nothing */ }

async function* streamOf<T>(open: () => Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await open();
}
