/**
 * A Delta table as a catalog Table: snapshots (Delta `add`s → DataFiles with typed partition values and
 * stats) cached by version, and append = NOT NULL check → Arrow → data files → one commit.
 */
import { assertWritableSchema } from './delta_nested_types.js';
import type { AppendOptions, AppendResult, AppendTarget, Table, TableRef, TableSnapshot } from './catalog.js';
import { QueryError, SQLSTATE } from '../common/errors.js';
import type { Batch } from '../common/vector.js';
import type { ObjectStore } from '../storage/object_store/store.js';
import { addAction, metaDataAction, type Action, type AddFile } from '../storage/delta/actions.js';
import { latestVersion, loadSnapshot, type DeltaSnapshot } from '../storage/delta/snapshot.js';
import { DeltaVersionNotFoundError } from '../storage/delta/replay.js';
import { CommitConflictError, commitTransaction, type CommitRequest } from '../storage/delta/transaction.js';
import { writeDataFiles } from '../storage/delta/operations/write.js';
import { writeFilesTask } from '../storage/delta/operations/write_task.js';
import { tableFromBatches } from '../executor/arrow/to_arrow.js';
import { enforceConstraints } from './constraints.js';
import { evolveSchema } from './schema_evolution.js';
import { physicalLayout } from '../storage/delta/column_mapping_write.js';
import { toTableSnapshot } from './delta_snapshot.js';
import type { TimeTravelTarget } from './catalog.js';
import { resolveDeltaVersion } from './delta_time_travel.js';
import type { TableChange } from './catalog.js';
import { commitDeltaChange, stageDeltaFiles } from './delta_changes.js';

/** Rows buffered before they are written as one group of data files. */
const FLUSH_ROWS = 1 << 20;
/** Rows per group when files are encoded on the worker pool (smaller: several encode at once). */
const PARALLEL_FLUSH_ROWS = 1 << 18;

export class DeltaTable implements Table {
  readonly location: string;
  private cached: TableSnapshot | null = null;
  private deltaCached: DeltaSnapshot | null = null;

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

  resolveVersion(target: TimeTravelTarget): Promise<number> {
    return resolveDeltaVersion(this.store, this.path, this.ref.name, target);
  }

  deltaLocation(): { readonly store: ObjectStore; readonly path: string } {
    return { store: this.store, path: this.path };
  }

  /** The Delta log state (protocol, metadata, schema with column metadata) at `version` (default latest). */
  async deltaSnapshot(version?: number): Promise<DeltaSnapshot> {
    const v = version ?? (await latestVersion(this.store, this.path));
    if (v < 0) throw new QueryError(SQLSTATE.undefined_table, `relation "${this.ref.schema}.${this.ref.name}" does not exist`);
    if (this.deltaCached?.version === v) return this.deltaCached;
    const snap = await loadSnapshot(this.store, this.path, v);
    if (this.deltaCached === null || v > this.deltaCached.version) this.deltaCached = snap;
    return snap;
  }

  /** One commit of metadata / protocol changes (ALTER TABLE) through the one commit path; 40001 on conflict. */
  async commitActions(req: CommitRequest): Promise<number> {
    try {
      return (await commitTransaction(this.store, this.path, req)).version;
    } catch (e) {
      if (e instanceof CommitConflictError) {
        throw new QueryError(SQLSTATE.serialization_failure, `could not serialize access due to concurrent update: table "${this.ref.name}" version ${e.winningVersion} was written by another transaction`, { cause: e });
      }
      throw e;
    }
  }

  async append(batches: AsyncIterable<Batch>, options: AppendOptions = {}): Promise<{ rows: number; version: number }> {
    const snap = options.readVersion !== undefined ? await this.snapshot(options.readVersion) : await this.snapshot();
    const fields = options.addColumns === undefined ? snap.fields : [...snap.fields, ...options.addColumns];
    const adds: AddFile[] = [];
    const writer = options.writer !== undefined && options.writer.threads > 0 ? options.writer : null;
    const flushRows = writer === null ? FLUSH_ROWS : PARALLEL_FLUSH_ROWS;
    const inflight: Promise<AddFile[]>[] = [];
    let pending: Batch[] = [];
    let pendingRows = 0;
    let rows = 0;
    // column mapping: files use physical names and field ids; constraints: NOT NULL and CHECK (catalog/constraints.ts)
    const delta = await this.deltaSnapshot(snap.version);
    assertWritableSchema(delta.schema, this.ref.name);
    const evolved = options.addColumns === undefined ? null : evolveSchema(delta, options.addColumns);
    const layout = physicalLayout(evolved?.schema ?? delta.schema, delta.metadata.configuration, snap.partitionColumns);
    const partitionColumns = layout?.partitionColumns ?? snap.partitionColumns;
    const constrained = { name: this.ref.name, fields, configuration: delta.metadata.configuration };
    const flush = async (): Promise<void> => {
      if (pendingRows === 0) return;
      const logical = tableFromBatches(pending, fields);
      const arrow = layout === null ? logical : layout.toPhysical(logical);
      pending = [];
      pendingRows = 0;
      if (writer === null) {
        adds.push(...(await writeDataFiles(this.store, this.path, arrow, { partitionColumns })));
        return;
      }
      // files are encoded on the workers while the next rows arrive; at most `threads` at once
      const p = writer.run(writeFilesTask(this.store.descriptor, this.path, arrow, partitionColumns));
      p.catch(() => undefined);
      inflight.push(p);
      while (inflight.length >= writer.threads) adds.push(...(await inflight.shift()!));
    };
    try {
      for await (const b of batches) {
        if (b.length === 0) continue;
        if (b.columns.length !== fields.length) throw new Error(`append: batch has ${b.columns.length} columns, table ${this.ref.name} has ${fields.length}`);
        enforceConstraints(constrained, b);
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
    return this.commitAppend(snap, adds, rows, options, evolved === null ? [] : [metaDataAction(evolved.metadata)]);
  }

  async appendFiles(write: (target: AppendTarget) => Promise<AppendResult>, options: AppendOptions = {}): Promise<{ rows: number; version: number }> {
    const snap = options.readVersion !== undefined ? await this.snapshot(options.readVersion) : await this.snapshot();
    assertWritableSchema((await this.deltaSnapshot(snap.version)).schema, this.ref.name);
    const { adds, rows } = await write({ store: this.store.descriptor, tablePath: this.path, partitionColumns: snap.partitionColumns, fields: snap.fields });
    return this.commitAppend(snap, adds, rows, options);
  }

  async stageFiles(batches: AsyncIterable<Batch>, options: AppendOptions = {}): Promise<AppendResult> {
    const snap = options.readVersion !== undefined ? await this.snapshot(options.readVersion) : await this.snapshot();
    const delta = await this.deltaSnapshot(snap.version);
    assertWritableSchema(delta.schema, this.ref.name);
    return stageDeltaFiles({ store: this.store, path: this.path, name: this.ref.name }, snap, delta, batches, options);
  }

  async commitChange(change: TableChange): Promise<{ version: number }> {
    return commitDeltaChange({ store: this.store, path: this.path, name: this.ref.name }, change);
  }

  private async commitAppend(snap: TableSnapshot, adds: readonly AddFile[], rows: number, options: AppendOptions, extra: readonly Action[] = []): Promise<{ rows: number; version: number }> {
    if (adds.length === 0 && extra.length === 0) return { rows, version: snap.version };
    const bytes = adds.reduce((s, a) => s + a.size, 0);
    try {
      const res = await commitTransaction(this.store, this.path, {
        readVersion: snap.version,
        actions: [...extra, ...adds.map(addAction)],
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
