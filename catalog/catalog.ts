/**
 * The catalog: schemas and tables of the warehouse, each table a Delta table.
 * Statement binders and the executor see tables only through these interfaces.
 */
import type { Datum } from '../common/datum.js';
import type { Field } from '../common/types.js';
import type { Batch } from '../common/vector.js';
import type { ObjectStore, ObjectStoreDescriptor } from '../storage/object_store/store.js';
import type { WriteFilesTask } from '../storage/delta/operations/write_task.js';
import type { AddFile } from '../storage/delta/actions.js';

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
}

/** One version of a table, pinned for the length of a statement. */
export interface TableSnapshot {
  readonly version: number;
  readonly fields: readonly Field[];
  readonly partitionColumns: readonly string[];
  readonly files: readonly DataFile[];
  /** the store the file paths are keys of */
  readonly store: ObjectStore;
}

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
}

export interface CreateTableSpec {
  readonly ref: TableRef;
  readonly fields: readonly Field[];
  readonly partitionColumns: readonly string[];
  readonly ifNotExists: boolean;
  readonly properties?: Readonly<Record<string, string>>;
  readonly comment?: string;
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
}
