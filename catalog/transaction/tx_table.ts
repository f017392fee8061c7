/**
 * A table seen from inside a transaction block: reads get the pinned snapshot plus the block's staged changes;
 * writes (append, stageFiles + commitChange) write their data files but only stage the actions in the block.
 * Metadata commits (commitActions: ALTER TABLE) and the Delta log location pass through: the session commits
 * the block's staged changes before such statements (transaction_block.ts).
 */
import type { AppendOptions, AppendResult, Table, TableChange, TableSnapshot, TimeTravelTarget } from '../catalog.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Batch } from '../../common/vector.js';
import type { DeltaSnapshot } from '../../storage/delta/snapshot.js';
import type { CommitRequest } from '../../storage/delta/transaction.js';
import type { ObjectStore } from '../../storage/object_store/store.js';
import type { TransactionState } from './transaction_state.js';

function noSchemaEvolution(options: { readonly addColumns?: readonly unknown[] }, name: string): void {
  if (options.addColumns !== undefined && options.addColumns.length > 0) {
    throw new QueryError(SQLSTATE.feature_not_supported, `schema evolution of table "${name}" is not supported inside a transaction block`, {
      hint: 'Run the statement outside BEGIN ... COMMIT.',
    });
  }
}

export class TxTable implements Table {
  constructor(private readonly base: Table, private readonly tx: TransactionState) {}

  get ref(): Table['ref'] { return this.base.ref; }
  get location(): string { return this.base.location; }

  async snapshot(version?: number): Promise<TableSnapshot> {
    const staged = await this.tx.pin(this.base);
    if (version === undefined || version === staged.pinned.version) return this.tx.snapshotOf(this.base.ref);
    return this.base.snapshot(version);
  }

  async deltaSnapshot(version?: number): Promise<DeltaSnapshot> {
    if (this.base.deltaSnapshot === undefined) throw new Error(`table ${this.base.ref.name} has no Delta log`);
    const v = version ?? (await this.tx.pin(this.base)).pinned.version;
    return this.base.deltaSnapshot(v);
  }

  async append(batches: AsyncIterable<Batch>, options: AppendOptions = {}): Promise<{ readonly rows: number; readonly version: number }> {
    noSchemaEvolution(options, this.base.ref.name);
    if (this.base.stageFiles === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `writing table "${this.base.ref.name}" is not supported inside a transaction block`);
    const staged = await this.tx.pin(this.base);
    const res = await this.base.stageFiles(batches, { ...options, readVersion: staged.pinned.version });
    this.tx.stage(this.base.ref, { adds: res.adds, removes: [], operation: options.operation ?? 'WRITE', readFiles: [], readWholeTable: false, blind: true, rows: res.rows });
    return { rows: res.rows, version: staged.pinned.version };
  }

  async stageFiles(batches: AsyncIterable<Batch>, options: AppendOptions = {}): Promise<AppendResult> {
    noSchemaEvolution(options, this.base.ref.name);
    const staged = await this.tx.pin(this.base);
    return this.base.stageFiles!(batches, { ...options, readVersion: staged.pinned.version });
  }

  async commitChange(change: TableChange): Promise<{ readonly version: number }> {
    noSchemaEvolution(change, this.base.ref.name);
    const staged = await this.tx.pin(this.base);
    this.tx.stage(this.base.ref, {
      adds: change.adds,
      removes: change.removes,
      operation: change.operation,
      readFiles: change.readFiles ?? [],
      readWholeTable: change.readWholeTable ?? true,
      blind: false,
      rows: 0,
    });
    return { version: staged.pinned.version };
  }

  async commitActions(req: CommitRequest): Promise<number> {
    if (this.base.commitActions === undefined) throw new Error(`table ${this.base.ref.name} cannot commit actions`);
    this.tx.requireNothingStaged(this.base.ref, 'ALTER TABLE');
    const v = await this.base.commitActions(req);
    this.tx.unpin(this.base.ref);
    return v;
  }

  resolveVersion(target: TimeTravelTarget): Promise<number> {
    if (this.base.resolveVersion === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `table "${this.base.ref.name}" has no history`);
    return this.base.resolveVersion(target);
  }

  deltaLocation(): { readonly store: ObjectStore; readonly path: string } {
    if (this.base.deltaLocation === undefined) throw new Error(`table ${this.base.ref.name} has no Delta log`);
    return this.base.deltaLocation();
  }
}
