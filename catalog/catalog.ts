/**
 * The catalog: schemas and tables of the warehouse, each table a Delta table.
 * Statement binders and the executor see tables only through these interfaces.
 */
import type { ViewInfo } from './views.js';
import type { Datum } from '../common/datum.js';
import type { Field } from '../common/types.js';
import type { Batch } from '../common/vector.js';
import type { ObjectStore, ObjectStoreDescriptor } from '../storage/object_store/store.js';
import type { WriteFilesTask } from '../storage/delta/operations/write_task.js';
import type { AddFile } from '../storage/delta/actions.js';
import type { DeltaSnapshot } from '../storage/delta/snapshot.js';
import type { CommitRequest } from '../storage/delta/transaction.js';
import type { DeletionVectorRef } from '../storage/delta/deletion_vector.js';

export interface FileStats {
  readonly numRecords: number;
  /** by column name; absent when the writer recorded none */
  readonly min: Readonly<Record<string, Datum>>;
  readonly max: Readonly<Record<string, Datum>>;
  readonly nullCount: Readonly<Record<string, number>>;
}

export interface DataFile {
  /** key in `TableSnapshot.store` */
  readonly path: string;
  readonly size: number;
  /** by partition column name, typed */
  readonly partitionValues: Readonly<Record<string, Datum>>;
  readonly stats: FileStats | null;
  /** the file's deletion vector (rows it deletes are not part of the table); absent: none */
  readonly deletionVector?: DeletionVectorRef;
}

/** One version of a table, pinned for the length of a statement. */
export interface TableSnapshot {
  readonly version: number;
  readonly fields: readonly Field[];
  readonly partitionColumns: readonly string[];
  readonly files: readonly DataFile[];
  /** the store the file paths are keys of */
  readonly store: ObjectStore;
  /** the Parquet column name of each field when some differ (column mapping: physical names); absent: `fields` names */
  readonly fileColumnNames?: readonly string[];
  /** column mapping id mode: the Parquet field id of each field (files are matched by id when names differ) */
  readonly fileFieldIds?: readonly (number | null)[];
  /** true: the last two fields are the metadata columns `_pier_file`, `_pier_row` (catalog/metadata_columns.ts) */
  readonly metadataColumns?: boolean;
  /** column mapping: physical → logical names of fields nested in struct/array/map columns (read as jsonb) */
  readonly nestedFieldNames?: Readonly<Record<string, string>>;
}

/** A time travel target: a version, or a point in time (µs since epoch). */
export type TimeTravelTarget =
  | { readonly kind: 'version'; readonly version: number }
  | { readonly kind: 'timestamp'; readonly micros: bigint };

export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

/** Where appendFiles' writer puts the files. */
export interface AppendTarget {
  readonly store: ObjectStoreDescriptor;
  readonly tablePath: string;
  readonly partitionColumns: readonly string[];
  readonly fields: readonly Field[];
}

/** What appendFiles' writer returns: the uncommitted `add` actions it stored and their row count. */
export interface AppendResult {
  readonly adds: readonly AddFile[];
  readonly rows: number;
}

export interface AppendOptions {
  readonly operation?: string;
  readonly readVersion?: number;
  /** encode and store data files off the calling thread (the worker pool); several run at once, up to `threads` */
  readonly writer?: { readonly threads: number; run(task: WriteFilesTask): Promise<AddFile[]> };
  /** schema evolution (INSERT under mergeSchema): columns appended to the table in the same commit; batches carry them last */
  readonly addColumns?: readonly Field[];
}

/** One copy-on-write commit (DELETE, UPDATE, MERGE, TRUNCATE, …): files removed and staged files added. */
export interface TableChange {
  readonly readVersion: number;
  /** `DataFile.path` of every file removed (rewritten or dropped) */
  readonly removes: readonly string[];
  /** files written by `stageFiles` */
  readonly adds: readonly AddFile[];
  readonly operation: string;
  readonly operationParameters?: Readonly<Record<string, unknown>>;
  readonly operationMetrics?: Readonly<Record<string, unknown>>;
  /** `DataFile.path` of the files read besides the removed ones (conflict detection) */
  readonly readFiles?: readonly string[];
  /** the change depends on every row of the table; default true */
  readonly readWholeTable?: boolean;
  /** schema evolution (MERGE under mergeSchema): columns appended in the same commit; the adds were staged with them */
  readonly addColumns?: readonly Field[];
}

