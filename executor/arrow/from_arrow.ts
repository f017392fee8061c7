/**
 * Arrow (Table or RecordBatch) → Pier Batch for given fields, columns matched by name.
 * Handles dictionary-encoded strings, all int widths, floats, Decimal128/256 (→ Numeric at the field's scale),
 * Date32/Date64, Timestamp of any unit and zone (→ micros), Bool, Utf8/LargeUtf8, NULLs.
 */
import { type Data, type DataType, type RecordBatch, type Table, type Vector as ArrowVector, Type } from 'apache-arrow';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { type Field, type SqlType, formatType } from '../../common/types.js';
import { type Batch, type Vector, allocData } from '../../common/vector.js';
import { rescaleDecimal } from '../../common/values/numeric.js';
import { fastConvertChunk, scaledDecimalColumn } from './fast_columns.js';
import { nestedReader } from './nested_from_arrow.js';
import { type ArrowScalar, type DecimalScalar, dataValues, isValid } from '../../storage/arrow/values.js';

function mismatch(field: Field, type: DataType): QueryError {
  return new QueryError(SQLSTATE.datatype_mismatch, `column "${field.name}" is of Arrow type ${String(type)}, which cannot be read as ${formatType(field.type)}`);
}

/** Convert one scalar (from storage/arrow/values) to the Datum representation of `t`. */
function convertScalar(v: Exclude<ArrowScalar, null>, t: SqlType, field: Field, type: DataType): unknown {
  switch (t.kind) {
    case 'bool':
      if (typeof v === 'boolean') return v ? 1 : 0;
      break;
    case 'int2': case 'int4': case 'date':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      break;
    case 'int8': case 'timestamp': case 'timestamptz':
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number') return BigInt(v);
      break;
    case 'float4': case 'float8':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'object') return Number(v.unscaled) / 10 ** v.scale;
      break;
    case 'numeric': {
      const target = t.scale;
      if (typeof v === 'object') {
        const d = v as DecimalScalar;
        return target === null ? { unscaled: d.unscaled, scale: d.scale } : { unscaled: rescaleDecimal(d.unscaled, d.scale, target), scale: target };
      }
      if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
        const u = BigInt(v);
        return target === null ? { unscaled: u, scale: 0 } : { unscaled: rescaleDecimal(u, 0, target), scale: target };
      }
      break;
    }
    case 'text': case 'varchar': case 'bpchar': case 'unknown': case 'json': case 'jsonb':
      if (typeof v === 'string') return v;
      break;
    case 'interval':
      break;
    default:
      break;
  }
  throw mismatch(field, type);
}

/** Fast path: copy a primitive typed array chunk when source and target layouts agree. */
function fastCopy(data: Data, t: SqlType, dst: unknown, offset: number): boolean {
  const type = data.type as DataType;
  const src = data.values as unknown;
  const n = data.length;
  const ok =
    ((t.kind === 'int4' || t.kind === 'date') && src instanceof Int32Array && (type.typeId === Type.Int || (type.typeId === Type.Date && (type as unknown as { unit: number }).unit === 0))) ||
    (t.kind === 'int2' && src instanceof Int16Array) ||
    (t.kind === 'int8' && src instanceof BigInt64Array && type.typeId === Type.Int) ||
    ((t.kind === 'timestamp' || t.kind === 'timestamptz') && src instanceof BigInt64Array && type.typeId === Type.Timestamp && (type as unknown as { unit: number }).unit === 2) ||
    (t.kind === 'float8' && src instanceof Float64Array) ||
    (t.kind === 'float4' && src instanceof Float32Array);
  if (!ok) return false;
  (dst as { set(a: ArrayLike<unknown>, o: number): void }).set((src as Int32Array).subarray(0, n) as unknown as ArrayLike<unknown>, offset);
  return true;
}

/** The NULL map of some chunks (null when none has NULLs). */
function arrowNulls(chunks: readonly Data[], n: number): Uint8Array | null {
  let nulls: Uint8Array | null = null;
  let o = 0;
  for (const chunk of chunks) {
    if (chunk.nullCount > 0) {
      nulls ??= new Uint8Array(n);
      for (let i = 0; i < chunk.length; i++) if (!isValid(chunk, i)) nulls[o + i] = 1;
    }
    o += chunk.length;
  }
  return nulls;
}

/** One Arrow column (all chunks) → Pier vector of `field.type`. */
export function vectorFromArrow(col: ArrowVector, field: Field): Vector {
  const t = field.type;
  if (t.kind === 'interval') throw new QueryError(SQLSTATE.feature_not_supported, 'interval columns cannot be read from Arrow/Parquet');
  const n = col.length;
  if (t.kind === 'numeric') {
    const scaled = scaledDecimalColumn(col.data as Data[], t, n, arrowNulls(col.data as Data[], n));
    if (scaled !== null) return scaled;
  }
  const data = allocData(t, n);
  let nulls: Uint8Array | null = null;
  let o = 0;
  for (const chunk of col.data as Data[]) {
    const len = chunk.length;
    const hasNulls = chunk.nullCount > 0;
    if (hasNulls) {
      nulls ??= new Uint8Array(n);
      for (let i = 0; i < len; i++) if (!isValid(chunk, i)) nulls[o + i] = 1;
    }
    const nested = nestedReader(chunk, t);
    if (nested !== null) {
      const dst = data as unknown as unknown[];
      for (let i = 0; i < len; i++) {
        const v = nested(i);
        if (v === null) { nulls ??= new Uint8Array(n); nulls[o + i] = 1; } else dst[o + i] = v;
      }
    } else if (!fastCopy(chunk, t, data, o) && !fastConvertChunk(chunk, t, data, o)) {
      const vals = dataValues(chunk);
      const dst = data as unknown as unknown[];
      for (let i = 0; i < len; i++) {
        const v = vals[i]!;
        if (v === null) {
          if (!hasNulls) { nulls ??= new Uint8Array(n); nulls[o + i] = 1; }
          continue;
        }
        dst[o + i] = convertScalar(v, t, field, chunk.type as DataType);
      }
    }
    o += len;
  }
  return { type: t, length: n, data, nulls };
}

const COPYING_KINDS = new Set<SqlType['kind']>(['bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'date', 'timestamp', 'timestamptz', 'text', 'varchar', 'bpchar']);

/**
 * Whether batchFromArrow builds vectors of these fields that share no memory with the Arrow buffers (typed
 * arrays copied, strings decoded, decimals converted): then the Arrow buffers may be short-lived views.
 */
export function convertsByCopy(fields: readonly Field[]): boolean {
  return fields.every((f) => COPYING_KINDS.has(f.type.kind));
}

/**
 * Arrow Table/RecordBatch → Batch with one column per field, found by name. A field missing from the Arrow data
 * becomes an all-NULL column when `missingAsNull` (schema evolution), else an error.
 */
export function batchFromArrow(source: Table | RecordBatch, fields: readonly Field[], options: { readonly missingAsNull?: boolean } = {}): Batch {
  const length = source.numRows;
  const columns = fields.map((f): Vector => {
    const col = source.getChild(f.name);
    if (col === null) {
      if (options.missingAsNull) return { type: f.type, length, data: allocData(f.type, length), nulls: new Uint8Array(length).fill(1) };
      throw new QueryError(SQLSTATE.undefined_column, `column "${f.name}" is missing from the Arrow data`);
    }
    return vectorFromArrow(col as ArrowVector, f);
  });
  return { length, columns };
}

