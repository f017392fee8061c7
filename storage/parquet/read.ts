/**
 * Parquet reading over any ObjectStore.
 * - Footer metadata (row count, row groups, per-column min/max/null_count) with hyparquet: one suffix read.
 * - Data decoded one row group at a time with parquet-wasm's async ParquetFile, whose byte source is backed
 *   by `store.getRange`, converted to an apache-arrow Table. Every decode call runs under a timeout and is
 *   retried once (the async reader has been seen to hang on a read that works on retry).
 */
import { parquetMetadataAsync, parquetSchema } from 'hyparquet';
import type { FileMetaData } from 'hyparquet';
import { tableFromIPC, type Schema, type Table } from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { rangeReaderOf, type ObjectStore, type RangeReader } from '../object_store/store.js';
import { tableFromFfi } from './ffi.js';

export type StatValue = bigint | boolean | number | string | Date | Uint8Array;

export interface ParquetColumnStats {
  /** null when the writer recorded none. Values are hyparquet's logical conversions (Date for dates/timestamps). */
  readonly min: StatValue | null;
  readonly max: StatValue | null;
  readonly nullCount: number | null;
}

export interface ParquetRowGroupMeta {
  readonly index: number;
  readonly numRows: number;
  /** by top-level column name (dotted path for nested columns) */
  readonly columns: Readonly<Record<string, ParquetColumnStats>>;
}

export interface ParquetFileMeta {
  readonly path: string;
  readonly size: number;
  readonly numRows: number;
  readonly rowGroups: readonly ParquetRowGroupMeta[];
  /** top-level column names in file order */
  readonly columnNames: readonly string[];
  /** the Parquet field id of each top-level column (null when it has none) */
  readonly fieldIds?: readonly (number | null)[];
}

export interface DecodeOptions {
  /** ms per decode attempt; default 120000 */
  readonly timeoutMs?: number;
  /** rows per Arrow batch; default 1<<20 */
  readonly batchSize?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

async function objectSize(store: ObjectStore, path: string, size: number | undefined): Promise<number> {
  if (size !== undefined) return size;
  const meta = await store.head(path);
  if (meta === null) {
    const { NotFoundError } = await import('../object_store/store.js');
    throw new NotFoundError(path);
  }
  return meta.size;
}

function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  if (u.byteOffset === 0 && u.byteLength === u.buffer.byteLength && u.buffer instanceof ArrayBuffer) return u.buffer;
  return u.slice().buffer as ArrayBuffer;
}

function num(x: bigint | number | undefined): number | null {
  return x === undefined ? null : Number(x);
}

function convertMetadata(path: string, size: number, md: FileMetaData): ParquetFileMeta {
  const tree = parquetSchema(md);
  const columnNames = tree.children.map((c) => c.element.name);
  const fieldIds = tree.children.map((c) => (typeof c.element.field_id === 'number' ? c.element.field_id : null));
  const rowGroups = md.row_groups.map((rg, index): ParquetRowGroupMeta => {
    const columns: Record<string, ParquetColumnStats> = {};
    for (const cc of rg.columns) {
      const m = cc.meta_data;
      if (m === undefined) continue;
      const s = m.statistics;
      const min = s?.min_value ?? s?.min;
      const max = s?.max_value ?? s?.max;
      columns[m.path_in_schema.join('.')] = {
        min: min === undefined || min === null ? null : (min as StatValue),
        max: max === undefined || max === null ? null : (max as StatValue),
        nullCount: num(s?.null_count),
      };
    }
    return { index, numRows: Number(rg.num_rows), columns };
  });
  return { path, size, numRows: Number(md.num_rows), rowGroups, columnNames, fieldIds };
}

/** Footer metadata of one Parquet object (one suffix read, more only for huge footers). */
export async function readParquetMetadata(store: ObjectStore, path: string, size?: number): Promise<ParquetFileMeta> {
  const n = await objectSize(store, path, size);
  const asyncBuffer = {
    byteLength: n,
    slice: async (start: number, end?: number) => toArrayBuffer(await store.getRange(path, start, end ?? n)),
  };
  const md = await parquetMetadataAsync(asyncBuffer, { initialFetchSize: Math.min(n, 1 << 16) });
  return convertMetadata(path, n, md);
}

