/**
 * One table's part of an open transaction block: the snapshot pinned at the table's first read or write, and the
 * changes statements staged on it (data files written, nothing committed). The table as the transaction sees it
 * is the pinned snapshot with the staged removes taken out and the staged adds put in (read-your-writes).
 */
import type { DataFile, Table, TableSnapshot } from '../catalog.js';
import type { AddFile } from '../../storage/delta/actions.js';
import { DeltaSnapshot } from '../../storage/delta/snapshot.js';
import { toTableSnapshot } from '../delta_snapshot.js';

/** What one statement staged on a table. */
export interface StagedChange {
  /** data files written (uncommitted) */
  readonly adds: readonly AddFile[];
  /** `DataFile.path` (store keys) of the files the statement removed */
  readonly removes: readonly string[];
  readonly operation: string;
  /** `DataFile.path` of files read besides the removed ones (conflict detection) */
  readonly readFiles: readonly string[];
  readonly readWholeTable: boolean;
  /** rows appended without reading the table (INSERT, COPY): a blind append */
  readonly blind: boolean;
  readonly rows: number;
}

/** The net effect of a table's staged changes on its pinned snapshot. */
export interface NetChange {
  /** pinned files no longer in the table */
  readonly removes: readonly string[];
  /** staged files still in the table */
  readonly adds: readonly AddFile[];
  /** staged files a later statement of the block removed again (never committed) */
  readonly dropped: readonly AddFile[];
  readonly blind: boolean;
  readonly readFiles: readonly string[];
  readonly readWholeTable: boolean;
  readonly operation: string;
  readonly rows: number;
}

export class StagedTable {
  /** the Delta log state of the pinned version (absent: the table has none, e.g. not a Delta table) */
  private addKey: ((a: AddFile) => string) | null = null;
  private dataFiles = new Map<AddFile, DataFile>();

  constructor(
    readonly base: Table,
    readonly pinned: TableSnapshot,
    private readonly delta: DeltaSnapshot | null,
  ) {
    if (delta !== null) this.addKey = (a) => delta.fileKey(a.path);
  }

  static async pin(base: Table): Promise<StagedTable> {
    const pinned = await base.snapshot();
    const delta = base.deltaSnapshot === undefined ? null : await base.deltaSnapshot(pinned.version);
    return new StagedTable(base, pinned, delta);
  }

  keyOf(a: AddFile): string {
    if (this.addKey === null) throw new Error(`table ${this.base.ref.name}: staged files need a Delta log`);
    return this.addKey(a);
  }

  /** The catalog DataFile of each staged add (typed partition values and stats, as a snapshot has them). */
  private toDataFiles(adds: readonly AddFile[]): void {
    const missing = adds.filter((a) => !this.dataFiles.has(a));
    if (missing.length === 0 || this.delta === null) return;
    const d = this.delta;
    const view = new DeltaSnapshot(d.store, d.tablePath, { ...d.state, files: new Map(missing.map((a) => [a.path, a])) });
    const files = toTableSnapshot(view).files;
    missing.forEach((a, i) => this.dataFiles.set(a, files[i]!));
  }

  /** The pinned snapshot with `changes` applied. */
  overlay(changes: readonly StagedChange[]): TableSnapshot {
    if (changes.length === 0) return this.pinned;
    const files = new Map(this.pinned.files.map((f) => [f.path, f]));
    for (const c of changes) {
      for (const r of c.removes) files.delete(r);
      this.toDataFiles(c.adds);
      for (const a of c.adds) files.set(this.keyOf(a), this.dataFiles.get(a)!);
    }
    return { ...this.pinned, files: [...files.values()] };
  }

  /** What committing `changes` must do to the pinned version. */
  net(changes: readonly StagedChange[]): NetChange {
    const live = new Set(this.overlay(changes).files.map((f) => f.path));
    const adds: AddFile[] = [];
    const dropped: AddFile[] = [];
    for (const c of changes) for (const a of c.adds) (live.has(this.keyOf(a)) ? adds : dropped).push(a);
    const removes = this.pinned.files.filter((f) => !live.has(f.path)).map((f) => f.path);
    const readFiles = new Set<string>();
    for (const c of changes) for (const r of c.readFiles) readFiles.add(r);
    const ops = [...new Set(changes.map((c) => c.operation))];
    return {
      removes,
      adds,
      dropped,
      blind: removes.length === 0 && changes.every((c) => c.blind),
      readFiles: [...readFiles],
      readWholeTable: changes.some((c) => !c.blind && c.readWholeTable),
      operation: ops.length === 1 ? ops[0]! : 'WRITE',
      rows: changes.reduce((s, c) => s + c.rows, 0),
    };
  }
}
