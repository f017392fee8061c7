/**
 * Pier Batches + Field[] → Arrow Table (one RecordBatch per Batch), for writing Parquet.
 * numeric(p ≤ 18, s) → Decimal64(p,s) (Parquet INT64), wider numeric(p,s) → Decimal128(p,s) (unconstrained
 * numeric → Decimal128(38,18)); timestamp → Timestamp(us);
 * timestamptz → Timestamp(us, 'UTC'); date → DateDay; int2 → Int16; strings → Utf8; interval → 0A000.
 */
import {
  Binary, Bool, type DataType, DateDay, Decimal, Field as ArrowField, Float32, Float64, Int16, Int32, Int64,
  RecordBatch, Schema, Struct, Table, TimeUnit, Timestamp, Utf8, makeData,
} from 'apache-arrow';
import type { Numeric } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { type Field, type SqlType, assertNever, formatType } from '../../common/types.js';
import { numericObjects, type Batch, type Vector } from '../../common/vector.js';
import { rescaleDecimal } from '../../common/values/numeric.js';
import { putSafeInteger, scaledDecimalWords } from './scaled_words.js';
import { arrowListType, binaryData, listData } from './nested_to_arrow.js';
import { utf8Buffers } from '../../storage/arrow/values.js';

const UNCONSTRAINED = { precision: 38, scale: 18 };
/** numeric(p ≤ 18, s) is written as a 64-bit decimal (Parquet INT64; read back without widening to 128 bits) */
const DECIMAL64_MAX_PRECISION = 18;

/**
 * Decimal128 words of `n` values → Decimal64 words: the low two words of each value's four (for a precision
 * ≤ 18 every value fits, the high words being its sign).
 */
export function decimal64Words(words: Uint32Array, n: number): Uint32Array {
  const out = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = words[4 * i]!;
    out[2 * i + 1] = words[4 * i + 1]!;
  }
  return out;
}
const SAFE = 2n ** 53n;

export function arrowTypeFor(t: SqlType): DataType {
  switch (t.kind) {
    case 'bool': return new Bool();
    case 'int2': return new Int16();
    case 'int4': return new Int32();
    case 'int8': return new Int64();
    case 'float4': return new Float32();
    case 'float8': return new Float64();
    case 'numeric': {
      const p = t.precision ?? UNCONSTRAINED.precision;
      const s = t.precision === null ? UNCONSTRAINED.scale : (t.scale ?? 0);
      return new Decimal(s, p, p <= DECIMAL64_MAX_PRECISION ? 64 : 128);
    }
    case 'text': case 'varchar': case 'bpchar': case 'unknown': return new Utf8();
    case 'date': return new DateDay();
    case 'timestamp': return new Timestamp(TimeUnit.MICROSECOND, null);
    case 'timestamptz': return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case 'bytea': return new Binary();
    case 'json': case 'jsonb': return new Utf8();
    case 'array': return arrowListType(arrowTypeFor(t.element));
    case 'interval': throw new QueryError(SQLSTATE.feature_not_supported, `type ${formatType(t)} cannot be written to Parquet`);
    default: return assertNever(t);
  }
}

export function arrowSchemaFor(fields: readonly Field[]): Schema {
  return new Schema(fields.map((f) => new ArrowField(f.name, arrowTypeFor(f.type), f.nullable)));
}

function validity(v: Vector): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  if (v.nulls === null) return { nullBitmap: undefined, nullCount: 0 };
  const bitmap = new Uint8Array(((v.length + 63) >> 6) << 3);
  let nullCount = 0;
  for (let i = 0; i < v.length; i++) {
    if (v.nulls[i] === 1) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return nullCount === 0 ? { nullBitmap: undefined, nullCount: 0 } : { nullBitmap: bitmap, nullCount };
}