/** The blob-like handle parquet-wasm's ParquetFile.fromFile reads through. */
function storeBlob(ranges: () => Promise<RangeReader>, size: number): Blob {
  const handle = {
    size,
    slice(start?: number, end?: number) {
      const a = start ?? 0;
      const b = Math.min(end ?? size, size);
      return { arrayBuffer: async () => toArrayBuffer(await (await ranges()).read(a, b)) };
    },
  };
  return handle as unknown as Blob;
}

export class DecodeTimeoutError extends Error {
  constructor(readonly path: string, readonly ms: number) {
    super(`parquet decode of ${path} timed out after ${ms} ms`);
    this.name = 'DecodeTimeoutError';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, path: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DecodeTimeoutError(path, ms)), ms);
    p.then(
      (v) => { clearTimeout(timer); resolve(v); },
      (e: unknown) => { clearTimeout(timer); reject(e); },
    );
  });
}

/** Run `attempt` under a timeout; on timeout try once more. */
async function withRetry<T>(attempt: (retry: boolean) => Promise<T>, ms: number, path: string): Promise<T> {
  try {
    return await withTimeout(attempt(false), ms, path);
  } catch (e) {
    if (!(e instanceof DecodeTimeoutError)) throw e;
    return await withTimeout(attempt(true), ms, path);
  }
}

const NOT_COVERED: unique symbol = Symbol('not covered');

/** `table` with its columns in `columns`' order (parquet-wasm returns them in file order). */
function inOrder(table: Table, columns: readonly string[] | undefined): Table {
  if (columns === undefined) return table;
  const names = table.schema.fields.map((f) => f.name);
  if (names.length === columns.length && names.every((n, i) => n === columns[i])) return table;
  return table.select(columns as string[]);
}

/** Footers of immutable files read by this thread (oldest dropped first). */
const footerCache = new Map<string, ParquetFileMeta>();
const FOOTER_CACHE_ENTRIES = 4096;

/**
 * An open Parquet object: metadata plus row-group-at-a-time decoding. Call `close()` when done
 * (frees the wasm-side file handle).
 */
export class ParquetReader {
  private file: pw.ParquetFile | null = null;
  /** one open handle for all the byte ranges this reader decodes (data files never change in place) */
  private ranges: Promise<RangeReader> | null = null;
  /** arrow-js schema of each projection read so far (key: the column list) */
  private readonly schemas = new Map<string, Schema>();
  /** false once a read needed the IPC path (a layout tableFromFfi does not cover) */
  private ffi = true;

  private constructor(
    readonly store: ObjectStore,
    readonly path: string,
    readonly meta: ParquetFileMeta,
    private readonly options: DecodeOptions,
  ) {}

  /**
   * `cacheKey` (with `size`): keep the footer in this thread's footer cache under that key + size, for files
   * that never change in place (Delta data files), so the tasks of one file and later scans parse it once.
   */
  static async open(store: ObjectStore, path: string, options: DecodeOptions & { readonly size?: number; readonly cacheKey?: string } = {}): Promise<ParquetReader> {
    const key = options.cacheKey !== undefined && options.size !== undefined ? `${options.cacheKey}|${options.size}` : null;
    let meta = key === null ? undefined : footerCache.get(key);
    if (meta === undefined) {
      meta = await readParquetMetadata(store, path, options.size);
      if (key !== null) {
        if (footerCache.size >= FOOTER_CACHE_ENTRIES) footerCache.delete(footerCache.keys().next().value!);
        footerCache.set(key, meta);
      }
    }
    return new ParquetReader(store, path, meta, options);
  }

  private async wasmFile(): Promise<pw.ParquetFile> {
    this.file ??= await pw.ParquetFile.fromFile(storeBlob(() => (this.ranges ??= rangeReaderOf(this.store, this.path)), this.meta.size));
    return this.file;
  }

  /**
   * Decode one row group. `columns` (top-level names) projects; the result's columns follow `columns`' order
   * (absent names are an error). Omit `columns` to read all, in file order.
   */
  async readRowGroup(rowGroup: number, columns?: readonly string[]): Promise<Table> {
    return this.readRowGroupWith(rowGroup, columns, (t) => t, false);
  }

