/**
 * A Delta table as a catalog Table: snapshots (Delta `add`s → DataFiles with typed partition values and
 * stats) cached by version, and append = NOT NULL check → Arrow → data files → one commit.
 */
import type { AppendOptions, AppendResult, AppendTarget, DataFile, Table, TableRef, TableSnapshot } from './catalog.js';
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { Field } from '../common/types.js';
import type { Batch } from '../common/vector.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import { addAction, type AddFile } from '../storage/delta/actions.js';
import { latestVersion, loadSnapshot, type DeltaSnapshot } from '../storage/delta/snapshot.js';
import { DeltaVersionNotFoundError } from '../storage/delta/replay.js';
import { CommitConflictError, commitTransaction } from '../storage/delta/transaction.js';
import { writeDataFiles } from '../storage/delta/operations/write.js';
import { writeFilesTask } from '../storage/delta/operations/write_task.js';
import { tableFromBatches } from '../executor/arrow/to_arrow.js';
import { deltaSchemaToFields, partitionValueToDatum } from './delta_types.js';
import { parseFileStats } from './file_stats.js';
import { checkNotNull } from './not_null.js';

/** Rows buffered before they are written as one group of data files. */
const FLUSH_ROWS = 1 << 20;
/** Rows per group when files are encoded on the worker pool (smaller: several encode at once). */
const PARALLEL_FLUSH_ROWS = 1 << 18;

export class DeltaTable implements Table {
  readonly location: string;
  private cached: TableSnapshot | null = null;

  constructor(readonly store: ObjectStore, readonly ref: TableRef, readonly path: string) {
    this.location = store.descriptor.kind === 'local' ? `file://${store.descriptor.root.replace(/\/+$/, '')}/${path}` : path;
  }

  async snapshot(version?: number): Promise<TableSnapshot> {
    const latest = version ?? (await latestVersion(this.store, this.path));
    if (latest < 0) throw new QueryError(SQLSTATE.undefined_table, `relation "${this.ref.schema}.${this.ref.name}" does not exist`);
    if (this.cached !== null && this.cached.version === latest) return this.cached;
    let snap: DeltaSnapshot;
    try {
      snap = await loadSnapshot(this.store, this.path, latest);
    } catch (e) {
      if (e instanceof DeltaVersionNotFoundError) {
        throw new QueryError(SQLSTATE.invalid_parameter_value, `table "${this.ref.name}" has no version ${String(version)}`, { cause: e });
      }
      throw e;
    }
    try {
      snap.checkReadable();
    } catch (e) {
      throw new QueryError(SQLSTATE.feature_not_supported, (e as Error).message, { cause: e });
    }
    const out = toTableSnapshot(snap);
    if (version === undefined || this.cached === null || out.version > this.cached.version) this.cached = out;
    return out;
  }

  async append(batches: AsyncIterable<Batch>, options: AppendOptions = {}): Promise<{ rows: number; version: number }> {
    const snap = options.readVersion !== undefined ? await this.snapshot(options.readVersion) : await this.snapshot();
    const fields = snap.fields;
    const adds: AddFile[] = [];
    const writer = options.writer !== undefined && options.writer.threads > 0 ? options.writer : null;
    const flushRows = writer === null ? FLUSH_ROWS : PARALLEL_FLUSH_ROWS;
    const inflight: Promise<AddFile[]>[] = [];
    let pending: Batch[] = [];
    let pendingRows = 0;
    let rows = 0;
    const flush = async (): Promise<void> => {
      if (pendingRows === 0) return;
      const arrow = tableFromBatches(pending, fields);
      pending = [];
      pendingRows = 0;
      if (writer === null) {
        adds.push(...(await writeDataFiles(this.store, this.path, arrow, { partitionColumns: snap.partitionColumns })));
        return;
      }
      // files are encoded on the workers while the next rows arrive; at most `threads` at once
      const p = writer.run(writeFilesTask(this.store.descriptor, this.path, arrow, snap.partitionColumns));
      p.catch(() => undefined);
      inflight.push(p);
      while (inflight.length >= writer.threads) adds.push(...(await inflight.shift()!));
    };
    try {
      for await (const b of batches) {
        if (b.length === 0) continue;
        if (b.columns.length !== fields.length) throw new Error(`append: batch has ${b.columns.length} columns, table ${this.ref.name} has ${fields.length}`);
        checkNotNull(fields, b, this.ref.name);
        pending.push(b);
        pendingRows += b.length;
        rows += b.length;
        if (pendingRows >= flushRows) await flush();
      }
      await flush();
      while (inflight.length > 0) adds.push(...(await inflight.shift()!));
    } catch (e) {
      // files written so far are not committed, so invisible; remove them now rather than waiting for VACUUM
      for (const r of await Promise.allSettled(inflight)) if (r.status === 'fulfilled') adds.push(...r.value);
      await Promise.all(adds.map((a) => this.store.delete(`${this.path}/${decodeURIComponent(a.path)}`).catch(() => undefined)));
      throw e;
    }
    return this.commitAppend(snap, adds, rows, options);
  }

  async appendFiles(write: (target: AppendTarget) => Promise<AppendResult>, options: AppendOptions = {}): Promise<{ rows: number; version: number }> {
    const snap = options.readVersion !== undefined ? await this.snapshot(options.readVersion) : await this.snapshot();
    const { adds, rows } = await write({ store: this.store.descriptor, tablePath: this.path, partitionColumns: snap.partitionColumns, fields: snap.fields });
    return this.commitAppend(snap, adds, rows, options);
  }

  private async commitAppend(snap: TableSnapshot, adds: readonly AddFile[], rows: number, options: AppendOptions): Promise<{ rows: number; version: number }> {
    if (adds.length === 0) return { rows, version: snap.version };
    const bytes = adds.reduce((s, a) => s + a.size, 0);
    try {
      const res = await commitTransaction(this.store, this.path, {
        readVersion: snap.version,
        actions: adds.map(addAction),
        operation: options.operation ?? 'WRITE',
        operationParameters: { mode: 'Append', partitionBy: JSON.stringify(snap.partitionColumns) },
        operationMetrics: { numFiles: String(adds.length), numOutputRows: String(rows), numOutputBytes: String(bytes) },
      });
      return { rows, version: res.version };
    } catch (e) {
      if (e instanceof CommitConflictError) {
        throw new QueryError(SQLSTATE.serialization_failure, `could not serialize access due to concurrent update: table "${this.ref.name}" version ${e.winningVersion} was written by another transaction`, { cause: e });
      }
      throw e;
    }
  }
}

function toTableSnapshot(snap: DeltaSnapshot): TableSnapshot {
  const fields: Field[] = deltaSchemaToFields(snap.schema);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const files: DataFile[] = snap.files.map((a) => {
    const partitionValues: Record<string, ReturnType<typeof partitionValueToDatum>> = {};
    for (const c of snap.partitionColumns) {
      const f = byName.get(c);
      if (f !== undefined) partitionValues[c] = partitionValueToDatum(a.partitionValues[c] ?? null, f.type);
    }
    return {
      path: snap.fileKey(a.path),
      size: a.size,
      partitionValues,
      stats: a.stats ? parseFileStats(a.stats, fields) : null,
    };
  });
  return { version: snap.version, fields, partitionColumns: [...snap.partitionColumns], files, store: snap.store };
}
