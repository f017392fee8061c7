/**
 * INSERT OVERWRITE [TABLE] t … and INSERT INTO t REPLACE WHERE pred …   → `INSERT 0 n`
 * (recognised by planner/sql/lakehouse/insert_overwrite_statement.ts). The new rows are bound like INSERT's
 * and staged as data files; then, in ONE commit (operation WRITE, mode Overwrite):
 *  - OVERWRITE: every file is removed — or, when the table is partitioned and its property
 *    partitionOverwriteMode (or spark.sql.sources.partitionOverwriteMode) is `dynamic`, only the files of the
 *    partitions the new rows land in;
 *  - REPLACE WHERE: every new row must satisfy the predicate (else 44000, as Delta's
 *    DELTA_REPLACE_WHERE_MISMATCH), checked on the staged files; the existing rows matching it are deleted as
 *    DELETE does (files wholly matching dropped unread, the others rewritten with the rest).
 */
import type { DataFile, TableSnapshot } from '../../../../catalog/catalog.js';
import { partitionValueToDatum } from '../../../../catalog/delta_types.js';
import type { Datum } from '../../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { Batch } from '../../../../common/vector.js';
import { executePlan } from '../../../../executor/execute.js';
import type { AddFile } from '../../../../storage/delta/actions.js';
import type { PgNode } from '../../expr/scope.js';
import { execContextOf, type StatementEnv } from '../context.js';
import { checkAppendOnly } from '../../../../catalog/constraints.js';
import { bindInsert, oneNullRow, reshape } from '../insert.js';
import { returningList } from '../returning/bind_returning.js';
import { countingBatches, throwIfAborted } from '../row_count.js';
import { poolWriter } from '../writer.js';
import { notTrue, select } from './ast.js';
import { clauseText, countByFile, countRows, liveRecords, overlay, runSelect, targetColumns, type DmlTarget } from './dml_target.js';