function decimalWords(values: readonly (Numeric | null)[], v: Vector, precision: number, scale: number, name: string): Uint32Array {
  const words = new Uint32Array(values.length * 4);
  const limit = 10n ** BigInt(precision);
  for (let i = 0; i < values.length; i++) {
    if (v.nulls !== null && v.nulls[i] === 1) continue;
    const x = values[i];
    if (x === null || x === undefined) continue;
    if (x.special !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, `cannot store numeric value ${x.special === 'nan' ? 'NaN' : 'Infinity'} in column "${name}"`);
    if (x.scale === scale && x.unscaled < SAFE && x.unscaled > -SAFE && precision >= 16) {
      // fits in 53 bits (so within any precision ≥ 16): split into words without bigint arithmetic
      putSafeInteger(words, i, Number(x.unscaled));
      continue;
    }
    let u = rescaleDecimal(x.unscaled, x.scale, scale);
    if (u >= limit || u <= -limit) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'numeric field overflow', { detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than 10^${precision - scale}.` });
    if (u < 0n) u += 1n << 128n;
    for (let w = 0; w < 4; w++) {
      words[i * 4 + w] = Number(u & 0xffffffffn);
      u >>= 32n;
    }
  }
  return words;
}

/** Utf8 buffers of a text vector ('' at NULL positions). */
function utf8Data(values: readonly string[], v: Vector): { valueOffsets: Int32Array; data: Uint8Array } {
  return utf8Buffers(v.nulls === null ? values : values.map((s, i) => (v.nulls![i] === 1 ? '' : (s ?? ''))));
}

/** One Pier vector → Arrow Data of the field's Arrow type. */
export function dataFromVector(v: Vector, f: Field, type: DataType = arrowTypeFor(f.type)) {
  const { nullBitmap, nullCount } = validity(v);
  const length = v.length;
  const t = f.type;
  switch (t.kind) {
    case 'bool': {
      const src = v.data as Uint8Array;
      const bits = new Uint8Array(((length + 63) >> 6) << 3);
      for (let i = 0; i < length; i++) if (src[i] === 1) bits[i >> 3]! |= 1 << (i & 7);
      return makeData({ type: type as Bool, length, nullCount, nullBitmap, data: bits });
    }
    case 'int2': return makeData({ type: type as Int16, length, nullCount, nullBitmap, data: v.data as Int16Array });
    case 'int4': return makeData({ type: type as Int32, length, nullCount, nullBitmap, data: v.data as Int32Array });
    case 'int8': return makeData({ type: type as Int64, length, nullCount, nullBitmap, data: v.data as BigInt64Array });
    case 'float4': return makeData({ type: type as Float32, length, nullCount, nullBitmap, data: v.data as Float32Array });
    case 'float8': return makeData({ type: type as Float64, length, nullCount, nullBitmap, data: v.data as Float64Array });
    case 'date': return makeData({ type: type as DateDay, length, nullCount, nullBitmap, data: v.data as Int32Array });
    case 'timestamp': case 'timestamptz':
      return makeData({ type: type as Timestamp, length, nullCount, nullBitmap, data: v.data as BigInt64Array });
    case 'numeric': {
      const d = type as Decimal;
      const words = scaledDecimalWords(v, d.precision, d.scale) ?? decimalWords(numericObjects(v), v, d.precision, d.scale, f.name);
      return makeData({ type: d, length, nullCount, nullBitmap, data: d.bitWidth === 64 ? decimal64Words(words, length) : words });
    }
    case 'bytea': return binaryData(v, type, nullBitmap, nullCount);
    case 'array': return listData(v, f, type, nullBitmap, nullCount, dataFromVector);
    case 'text': case 'varchar': case 'bpchar': case 'unknown': case 'json': case 'jsonb': {
      const { valueOffsets, data } = utf8Data(v.data as string[], v);
      return makeData({ type: type as Utf8, length, nullCount, nullBitmap, valueOffsets, data });
    }
    case 'interval': throw new QueryError(SQLSTATE.feature_not_supported, `type ${formatType(t)} cannot be written to Parquet`);
    default: return assertNever(t);
  }
}

/** Batches (columns in `fields` order) → Arrow Table with one record batch per non-empty Batch. */
export function tableFromBatches(batches: readonly Batch[], fields: readonly Field[]): Table {
  const schema = arrowSchemaFor(fields);
  const types = schema.fields.map((f) => f.type as DataType);
  const rbs: RecordBatch[] = [];
  for (const b of batches) {
    if (b.length === 0) continue;
    const children = fields.map((f, c) => dataFromVector(b.columns[c]!, f, types[c]));
    const struct = makeData({ type: new Struct(schema.fields), length: b.length, nullCount: 0, children });
    rbs.push(new RecordBatch(schema, struct));
  }
  return rbs.length === 0 ? new Table(schema) : new Table(rbs);
}
