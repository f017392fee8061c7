/**
 * DELETE FROM t [AS a] [USING …] [WHERE …] [RETURNING …]   → `DELETE n` (+ the deleted rows' RETURNING values)
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
import { existsIn, intConst, notTrue, resTarget, select } from './ast.js';
import type { Field } from '../../../../common/types.js';
import type { StatementOutcome } from '../execute_statement.js';
import { throwIfAborted } from '../row_count.js';
import { dmlReturning } from '../returning/dml_returning.js';
import { dmlOutcome } from '../returning/returning_rows.js';
import { clauseText, countByFile, liveRecords, overlay, resolveTarget, runSelect, stageAndCommit, sumRecords, targetColumns } from './dml_target.js';

/** The target, the condition and the RETURNING list; parameters typed by the WHERE first, then RETURNING. */
async function bindDelete(stmt: PgNode, env: StatementEnv, planCondition: boolean) {
  if (stmt.withClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'WITH ... DELETE is not supported');
  const t = await resolveTarget(stmt.relation, env, 'DELETE', stmt);
  checkAppendOnly(t.configuration, t.name, 'delete from');
  const using = (stmt.usingClause ?? []) as PgNode[];
  const where = (stmt.whereClause ?? null) as PgNode | null;
  const cond: PgNode | null = using.length > 0 ? existsIn(using, where) : where;
  if (planCondition) {
    // planned over no rows: the condition's errors and parameter types (execution plans it again with rows)
    const none = overlay(env, t, []);
    await runSelect(env, none.catalog, select({ targets: [resTarget(intConst(1))], from: [none.rangeVar()], where: cond }));
  }
  const returning = dmlReturning(stmt, t, env);
  return { t, where, cond, returning };
}

/** The RETURNING columns of a DELETE before it runs (Describe); parameter types are inferred into `env.paramTypes`. */
export async function describeDelete(stmt: PgNode, env: StatementEnv): Promise<readonly Field[] | null> {
  return (await bindDelete(stmt, env, true)).returning?.fields ?? null;
}

export async function executeDelete(stmt: PgNode, env: StatementEnv): Promise<StatementOutcome> {
  const t0 = performance.now();
  const { t, where, cond, returning } = await bindDelete(stmt, env, false);
  const all = t.snap.files;

  let counts: Map<string, number>;
  if (cond === null && sumRecords(all) !== null) {
    counts = new Map(all.map((f) => [f.path, liveRecords(f)!]));
  } else {
    counts = await countByFile(env, t, all, cond);
  }
  const touched = all.filter((f) => (counts.get(f.path) ?? 0) > 0);
  const deleted = touched.reduce((s, f) => s + counts.get(f.path)!, 0);
  if (touched.length === 0) return dmlOutcome('DELETE 0', returning);
  if (returning !== null) {
    // RETURNING: the deleted rows are read (before the commit, from the pinned snapshot) and evaluated now
    const r = overlay(env, t, touched);
    const gone = await runSelect(env, r.catalog, select({ targets: targetColumns(t), from: [r.rangeVar()], where: cond }), t.snap.fields);
    for await (const _ of returning.tap(gone.batches)) throwIfAborted(env.signal);
  }
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
  return dmlOutcome(`DELETE ${deleted}`, returning);
}

async function* empty(): AsyncGenerator<never> { /* nothing */ }

async function* streamOf<T>(open: () => Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await open();
}
