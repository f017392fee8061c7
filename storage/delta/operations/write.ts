/**
 * Write an Arrow table into a Delta table's folder as data files and return the `add` actions (not committed:
 * the caller commits them through transaction.ts; files written before a commit that never happens stay
 * invisible and VACUUM removes them).
 * Rows are grouped by partition values; partition columns are dropped from the files and encoded in Hive-style
 * folders `col=value/` (Spark's escaping, `__HIVE_DEFAULT_PARTITION__` for NULL).
 */
import { randomUUID } from 'node:crypto';
import { type Table, type DataType, Type, tableFromArrays } from 'apache-arrow';
import type { ObjectStore } from '../../object_store/store.js';
import { type ArrowScalar, type DecimalScalar, vectorValues } from '../../arrow/values.js';
import type { AddFile } from '../actions.js';
import { joinKey } from '../replay.js';
import { computeStats, formatDateDays, formatDecimal } from '../stats.js';
import { codecFileTag, writeParquetBytes } from '../../parquet/write.js';
import { takeRows } from '../../arrow/take.js';

export const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__';

export interface WriteFilesOptions {
  readonly partitionColumns?: readonly string[];
  /** rows per data file (split larger groups); default 1<<20 */
  readonly maxRowsPerFile?: number;
  readonly maxRowGroupSize?: number;
  readonly now?: () => number;
}

/** Characters Hive/Spark escape in partition folder names. */
function needsEscape(c: number): boolean {
  return c < 0x20 || c === 0x7f || '"#%\'*/:=?\\{[]^'.includes(String.fromCharCode(c));
}

/** Spark's ExternalCatalogUtils.escapePathName. */
export function escapePartitionValue(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += needsEscape(c) ? `%${c.toString(16).toUpperCase().padStart(2, '0')}` : s[i];
  }
  return out;
}

/** A relative path as Spark puts it in add.path: a URI path (spaces, '%' and other unsafe ASCII percent-encoded). */
export function encodeAddPath(relative: string): string {
  return relative.split('/').map((seg) =>
    encodeURIComponent(seg).replace(/%(3D|2C|3B|24|26|2B|40|3A)/g, (m) => decodeURIComponent(m))
      // keep non-ASCII as is (java.net.URI#toString)
      .replace(/(%[89A-F][0-9A-F])+/g, (m) => { try { return decodeURIComponent(m); } catch { return m; } }),
  ).join('/');
}

function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const s = String(n);
  return /[.eE]/.test(s) ? s.replace(/e\+?/, 'E') : `${s}.0`;
}

function formatPartitionTimestamp(micros: bigint): string {
  let secs = micros / 1_000_000n;
  let frac = micros % 1_000_000n;
  if (frac < 0n) { frac += 1_000_000n; secs -= 1n; }
  const d = new Date(Number(secs) * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const base = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  if (frac === 0n) return base;
  return `${base}.${frac.toString().padStart(6, '0').replace(/0+$/, '')}`;
}

/** A partition value as Spark writes it in partitionValues (null for NULL and for ''). */
export function formatPartitionValue(type: DataType, v: ArrowScalar): string | null {
  if (v === null) return null;
  const t = type.typeId === Type.Dictionary ? (type as unknown as { dictionary: DataType }).dictionary : type;
  switch (t.typeId) {
    case Type.Bool: return v ? 'true' : 'false';
    case Type.Int: return String(v);
    case Type.Float: return javaDouble(v as number);
    case Type.Decimal: return formatDecimal(v as DecimalScalar);
    case Type.Date: return formatDateDays(v as number);
    case Type.Timestamp: return formatPartitionTimestamp(v as bigint);
    case Type.Utf8: case Type.LargeUtf8: return v === '' ? null : (v as string);
    default: throw new Error(`cannot partition by a column of Arrow type ${String(t)}`);
  }
}

export function partitionFolder(partitionColumns: readonly string[], values: Readonly<Record<string, string | null>>): string {
  return partitionColumns.map((c) => {
    const v = values[c];
    return `${escapePartitionValue(c)}=${v === null || v === undefined ? HIVE_DEFAULT_PARTITION : escapePartitionValue(v)}`;
  }).join('/');
}

function selectRows(table: Table, rows: readonly number[] | null, columns: readonly string[]): Table {
  const selected = table.select(columns as string[]);
  if (rows === null) return selected;
  // one contiguous run: a zero-copy slice; otherwise gather
  if (rows.length > 0 && rows[rows.length - 1]! - rows[0]! === rows.length - 1) return selected.slice(rows[0]!, rows[0]! + rows.length);
  return takeRows(selected, rows);
}

/** Sort-free grouping: row indices per distinct partition tuple, in first-seen order. */
function groupByPartition(table: Table, partitionColumns: readonly string[]): { values: Record<string, string | null>; rows: number[] }[] {
  const cols = partitionColumns.map((c) => {
    const vec = table.getChild(c);
    const field = table.schema.fields.find((f) => f.name === c);
    if (vec === null || field === undefined) throw new Error(`partition column "${c}" is not in the data`);
    return { name: c, type: field.type as DataType, values: vectorValues(vec) };
  });
  const groups = new Map<string, { values: Record<string, string | null>; rows: number[] }>();
  for (let i = 0; i < table.numRows; i++) {
    const vals: Record<string, string | null> = {};
    for (const c of cols) vals[c.name] = formatPartitionValue(c.type, c.values[i]!);
    const key = JSON.stringify(cols.map((c) => vals[c.name]));
    let g = groups.get(key);
    if (g === undefined) { g = { values: vals, rows: [] }; groups.set(key, g); }
    g.rows.push(i);
  }
  return [...groups.values()];
}

/** Write `table` (all columns incl. partition columns) under `tablePath`; returns the `add` actions. */
export async function writeDataFiles(store: ObjectStore, tablePath: string, table: Table, options: WriteFilesOptions = {}): Promise<AddFile[]> {
  const partitionColumns = options.partitionColumns ?? [];
  const dataColumns = table.schema.fields.map((f) => f.name).filter((n) => !partitionColumns.includes(n));
  const maxRows = options.maxRowsPerFile ?? 1 << 20;
  const now = options.now ?? Date.now;
  if (table.numRows === 0) return [];
  const groups = partitionColumns.length === 0
    ? [{ values: {} as Record<string, string | null>, rows: null as number[] | null }]
    : groupByPartition(table, partitionColumns);
  const adds: AddFile[] = [];
  let fileIndex = 0;
  for (const g of groups) {
    const groupTable = dataColumns.length === 0 ? tableFromArrays({}) : selectRows(table, g.rows, dataColumns);
    const n = g.rows === null ? table.numRows : g.rows.length;
    for (let start = 0; start < n; start += maxRows) {
      const part = start === 0 && n <= maxRows ? groupTable : groupTable.slice(start, Math.min(n, start + maxRows));
      const name = `part-${String(fileIndex++).padStart(5, '0')}-${randomUUID()}.c000${codecFileTag()}.parquet`;
      const folder = partitionFolder(partitionColumns, g.values);
      const relative = folder === '' ? name : `${folder}/${name}`;
      const bytes = writeParquetBytes(part, options.maxRowGroupSize !== undefined ? { maxRowGroupSize: options.maxRowGroupSize } : {});
      await store.put(joinKey(tablePath, relative), bytes);
      adds.push({
        path: encodeAddPath(relative),
        partitionValues: g.values,
        size: bytes.byteLength,
        modificationTime: now(),
        dataChange: true,
        stats: computeStats(part, dataColumns),
      });
    }
  }
  return adds;
}