export async function executeInsertOverwrite(node: PgNode, env: StatementEnv): Promise<string> {
  const mode = node.mode as 'overwrite' | 'replaceWhere';
  const insert = node.insert as PgNode;
  const pred = (node.replaceWhere ?? null) as PgNode | null;
  if (returningList(insert) !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'INSERT OVERWRITE ... RETURNING is not supported');
  const bound = await bindInsert(insert, env);
  const table = bound.table;
  if (table.stageFiles === undefined || table.commitChange === undefined || table.deltaSnapshot === undefined) {
    throw new QueryError(SQLSTATE.feature_not_supported, `INSERT OVERWRITE is not supported on table "${table.ref.name}"`);
  }
  if (bound.addColumns !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'INSERT OVERWRITE with schema evolution is not supported');
  const snap = await table.snapshot(bound.snapshotVersion);
  const delta = await table.deltaSnapshot(snap.version);
  checkAppendOnly(delta.metadata.configuration, table.ref.name, 'overwrite');
  const rel = insert.relation as PgNode;
  const t: DmlTarget = { table, snap, alias: (rel.alias?.aliasname as string | undefined) ?? table.ref.name, location: typeof rel.location === 'number' ? rel.location : -1, name: table.ref.name, configuration: delta.metadata.configuration };
  const t0 = performance.now();

  // bind the predicate before any work, so its errors come first
  if (pred !== null) {
    const none = overlay(env, t, []);
    await runSelect(env, none.catalog, select({ targets: targetColumns(t), from: [none.rangeVar()], where: pred }));
  }
  throwIfAborted(env.signal);
  const source: AsyncIterable<Batch> = bound.planned === null ? oneNullRow() : executePlan(bound.planned.plan, execContextOf(env));
  const staged = await table.stageFiles(reshape(countingBatches(source, env.signal).batches, bound), { readVersion: snap.version, ...poolWriter(env) });
  const adds: AddFile[] = [...staged.adds];
  let removes: readonly DataFile[];
  try {
    if (mode === 'replaceWhere') {
      const newFiles = staged.adds.map((a) => dataFileOf(a, snap, (p) => delta.fileKey(p)));
      const o = overlay(env, t, newFiles);
      const bad = await countRows(env, o.catalog, [o.rangeVar()], notTrue(pred!));
      if (bad > 0) {
        throw new QueryError('44000', `Written data does not conform to partial table overwrite condition or constraint '${clauseText(pred, env.sql)?.replace(/\s*(select|values|with|table)\b[\s\S]*$/i, '') ?? ''}'.`);
      }
      const counts = await countByFile(env, t, snap.files, pred);
      const touched = snap.files.filter((f) => (counts.get(f.path) ?? 0) > 0);
      const partial = touched.filter((f) => { const live = liveRecords(f); return live === null || counts.get(f.path)! < live; });
      if (partial.length > 0) {
        const po = overlay(env, t, partial);
        const kept = (await runSelect(env, po.catalog, select({ targets: targetColumns(t), from: [po.rangeVar()], where: notTrue(pred!) }), snap.fields)).batches;
        adds.push(...(await table.stageFiles(kept, { readVersion: snap.version, ...poolWriter(env) })).adds);
      }
      removes = touched;
    } else {
      const conf = delta.metadata.configuration;
      const dynamic = snap.partitionColumns.length > 0 && (conf['partitionOverwriteMode'] ?? conf['spark.sql.sources.partitionOverwriteMode'] ?? '').toLowerCase() === 'dynamic';
      if (dynamic) {
        const written = new Set(staged.adds.map((a) => partitionKey(snap, (c) => partitionValueToDatum(a.partitionValues[c] ?? null, snap.fields.find((f) => f.name === c)!.type))));
        removes = snap.files.filter((f) => written.has(partitionKey(snap, (c) => f.partitionValues[c] ?? null)));
      } else {
        removes = snap.files;
      }
    }
    throwIfAborted(env.signal);
  } catch (e) {
    await Promise.all(adds.map((a) => snap.store.delete(delta.fileKey(a.path)).catch(() => undefined)));
    throw e;
  }
  const bytes = staged.adds.reduce((s, a) => s + a.size, 0);
  await table.commitChange({
    readVersion: snap.version,
    removes: removes.map((f) => f.path),
    adds,
    operation: 'WRITE',
    operationParameters: {
      mode: 'Overwrite',
      partitionBy: JSON.stringify(snap.partitionColumns),
      ...(pred !== null ? { predicate: JSON.stringify([clauseText(pred, env.sql)?.replace(/\s*(select|values|with|table)\b[\s\S]*$/i, '') ?? '']) } : {}),
    },
    operationMetrics: {
      numFiles: staged.adds.length,
      numOutputRows: staged.rows,
      numOutputBytes: bytes,
      numRemovedFiles: removes.length,
      numRemovedBytes: removes.reduce((s, f) => s + f.size, 0),
      numCopiedRows: 0,
      numAddedFiles: adds.length,
      executionTimeMs: Math.round(performance.now() - t0),
    },
  });
  return `INSERT 0 ${staged.rows}`;
}

/** A staged `add` as a DataFile (typed partition values, no stats) so queries can read it before it commits. */
function dataFileOf(a: AddFile, snap: TableSnapshot, key: (path: string) => string): DataFile {
  const partitionValues: Record<string, Datum> = {};
  for (const c of snap.partitionColumns) {
    const f = snap.fields.find((x) => x.name === c);
    if (f !== undefined) partitionValues[c] = partitionValueToDatum(a.partitionValues[c] ?? null, f.type);
  }
  return { path: key(a.path), size: a.size, partitionValues, stats: null };
}

function partitionKey(snap: TableSnapshot, value: (column: string) => Datum): string {
  return JSON.stringify(snap.partitionColumns.map((c) => value(c)), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