export interface Table {
  readonly ref: TableRef;
  /** `file:///abs/path` or later `s3://bucket/prefix` */
  readonly location: string;
  snapshot(version?: number): Promise<TableSnapshot>;
  /**
   * Write batches (already of the table's column types, in table column order) as new data files and commit
   * them in one Delta commit (operation WRITE, mode Append). NOT NULL columns are checked (23502) before
   * anything is committed. Returns the rows written and the new version.
   */
  append(batches: AsyncIterable<Batch>, options?: AppendOptions): Promise<{ readonly rows: number; readonly version: number }>;
  /**
   * Commit data files that `write` puts into the table's folder (e.g. on worker threads) as one append, like
   * append(); `write` removes what it wrote if it fails. Absent on tables that cannot be written that way.
   */
  appendFiles?(write: (target: AppendTarget) => Promise<AppendResult>, options?: AppendOptions): Promise<{ readonly rows: number; readonly version: number }>;
  /** The Delta log state (protocol, metadata, schema with column metadata) at `version` (default latest). */
  deltaSnapshot?(version?: number): Promise<DeltaSnapshot>;
  /**
   * Commit actions computed from `req.readVersion` (metadata / protocol changes of ALTER TABLE, with or without
   * adds) through the one commit path; 40001 on a conflict. Returns the new version.
   */
  commitActions?(req: CommitRequest): Promise<number>;
  /** Write batches (table column order and types; NOT NULL checked) as data files without committing them. */
  stageFiles?(batches: AsyncIterable<Batch>, options?: AppendOptions): Promise<AppendResult>;
  /** Commit a copy-on-write change in one commit (never a blind append); 40001 on a conflict. */
  commitChange?(change: TableChange): Promise<{ readonly version: number }>;
  /** Time travel: the version VERSION AS OF / TIMESTAMP AS OF names; QueryError when that version cannot be read. */
  resolveVersion?(target: TimeTravelTarget): Promise<number>;
  /** Where the table's Delta log lives (DESCRIBE HISTORY / DETAIL, RESTORE). */
  deltaLocation?(): { readonly store: ObjectStore; readonly path: string };
}

export interface CreateTableSpec {
  readonly ref: TableRef;
  readonly fields: readonly Field[];
  readonly partitionColumns: readonly string[];
  readonly ifNotExists: boolean;
  readonly properties?: Readonly<Record<string, string>>;
  readonly comment?: string;
  /**
   * LOCATION '<uri>': an external table there (absolute path, file:// or s3:// URI). With no `fields`, the
   * Delta table at the location is registered; with fields, it is created (or registered when its schema matches).
   */
  readonly location?: string;
}

export interface Catalog {
  listSchemas(): Promise<string[]>;
  schemaExists(name: string): Promise<boolean>;
  /** 42P06 duplicate_schema unless ifNotExists (then returns false) */
  createSchema(name: string, ifNotExists: boolean): Promise<boolean>;
  /** 3F000 when missing unless ifExists; 2BP01 when not empty unless cascade */
  dropSchema(name: string, ifExists: boolean, cascade: boolean): Promise<boolean>;
  listTables(schema: string): Promise<string[]>;
  /** null when there is no such table */
  getTable(ref: TableRef): Promise<Table | null>;
  /** 42P07 duplicate_table unless ifNotExists (then returns null); 3F000 when the schema is missing */
  createTable(spec: CreateTableSpec): Promise<Table | null>;
  /** removes the table from the catalog and deletes its folder; 42P01 when missing unless ifExists */
  dropTable(ref: TableRef, ifExists: boolean): Promise<boolean>;
  /** views of a schema (catalog/views.ts); absent: the catalog has no views */
  listViews?(schema: string): Promise<ViewInfo[]>;
  getView?(ref: TableRef): Promise<ViewInfo | null>;
  /** 42P07 when it exists and not orReplace */
  createView?(ref: TableRef, view: ViewInfo, orReplace: boolean): Promise<void>;
  /** false when there was no such view */
  dropView?(ref: TableRef): Promise<boolean>;
  /** ALTER TABLE/VIEW … RENAME TO within the schema; 42P07 when the new name is taken */
  renameRelation?(ref: TableRef, newName: string): Promise<void>;
}
