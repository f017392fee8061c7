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
import type { ObjectStore } from '../object_store/store.js';

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
  return { path, size, numRows: Number(md.num_rows), rowGroups, columnNames };
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
function storeBlob(store: ObjectStore, path: string, size: number): Blob {
  const handle = {
    size,
    slice(start?: number, end?: number) {
      const a = start ?? 0;
      const b = Math.min(end ?? size, size);
      return { arrayBuffer: async () => toArrayBuffer(await store.getRange(path, a, b)) };
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

/**
 * An open Parquet object: metadata plus row-group-at-a-time decoding. Call `close()` when done
 * (frees the wasm-side file handle).
 */
export class ParquetReader {
  private file: pw.ParquetFile | null = null;

  private constructor(
    readonly store: ObjectStore,
    readonly path: string,
    readonly meta: ParquetFileMeta,
    private readonly options: DecodeOptions,
  ) {}

  static async open(store: ObjectStore, path: string, options: DecodeOptions & { readonly size?: number } = {}): Promise<ParquetReader> {
    const meta = await readParquetMetadata(store, path, options.size);
    return new ParquetReader(store, path, meta, options);
  }

  private async wasmFile(): Promise<pw.ParquetFile> {
    this.file ??= await pw.ParquetFile.fromFile(storeBlob(this.store, this.path, this.meta.size));
    return this.file;
  }

  /**
   * Decode one row group. `columns` (top-level names) projects; the result's columns follow `columns`' order
   * (absent names are an error). Omit `columns` to read all, in file order.
   */
  async readRowGroup(rowGroup: number, columns?: readonly string[]): Promise<Table> {
    if (rowGroup < 0 || rowGroup >= this.meta.rowGroups.length) {
      throw new Error(`row group ${rowGroup} out of range (file ${this.path} has ${this.meta.rowGroups.length})`);
    }
    if (columns !== undefined) {
      for (const c of columns) if (!this.meta.columnNames.includes(c)) throw new Error(`column "${c}" not in parquet file ${this.path}`);
    }
    const ms = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const batchSize = this.options.batchSize ?? 1 << 20;
    const table = await withRetry(async (retry) => {
      // a hung attempt may still hold the old handle: retry on a fresh one (the old one is left to the GC)
      if (retry) this.file = null;
      const f = await this.wasmFile();
      const opts: pw.ReaderOptions = { rowGroups: [rowGroup], batchSize };
      if (columns !== undefined) opts.columns = [...columns];
      const wt = await f.read(opts);
      return tableFromIPC(wt.intoIPCStream()); // intoIPCStream consumes (frees) the wasm table
    }, ms, this.path);
    if (columns === undefined) return table;
    // parquet-wasm returns columns in file order; give the caller the order asked for
    const names = table.schema.fields.map((f) => f.name);
    if (names.length === columns.length && names.every((n, i) => n === columns[i])) return table;
    return table.select(columns as string[]);
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
