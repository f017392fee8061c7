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
import { evolveSchema } from './schema_evolution.js';
import { toTableSnapshot } from './delta_snapshot.js';
import type { TimeTravelTarget } from './catalog.js';
import { resolveDeltaVersion } from './delta_time_travel.js';
import type { TableChange } from './catalog.js';
import { commitDeltaChange, stageDeltaFiles, serializationFailure } from './delta_changes.js';


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
      throw e instanceof CommitConflictError ? serializationFailure(this.ref.name, e) : e;
    }
  }

  async append(batches: AsyncIterable<Batch>, options: AppendOptions = {}): Promise<{ rows: number; version: number }> {
    const snap = options.readVersion !== undefined ? await this.snapshot(options.readVersion) : await this.snapshot();
    // column mapping: files use physical names and field ids; constraints: NOT NULL and CHECK (catalog/constraints.ts)
    const delta = await this.deltaSnapshot(snap.version);
    assertWritableSchema(delta.schema, this.ref.name);
    const evolved = options.addColumns === undefined || options.addColumns.length === 0 ? null : evolveSchema(delta, options.addColumns);
    const { adds, rows } = await stageDeltaFiles({ store: this.store, path: this.path, name: this.ref.name }, snap, delta, batches, options);
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
      throw e instanceof CommitConflictError ? serializationFailure(this.ref.name, e) : e;
    }
  }
}