  /**
   * Decode one row group (as readRowGroup) and hand it to `use`, synchronously. `views`: the Table's buffers may
   * be views on parquet-wasm's memory, valid only during `use` (which must copy what it keeps): no copy out of
   * wasm memory for the columns `use` converts anyway.
   */
  async readRowGroupWith<T>(rowGroup: number, columns: readonly string[] | undefined, use: (t: Table) => T, views: boolean): Promise<T> {
    if (rowGroup < 0 || rowGroup >= this.meta.rowGroups.length) {
      throw new Error(`row group ${rowGroup} out of range (file ${this.path} has ${this.meta.rowGroups.length})`);
    }
    if (columns !== undefined) {
      for (const c of columns) if (!this.meta.columnNames.includes(c)) throw new Error(`column "${c}" not in parquet file ${this.path}`);
    }
    const ms = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const batchSize = this.options.batchSize ?? 1 << 20;
    const ordered = (table: Table): T => use(inOrder(table, columns));
    return await withRetry(async (retry) => {
      // a hung attempt may still hold the old handle: retry on a fresh one (the old one is left to the GC)
      if (retry) this.file = null;
      const f = await this.wasmFile();
      const opts: pw.ReaderOptions = { rowGroups: [rowGroup], batchSize };
      if (columns !== undefined) opts.columns = [...columns];
      const wt = await f.read(opts);
      if (this.ffi) {
        const r = this.viaFfi(wt, columns === undefined ? '*' : columns.join('\0'), ordered, !views);
        if (r !== NOT_COVERED) return r;
        this.ffi = false;
        return ordered(tableFromIPC((await f.read(opts)).intoIPCStream()));
      }
      return ordered(tableFromIPC(wt.intoIPCStream())); // intoIPCStream consumes (frees) the wasm table
    }, ms, this.path);
  }

  /** Hand the wasm table to `use` through the C Data Interface (consumes `wt`); NOT_COVERED when not covered. */
  private viaFfi<T>(wt: pw.Table, key: string, use: (t: Table) => T, copy: boolean): T | typeof NOT_COVERED {
    let schema = this.schemas.get(key);
    if (schema === undefined) {
      schema = tableFromIPC(wt.schema.intoIPCStream()).schema;
      this.schemas.set(key, schema);
    }
    const stream = wt.intoFFI();
    try {
      const addrs = stream.arrayAddrs();
      const schemaAddr = stream.schemaAddr();
      // read the memory only now: the calls above may have grown it
      const t = tableFromFfi(pw.wasmMemory().buffer as ArrayBuffer, schemaAddr, addrs, schema, copy);
      return t === null ? NOT_COVERED : use(t);
    } finally {
      stream.free();
    }
  }

  /** Every row group in order. */
  async *readAll(columns?: readonly string[]): AsyncGenerator<Table> {
    for (let i = 0; i < this.meta.rowGroups.length; i++) yield await this.readRowGroup(i, columns);
  }

  async schema(): Promise<Schema> {
    const f = await this.wasmFile();
    return tableFromIPC(f.schema().intoIPCStream()).schema; // intoIPCStream consumes the wasm schema
  }

  close(): void {
    if (this.file !== null) {
      this.file.free();
      this.file = null;
    }
    if (this.ranges !== null) {
      // a failed open has nothing to close; a failed close has nothing left to release
      this.ranges.then((r) => r.close()).catch(() => {});
      this.ranges = null;
    }
  }
}

/** The Arrow schema of a Parquet object (as parquet-wasm would decode it). */
export async function readParquetSchema(store: ObjectStore, path: string): Promise<Schema> {
  const r = await ParquetReader.open(store, path);
  try {
    return await r.schema();
  } finally {
    r.close();
  }
}

/** Convenience: decode a whole file (row group by row group) into a list of Arrow tables. */
export async function readParquetTables(store: ObjectStore, path: string, columns?: readonly string[], options: DecodeOptions = {}): Promise<Table[]> {
  const r = await ParquetReader.open(store, path, options);
  try {
    const out: Table[] = [];
    for await (const t of r.readAll(columns)) out.push(t);
    return out;
  } finally {
    r.close();
  }
}
