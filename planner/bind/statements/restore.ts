/**
 * RESTORE [TABLE] t [TO] VERSION AS OF n | TIMESTAMP AS OF <expr> (Delta): one commit (operation RESTORE) that
 * removes the files not in version n and re-adds the files of version n that are gone (dataChange true), and
 * brings back version n's metadata (the protocol is never downgraded). Fails with 58P01 when a file of
 * version n no longer exists (vacuumed). Returns Databricks' metrics row.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { T, type Field } from '../../../common/types.js';
import { type Action, type AddFile, type Protocol, addAction, metaDataAction, protocolAction, removeAction } from '../../../storage/delta/actions.js';
import { loadSnapshot } from '../../../storage/delta/snapshot.js';
import { CommitConflictError, commitTransaction } from '../../../storage/delta/transaction.js';
import type { PgNode } from '../expr/scope.js';
import { evaluateTimestampExpr } from '../select/time_travel.js';
import { planContextOf, type StatementEnv } from './context.js';
import { requireDeltaTable } from './describe_statement.js';
import { field, rowsBatch } from './describe_rows.js';
import { formatMillis } from '../../../catalog/delta_time_travel.js';
import type { StatementOutcome } from './execute_statement.js';

export const RESTORE_FIELDS: readonly Field[] = [
  field('table_size_after_restore', T.int8), field('num_of_files_after_restore', T.int8), field('num_removed_files', T.int8),
  field('num_restored_files', T.int8), field('removed_files_size', T.int8), field('restored_files_size', T.int8),
];

function maxProtocol(a: Protocol, b: Protocol): Protocol {
  const rf = [...new Set([...(a.readerFeatures ?? []), ...(b.readerFeatures ?? [])])];
  const wf = [...new Set([...(a.writerFeatures ?? []), ...(b.writerFeatures ?? [])])];
  return {
    minReaderVersion: Math.max(a.minReaderVersion, b.minReaderVersion),
    minWriterVersion: Math.max(a.minWriterVersion, b.minWriterVersion),
    ...(a.readerFeatures !== undefined || b.readerFeatures !== undefined ? { readerFeatures: rf } : {}),
    ...(a.writerFeatures !== undefined || b.writerFeatures !== undefined ? { writerFeatures: wf } : {}),
  };
}

function fileIdentity(f: AddFile): string {
  const dv = f.deletionVector as { storageType?: string; pathOrInlineDv?: string; offset?: number } | null | undefined;
  return dv == null ? f.path : `${f.path}\u0000${dv.storageType ?? ''}${dv.pathOrInlineDv ?? ''}@${dv.offset ?? ''}`;
}

export async function executeRestore(stmt: PgNode, env: StatementEnv): Promise<StatementOutcome> {
  const { table, store, path } = await requireDeltaTable(stmt.relation, env);
  if (table.resolveVersion === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `table "${table.ref.name}" does not support RESTORE`);
  let params: Record<string, unknown>;
  let version: number;
  if (stmt.timestampExpr === null) {
    version = await table.resolveVersion({ kind: 'version', version: stmt.version as number });
    params = { version };
  } else {
    const micros = evaluateTimestampExpr(stmt.timestampExpr as string, planContextOf(env).bind, env.statementTime);
    version = await table.resolveVersion({ kind: 'timestamp', micros });
    params = { timestamp: formatMillis(Number(micros / 1000n)) };
  }
  const current = await loadSnapshot(store, path);
  const target = await loadSnapshot(store, path, version);
  // a file's identity is its path plus its deletion vector (a DELETE may have given a kept file a new one)
  const currentFiles = new Set(current.files.map(fileIdentity));
  const targetFiles = new Set(target.files.map(fileIdentity));
  const now = Date.now();
  const removed = current.files.filter((f) => !targetFiles.has(fileIdentity(f)));
  const restored = target.files.filter((f) => !currentFiles.has(fileIdentity(f)));
  for (const f of restored) {
    if ((await store.head(target.fileKey(f.path))) === null) {
      throw new QueryError('58P01', `cannot restore table "${table.ref.name}" to version ${version}: file ${f.path} referenced in the transaction log cannot be found (it was probably removed by VACUUM)`);
    }
  }
  const actions: Action[] = [];
  const protocol = maxProtocol(current.protocol, target.protocol);
  if (JSON.stringify(protocol) !== JSON.stringify(current.protocol)) actions.push(protocolAction(protocol));
  if (JSON.stringify(target.metadata) !== JSON.stringify(current.metadata)) actions.push(metaDataAction(target.metadata));
  for (const f of removed) {
    actions.push(removeAction({
      path: f.path, deletionTimestamp: now, dataChange: true, extendedFileMetadata: true, partitionValues: f.partitionValues, size: f.size,
      ...(f.stats ? { stats: f.stats } : {}), ...(f.deletionVector != null ? { deletionVector: f.deletionVector } : {}),
    }));
  }
  for (const f of restored) actions.push(addAction({ ...f, dataChange: true } satisfies AddFile));
  const size = (fs: readonly AddFile[]): number => fs.reduce((s, f) => s + f.size, 0);
  const metrics = {
    numRestoredFiles: restored.length, numRemovedFiles: removed.length, tableSizeAfterRestore: size(target.files),
    numOfFilesAfterRestore: target.files.length, removedFilesSize: size(removed), restoredFilesSize: size(restored),
  };
  try {
    await commitTransaction(store, path, {
      readVersion: current.version, actions, operation: 'RESTORE', operationParameters: params,
      operationMetrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, String(v)])), isBlindAppend: false,
    });
  } catch (e) {
    if (e instanceof CommitConflictError) {
      throw new QueryError(SQLSTATE.serialization_failure, `could not serialize access due to concurrent update: table "${table.ref.name}" version ${e.winningVersion} was written by another transaction`, { cause: e });
    }
    throw e;
  }
  const row = [metrics.tableSizeAfterRestore, metrics.numOfFilesAfterRestore, metrics.numRemovedFiles, metrics.numRestoredFiles, metrics.removedFilesSize, metrics.restoredFilesSize].map(BigInt);
  return { kind: 'rows', fields: RESTORE_FIELDS, batches: [rowsBatch(RESTORE_FIELDS, [row])], tag: 'RESTORE' };
}
