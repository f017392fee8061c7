/**
 * CONVERT TO DELTA for a folder of Parquet files: version 0 lists every Parquet file in place (no data is
 * rewritten), with stats from the footers, the schema from the Parquet schema (all files must agree) and
 * partition values from Hive-style folder names (`k=v/`), which must match the declared partition columns.
 * Files and folders whose names start with `_` or `.` are skipped, as Spark does.
 */
import { DataType, Precision, type Field as ArrowField, type Schema } from 'apache-arrow';
import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../../object_store/store.js';
import { readParquetMetadata, readParquetSchema, type StatValue } from '../../parquet/read.js';
import { type AddFile, type Metadata, addAction, metaDataAction, protocolAction } from '../actions.js';
import { isDeltaTable } from '../snapshot.js';
import { type DeltaDataType, type DeltaStructField, type DeltaStructType, schemaToString } from '../schema.js';
import { formatDateDays, formatStatsTimestamp, truncateMax, truncateMin } from '../stats.js';
import { type CommitResult, commitTransaction, protocolForSchema } from '../transaction.js';
import { encodeAddPath, HIVE_DEFAULT_PARTITION } from './write.js';

export class ConvertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConvertError';
  }
}

export interface ConvertPartition {
  readonly name: string;
  readonly type: DeltaDataType;
}

export interface ConvertOptions {
  readonly partitionColumns?: readonly ConvertPartition[];
  readonly now?: () => number;
}

export interface ConvertResult extends CommitResult {
  readonly numFiles: number;
  readonly schema: DeltaStructType;
}

/** Arrow type of a Parquet column → Delta type. */
export function arrowToDeltaType(t: DataType, column: string): DeltaDataType {
  if (DataType.isInt(t)) {
    const bits = t.bitWidth + (t.isSigned ? 0 : 1);
    return bits <= 8 ? 'byte' : bits <= 16 ? 'short' : bits <= 32 ? 'integer' : 'long';
  }
  if (DataType.isFloat(t)) return t.precision === Precision.DOUBLE ? 'double' : 'float';
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return 'string';
  if (DataType.isBool(t)) return 'boolean';
  if (DataType.isBinary(t) || DataType.isLargeBinary(t) || DataType.isFixedSizeBinary(t)) return 'binary';
  if (DataType.isDate(t)) return 'date';
  if (DataType.isTimestamp(t)) return t.timezone ? 'timestamp' : 'timestamp_ntz';
  if (DataType.isDecimal(t)) return `decimal(${t.precision},${t.scale})`;
  if (DataType.isList(t)) {
    const child = t.children[0]!;
    return { type: 'array', elementType: arrowToDeltaType(child.type, column), containsNull: child.nullable };
  }
  if (DataType.isStruct(t)) return { type: 'struct', fields: t.children.map((c) => arrowFieldToDelta(c)) };
  if (DataType.isMap(t)) {
    const entries = t.children[0]!.type.children;
    return { type: 'map', keyType: arrowToDeltaType(entries[0]!.type, column), valueType: arrowToDeltaType(entries[1]!.type, column), valueContainsNull: entries[1]!.nullable };
  }
  throw new ConvertError(`column "${column}" has a Parquet type Delta cannot hold: ${String(t)}`);
}

function arrowFieldToDelta(f: ArrowField): DeltaStructField {
  return { name: f.name, type: arrowToDeltaType(f.type, f.name), nullable: f.nullable, metadata: {} };
}

function schemaFromArrow(s: Schema): DeltaStructField[] {
  return s.fields.map(arrowFieldToDelta);
}

/** One stats value as Delta writes it, or undefined when it is not kept (nested, binary, boolean, decimal). */
function statValue(type: DeltaDataType, v: StatValue | null, bound: 'min' | 'max'): unknown {
  if (v === null || typeof type !== 'string') return undefined;
  switch (type) {
    case 'byte': case 'short': case 'integer': case 'long':
      return typeof v === 'bigint' || typeof v === 'number' ? Number(v) : undefined;
    case 'float': case 'double':
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    case 'string':
      return typeof v === 'string' ? (bound === 'min' ? truncateMin(v) : truncateMax(v)) : undefined;
    case 'date':
      return v instanceof Date ? formatDateDays(Math.floor(v.getTime() / 86_400_000)) : undefined;
    case 'timestamp': case 'timestamp_ntz':
      return v instanceof Date ? formatStatsTimestamp(BigInt(v.getTime()) * 1000n, type === 'timestamp') : undefined;
    default:
      return undefined;
  }
}

