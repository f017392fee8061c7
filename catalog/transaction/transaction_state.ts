/**
 * The staged state of one open transaction block: per table the pinned snapshot, and a log of the changes
 * statements staged (in order, so savepoints are positions in the log).
 *
 * COMMIT commits each changed table through the one commit path (storage/delta/transaction.ts), in the order the
 * block first touched the tables, with readVersion = the pinned version: INSERT/COPY-only tables as a blind append
 * (rebased over concurrent commits), tables with UPDATE/DELETE/MERGE/TRUNCATE/INSERT OVERWRITE changes as one
 * rewrite carrying the files read and removed (a conflicting concurrent commit → 40001). Delta has no
 * multi-table atomic commit: when a later table fails, the earlier ones stay committed and the error says which.
 */
import type { Table, TableRef, TableSnapshot } from '../catalog.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { addAction, type AddFile } from '../../storage/delta/actions.js';
import { StagedTable, type StagedChange } from './staged_table.js';

const keyOf = (ref: TableRef): string => `${ref.schema}\u0000${ref.name}`;
const nameOf = (ref: TableRef): string => `${ref.schema}.${ref.name}`;

interface LogEntry {
  readonly key: string;
  readonly change: StagedChange;
}

export class TransactionState {
  private readonly tables = new Map<string, StagedTable>();
  private readonly pinning = new Map<string, Promise<StagedTable>>();
  private log: LogEntry[] = [];
  private marks: { name: string; at: number }[] = [];

  /** true while a statement that commits on its own (DDL) runs: the catalog then hands out the tables themselves */
  direct = false;

  /** Pin the table's current snapshot at its first use in the block. */
  pin(base: Table): Promise<StagedTable> {
    const key = keyOf(base.ref);
    const have = this.tables.get(key);
    if (have !== undefined) return Promise.resolve(have);
    let p = this.pinning.get(key);
    if (p === undefined) {
      p = StagedTable.pin(base).then((st) => {
        this.tables.set(key, st);
        return st;
      }).finally(() => this.pinning.delete(key));
      this.pinning.set(key, p);
    }
    return p;
  }

  /** Forget a table's pinned snapshot (after DDL changed it); it must have nothing staged. */
  unpin(ref: TableRef): void {
    if (!this.hasStaged(ref)) this.tables.delete(keyOf(ref));
  }

  /** Forget the pinned snapshots of every table with nothing staged (after a DDL statement). */
  unpinAll(): void {
    for (const key of [...this.tables.keys()]) if (!this.log.some((e) => e.key === key)) this.tables.delete(key);
  }

  hasStaged(ref?: TableRef): boolean {
    if (ref === undefined) return this.log.length > 0;
    const key = keyOf(ref);
    return this.log.some((e) => e.key === key);
  }

  requireNothingStaged(ref: TableRef, what: string): void {
    if (!this.hasStaged(ref)) return;
    throw new QueryError(SQLSTATE.feature_not_supported, `cannot run ${what} on table "${ref.name}" while it has uncommitted changes in this transaction block`, {
      hint: 'COMMIT or ROLLBACK the transaction block first.',
    });
  }

  stage(ref: TableRef, change: StagedChange): void {
    const key = keyOf(ref);
    if (!this.tables.has(key)) throw new Error(`transaction: ${nameOf(ref)} staged without a pinned snapshot`);
    this.log.push({ key, change });
  }

  private changesOf(key: string): StagedChange[] {
    return this.log.filter((e) => e.key === key).map((e) => e.change);
  }

  /** The table as the block sees it: the pinned snapshot plus the staged changes. */
  snapshotOf(ref: TableRef): TableSnapshot {
    const key = keyOf(ref);
    const st = this.tables.get(key);
    if (st === undefined) throw new Error(`transaction: ${nameOf(ref)} is not pinned`);
    return st.overlay(this.changesOf(key));
  }

  // ---- savepoints (names validated by the session's SavepointStack) ----

  savepoint(name: string): void {
    this.marks.push({ name, at: this.log.length });
  }

  release(name: string): void {
    const i = this.marks.map((m) => m.name).lastIndexOf(name);
    if (i >= 0) this.marks.length = i;
  }

  async rollbackTo(name: string): Promise<void> {
    const i = this.marks.map((m) => m.name).lastIndexOf(name);
    if (i < 0) return;
    const dropped = this.log.slice(this.marks[i]!.at);
    this.log = this.log.slice(0, this.marks[i]!.at);
    this.marks.length = i + 1;
    await this.removeFiles(dropped);
  }

  // ---- end of the block ----

  /** Discard everything staged (ROLLBACK, COMMIT of a failed block, disconnect). */
  async rollback(): Promise<void> {
    await this.removeFiles(this.log);
    this.reset();
  }

  /** Commit every changed table, in first-touch order; then the block starts over (no pins, no staged changes). */
  async commit(): Promise<void> {
    const keys = [...this.tables.keys()].filter((k) => this.log.some((e) => e.key === k));
    const committed: string[] = [];
    try {
      for (const key of keys) {
        const st = this.tables.get(key)!;
        await this.commitTable(st, this.changesOf(key));
        committed.push(nameOf(st.base.ref));
        this.log = this.log.filter((e) => e.key !== key);
      }
    } catch (e) {
      const left = this.log;
      const discarded = [...new Set(left.map((x) => nameOf(this.tables.get(x.key)!.base.ref)))];
      await this.removeFiles(left);
      this.reset();
      if (e instanceof QueryError && committed.length > 0) {
        throw new QueryError(e.sqlstate, e.message, {
          detail: `Delta commits are per table: changes to ${committed.join(', ')} were committed before the failure; changes to ${discarded.join(', ')} were discarded.`,
          ...(e.hint !== undefined ? { hint: e.hint } : {}),
          cause: e,
        });
      }
      throw e;
    }
    this.reset();
  }

  private async commitTable(st: StagedTable, changes: readonly StagedChange[]): Promise<void> {
    const net = st.net(changes);
    const base = st.base;
    if (net.adds.length > 0 || net.removes.length > 0) {
      if (net.blind) {
        const bytes = net.adds.reduce((s, a) => s + a.size, 0);
        await base.commitActions!({
          readVersion: st.pinned.version,
          actions: net.adds.map(addAction),
          operation: net.operation,
          operationParameters: { mode: 'Append', partitionBy: JSON.stringify(st.pinned.partitionColumns) },
          operationMetrics: { numFiles: String(net.adds.length), numOutputRows: String(net.rows), numOutputBytes: String(bytes) },
        }).catch(async (e: unknown) => {
          await this.deleteAdds(st, net.adds);
          throw e;
        });
      } else {
        await base.commitChange!({
          readVersion: st.pinned.version,
          removes: net.removes,
          adds: net.adds,
          operation: net.operation,
          operationParameters: {},
          readFiles: net.readFiles,
          readWholeTable: net.readWholeTable,
        });
      }
    }
    await this.deleteAdds(st, net.dropped);
  }

  private reset(): void {
    this.tables.clear();
    this.log = [];
    for (const m of this.marks) m.at = 0;
  }

  /** Data files of changes that will never be committed: removed now rather than left for VACUUM. */
  private async removeFiles(entries: readonly LogEntry[]): Promise<void> {
    await Promise.all(entries.map((e) => {
      const st = this.tables.get(e.key);
      return st === undefined ? undefined : this.deleteAdds(st, e.change.adds);
    }));
  }

  private async deleteAdds(st: StagedTable, adds: readonly AddFile[]): Promise<void> {
    await Promise.all(adds.map((a) => st.pinned.store.delete(st.keyOf(a)).catch(() => undefined)));
  }
}
