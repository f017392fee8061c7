/**
 * Copy-on-write support of DeltaTable: stage rows as data files without committing them (NOT NULL checked,
 * encoded on the worker pool when there is one), and commit a change (removes of rewritten files + the staged
 * adds) as one Delta commit through storage/delta/operations/rewrite.ts.
 */
import type { AppendOptions, AppendResult, TableChange, TableSnapshot } from './catalog.js';
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { Batch } from '../common/vector.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import type { AddFile } from '../storage/delta/actions.js';
import { loadSnapshot, type DeltaSnapshot } from '../storage/delta/snapshot.js';
import { physicalLayout } from '../storage/delta/column_mapping_write.js';
import { CommitConflictError } from '../storage/delta/transaction.js';
import { writeDataFiles } from '../storage/delta/operations/write.js';
import { writeFilesTask } from '../storage/delta/operations/write_task.js';
import { commitRewrite } from '../storage/delta/operations/rewrite.js';
import { tableFromBatches } from '../executor/arrow/to_arrow.js';
import { enforceConstraints } from './constraints.js';
import { evolveSchema } from './schema_evolution.js';
import { metaDataAction } from '../storage/delta/actions.js';

const FLUSH_ROWS = 1 << 20;
const PARALLEL_FLUSH_ROWS = 1 << 18;

export interface DeltaLocation {
  readonly store: ObjectStore;
  readonly path: string;
  readonly name: string;
}

/** 40001 for a commit that lost to a concurrent one (naming the winning version and, when known, the files). */
export function serializationFailure(table: string, e: CommitConflictError): QueryError {
  const files = e.files !== undefined && e.files.length > 0 ? { detail: `Conflicting files: ${e.files.slice(0, 10).join(', ')}${e.files.length > 10 ? ', …' : ''}` } : {};
  return new QueryError(SQLSTATE.serialization_failure, `could not serialize access due to concurrent update: table "${table}" version ${e.winningVersion} was written by another transaction`, { cause: e, ...files });
}

/** Remove data files that were written but will never be committed. */
export async function discardStaged(loc: DeltaLocation, adds: readonly AddFile[]): Promise<void> {
  await Promise.all(adds.map((a) => loc.store.delete(`${loc.path}/${decodeURIComponent(a.path)}`).catch(() => undefined)));
}

/**
 * Write `batches` (table column order and types) as data files of `snap`'s layout (physical column names
 * under column mapping); NOT NULL and CHECK constraints are enforced on every batch; nothing is committed.
 */
export async function stageDeltaFiles(loc: DeltaLocation, snap: TableSnapshot, delta: DeltaSnapshot, batches: AsyncIterable<Batch>, options: AppendOptions = {}): Promise<AppendResult> {
  const evolved = options.addColumns === undefined || options.addColumns.length === 0 ? null : evolveSchema(delta, options.addColumns);
  const fields = evolved === null ? snap.fields : [...snap.fields, ...options.addColumns!];
  const layout = physicalLayout(evolved?.schema ?? delta.schema, evolved?.metadata.configuration ?? delta.metadata.configuration, snap.partitionColumns);
  const partitionColumns = layout?.partitionColumns ?? snap.partitionColumns;
  const constrained = { name: loc.name, fields, configuration: delta.metadata.configuration };
  const adds: AddFile[] = [];
  const writer = options.writer !== undefined && options.writer.threads > 0 ? options.writer : null;
  const flushRows = writer === null ? FLUSH_ROWS : PARALLEL_FLUSH_ROWS;
  const inflight: Promise<AddFile[]>[] = [];
  let pending: Batch[] = [];
  let pendingRows = 0;
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (pendingRows === 0) return;
    const logical = tableFromBatches(pending, fields);
    const arrow = layout === null ? logical : layout.toPhysical(logical);
    pending = [];
    pendingRows = 0;
    if (writer === null) {
      adds.push(...(await writeDataFiles(loc.store, loc.path, arrow, { partitionColumns })));
      return;
    }
    const p = writer.run(writeFilesTask(loc.store.descriptor, loc.path, arrow, partitionColumns));
    p.catch(() => undefined);
    inflight.push(p);
    while (inflight.length >= writer.threads) adds.push(...(await inflight.shift()!));
  };
  try {
    for await (const b of batches) {
      if (b.length === 0) continue;
      if (b.columns.length !== fields.length) throw new Error(`stage: batch has ${b.columns.length} columns, table ${loc.name} has ${fields.length}`);
      enforceConstraints(constrained, b);
      pending.push(b);
      pendingRows += b.length;
      rows += b.length;
      if (pendingRows >= flushRows) await flush();
    }
    await flush();
    while (inflight.length > 0) adds.push(...(await inflight.shift()!));
  } catch (e) {
    for (const r of await Promise.allSettled(inflight)) if (r.status === 'fulfilled') adds.push(...r.value);
    await discardStaged(loc, adds);
    throw e;
  }
  return { adds, rows };
}

/** Commit removes + adds computed from `change.readVersion` as one (non-blind) commit; 40001 on a conflict. */
export async function commitDeltaChange(loc: DeltaLocation, change: TableChange): Promise<{ version: number }> {
  const snapshot = await loadSnapshot(loc.store, loc.path, change.readVersion);
  try {
    const res = await commitRewrite(loc.store, loc.path, {
      snapshot,
      removedKeys: change.removes,
      adds: change.adds,
      operation: change.operation,
      ...(change.operationParameters !== undefined ? { operationParameters: change.operationParameters } : {}),
      ...(change.operationMetrics !== undefined ? { operationMetrics: change.operationMetrics } : {}),
      ...(change.readFiles !== undefined ? { readKeys: change.readFiles } : {}),
      ...(change.readWholeTable !== undefined ? { readWholeTable: change.readWholeTable } : {}),
      ...(change.addColumns !== undefined && change.addColumns.length > 0 ? { extraActions: [metaDataAction(evolveSchema(snapshot, change.addColumns).metadata)] } : {}),
    });
    return { version: res.version };
  } catch (e) {
    await discardStaged(loc, change.adds);
    throw e instanceof CommitConflictError ? serializationFailure(loc.name, e) : e;
  }
}