async function fileStats(store: ObjectStore, key: string, size: number, fields: readonly DeltaStructField[]): Promise<string> {
  const md = await readParquetMetadata(store, key, size);
  const minValues: Record<string, unknown> = {};
  const maxValues: Record<string, unknown> = {};
  const nullCount: Record<string, number> = {};
  for (const f of fields) {
    let min: unknown;
    let max: unknown;
    let nulls: number | null = 0;
    let complete = md.rowGroups.length > 0;
    for (const rg of md.rowGroups) {
      const c = rg.columns[f.name];
      if (c === undefined) { complete = false; nulls = null; break; }
      nulls = nulls === null || c.nullCount === null ? null : nulls + c.nullCount;
      const lo = statValue(f.type, c.min, 'min');
      const hi = statValue(f.type, c.max, 'max');
      if (lo === undefined || hi === undefined) { if (rg.numRows > (c.nullCount ?? -1)) complete = false; continue; }
      if (min === undefined || (lo as number | string) < (min as number | string)) min = lo;
      if (max === undefined || (hi as number | string) > (max as number | string)) max = hi;
    }
    if (complete && min !== undefined) { minValues[f.name] = min; maxValues[f.name] = max; }
    if (nulls !== null && typeof f.type === 'string') nullCount[f.name] = nulls;
  }
  return JSON.stringify({ numRecords: md.numRows, minValues, maxValues, nullCount });
}

function unescapePartition(s: string): string | null {
  if (s === HIVE_DEFAULT_PARTITION) return null;
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Convert the Parquet files under `tablePath` into a Delta table (version 0, operation CONVERT). */
export async function convertToDelta(store: ObjectStore, tablePath: string, options: ConvertOptions = {}): Promise<ConvertResult> {
  const where = tablePath === '' ? 'the folder' : `"${tablePath}"`;
  if (await isDeltaTable(store, tablePath)) throw new ConvertError(`${where} is already a Delta table`);
  const prefix = tablePath === '' ? '' : `${tablePath.replace(/\/+$/, '')}/`;
  const partitions = options.partitionColumns ?? [];
  const objects = (await store.list(prefix)).filter((o) => {
    const rel = o.path.slice(prefix.length);
    return rel.endsWith('.parquet') && !rel.split('/').some((seg) => seg.startsWith('_') || seg.startsWith('.'));
  });
  if (objects.length === 0) throw new ConvertError(`no Parquet files found in ${where}`);
  let fields: DeltaStructField[] | null = null;
  let firstFile = '';
  const now = options.now ?? Date.now;
  const adds: AddFile[] = [];
  for (const o of objects) {
    const rel = o.path.slice(prefix.length);
    const dirs = rel.split('/').slice(0, -1);
    const partitionValues: Record<string, string | null> = {};
    if (dirs.length !== partitions.length) {
      throw new ConvertError(`expecting ${partitions.length} partition column(s) [${partitions.map((p) => p.name).join(', ')}], but found ${dirs.length} partition folder(s) in the path of "${rel}"`);
    }
    dirs.forEach((d, i) => {
      const eq = d.indexOf('=');
      const p = partitions[i]!;
      if (eq < 0 || d.slice(0, eq).toLowerCase() !== p.name.toLowerCase()) {
        throw new ConvertError(`expecting partition column "${p.name}" in the path of "${rel}", found folder "${d}"`);
      }
      partitionValues[p.name] = unescapePartition(d.slice(eq + 1));
    });
    const fileFields = schemaFromArrow(await readParquetSchema(store, o.path));
    if (fields === null) { fields = fileFields; firstFile = rel; }
    else if (!sameSchema(fields, fileFields)) {
      throw new ConvertError(`Parquet files have incompatible schemas: "${firstFile}" has (${describe(fields)}), "${rel}" has (${describe(fileFields)})`);
    }
    adds.push({
      path: encodeAddPath(rel), partitionValues, size: o.size, modificationTime: o.lastModified, dataChange: true,
      stats: await fileStats(store, o.path, o.size, fileFields),
    });
  }
  const dataFields = fields!;
  for (const p of partitions) {
    if (dataFields.some((f) => f.name.toLowerCase() === p.name.toLowerCase())) throw new ConvertError(`partition column "${p.name}" is also a column of the Parquet files`);
  }
  const schema: DeltaStructType = { type: 'struct', fields: [...dataFields, ...partitions.map((p) => ({ name: p.name, type: p.type, nullable: true, metadata: {} }))] };
  const metadata: Metadata = {
    id: randomUUID(), format: { provider: 'parquet', options: {} }, schemaString: schemaToString(schema),
    partitionColumns: partitions.map((p) => p.name), configuration: {}, createdTime: now(),
  };
  const res = await commitTransaction(store, tablePath, {
    readVersion: -1,
    actions: [protocolAction(protocolForSchema(schema)), metaDataAction(metadata), ...adds.map(addAction)],
    operation: 'CONVERT',
    operationParameters: { numFiles: adds.length, partitionedBy: JSON.stringify(partitions.map((p) => p.name)), collectStats: true },
    operationMetrics: { numConvertedFiles: adds.length },
    isBlindAppend: false,
    now,
  });
  return { ...res, numFiles: adds.length, schema };
}

function sameSchema(a: readonly DeltaStructField[], b: readonly DeltaStructField[]): boolean {
  if (a.length !== b.length) return false;
  const byName = new Map(a.map((f) => [f.name, JSON.stringify(f.type)]));
  return b.every((f) => byName.get(f.name) === JSON.stringify(f.type));
}

function describe(fs: readonly DeltaStructField[]): string {
  return fs.map((f) => `${f.name} ${typeof f.type === 'string' ? f.type : f.type.type}`).join(', ');
}
