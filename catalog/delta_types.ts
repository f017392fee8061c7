/**
 * SqlType ↔ Delta type, Delta partition-value strings → Datum, and stats JSON values → Datum.
 *
 * | SqlType             | Delta                                                                   |
 * |---------------------|-------------------------------------------------------------------------|
 * | bool                | boolean                                                                 |
 * | int2                | short (byte reads as int2)                                              |
 * | int4                | integer                                                                 |
 * | int8                | long                                                                    |
 * | float4 / float8     | float / double                                                          |
 * | numeric(p,s)        | decimal(p,s); unconstrained numeric → decimal(38,18)                    |
 * | text                | string                                                                  |
 * | varchar(n)/char(n)  | string + metadata {"__CHAR_VARCHAR_TYPE_STRING":"varchar(n)"} (Spark)   |
 * | date                | date                                                                    |
 * | timestamptz         | timestamp                                                               |
 * | timestamp           | timestamp_ntz                                                           |
 * | bytea, T[], json(b) | binary, array<T>, string + metadata: see delta_nested_types.ts          |
 */
import type { Datum, Numeric } from '../common/datum.js';
import { QueryError, SQLSTATE } from '../common/errors.js';
import { type Field, type SqlType, T, assertNever, formatType, numericType } from '../common/types.js';
import { utf8ByteString } from '../common/values/bytea_io.js';
import { parseDatum } from '../common/values/text_io.js';
import { DEFAULT_VALUE_CONTEXT } from '../common/values/context.js';
import type { DeltaDataType, DeltaStructField, DeltaStructType } from '../storage/delta/schema.js';
import { parseDecimalType } from '../storage/delta/schema.js';
import { PIER_SQL_TYPE_KEY, deltaArrayOf, jsonTypeFromMetadata, nestedDeltaTypeToSql } from './delta_nested_types.js';

export const CHAR_VARCHAR_KEY = '__CHAR_VARCHAR_TYPE_STRING';
/** Spark's widest decimal; used for unconstrained numeric. */
export const UNCONSTRAINED_NUMERIC_DELTA = { precision: 38, scale: 18 } as const;

function unsupported(type: string, column?: string): QueryError {
  return new QueryError(SQLSTATE.feature_not_supported, `unsupported Delta type "${type}"${column === undefined ? '' : ` of column "${column}"`}`);
}

/** The Delta type (and column metadata) of a SqlType. */
export function sqlTypeToDelta(t: SqlType): { type: DeltaDataType; metadata: Record<string, unknown> } {
  switch (t.kind) {
    case 'bool': return { type: 'boolean', metadata: {} };
    case 'int2': return { type: 'short', metadata: {} };
    case 'int4': return { type: 'integer', metadata: {} };
    case 'int8': return { type: 'long', metadata: {} };
    case 'float4': return { type: 'float', metadata: {} };
    case 'float8': return { type: 'double', metadata: {} };
    case 'numeric': {
      if (t.precision === null) return { type: `decimal(${UNCONSTRAINED_NUMERIC_DELTA.precision},${UNCONSTRAINED_NUMERIC_DELTA.scale})`, metadata: {} };
      if (t.precision > 38) throw new QueryError(SQLSTATE.feature_not_supported, `numeric precision ${t.precision} exceeds the maximum of 38 for Delta tables`);
      return { type: `decimal(${t.precision},${t.scale ?? 0})`, metadata: {} };
    }
    case 'text': case 'unknown': return { type: 'string', metadata: {} };
    case 'varchar':
      return t.length === null ? { type: 'string', metadata: {} } : { type: 'string', metadata: { [CHAR_VARCHAR_KEY]: `varchar(${t.length})` } };
    case 'bpchar':
      return { type: 'string', metadata: { [CHAR_VARCHAR_KEY]: `char(${t.length ?? 1})` } };
    case 'date': return { type: 'date', metadata: {} };
    case 'timestamp': return { type: 'timestamp_ntz', metadata: {} };
    case 'timestamptz': return { type: 'timestamp', metadata: {} };
    case 'bytea': return { type: 'binary', metadata: {} };
    case 'json': case 'jsonb': return { type: 'string', metadata: { [PIER_SQL_TYPE_KEY]: t.kind } };
    case 'array': return { type: deltaArrayOf(t.element, (e) => sqlTypeToDelta(e).type), metadata: {} };
    case 'interval': throw new QueryError(SQLSTATE.feature_not_supported, `type ${formatType(t)} cannot be stored in a Delta table`);
    default: return assertNever(t);
  }
}

/** The SqlType of a Delta column type (+ its metadata). 0A000 for binary and nested types. */
export function deltaTypeToSql(type: DeltaDataType, metadata: Readonly<Record<string, unknown>> = {}, column?: string): SqlType {
  if (typeof type !== 'string') return nestedDeltaTypeToSql(type, (el) => deltaTypeToSql(el, {}, column));
  switch (type) {
    case 'boolean': return T.bool;
    case 'byte': case 'short': return T.int2;
    case 'integer': return T.int4;
    case 'long': return T.int8;
    case 'float': return T.float4;
    case 'double': return T.float8;
    case 'date': return T.date;
    case 'timestamp': return T.timestamptz;
    case 'timestamp_ntz': return T.timestamp;
    case 'binary': return T.bytea;
    case 'string': {
      const json = jsonTypeFromMetadata(metadata);
      if (json !== null) return json;
      const cv = metadata[CHAR_VARCHAR_KEY];
      if (typeof cv === 'string') {
        const m = /^(varchar|char)\((\d+)\)$/i.exec(cv.trim());
        if (m !== null) return m[1]!.toLowerCase() === 'varchar' ? { kind: 'varchar', length: Number(m[2]) } : { kind: 'bpchar', length: Number(m[2]) };
      }
      return T.text;
    }
    default: {
      const d = parseDecimalType(type);
      if (d !== null) return numericType(d.precision, d.scale);
      throw unsupported(type, column);
    }
  }
}

export function fieldToDelta(f: Field): DeltaStructField {
  const { type, metadata } = sqlTypeToDelta(f.type);
  return { name: f.name, type, nullable: f.nullable, metadata };
}

export function fieldsToDeltaSchema(fields: readonly Field[]): DeltaStructType {
  return { type: 'struct', fields: fields.map(fieldToDelta) };
}

export function deltaSchemaToFields(schema: DeltaStructType): Field[] {
  return schema.fields.map((f) => ({ name: f.name, type: deltaTypeToSql(f.type, f.metadata, f.name), nullable: f.nullable }));
}

// ---------------------------------------------------------------------------------------------
// values

const DAY_MS = 86_400_000;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** "12.50", "-3", "1e3", "1.5E-2" → Numeric at `scale` (rounded half away from zero) or at its own scale. */
export function parseDecimalText(text: string, scale: number | null): Numeric {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type numeric: "${text}"`);
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  let unscaled = BigInt((intPart + frac) || '0');
  let own = frac.length - exp;
  if (own < 0) { unscaled *= pow10(-own); own = 0; }
  if (m[1] === '-') unscaled = -unscaled;
  if (scale === null || scale === own) return { unscaled, scale: own };
  if (scale > own) return { unscaled: unscaled * pow10(scale - own), scale };
  const d = pow10(own - scale);
  const q = unscaled / d;
  const r = unscaled % d;
  const twice = (r < 0n ? -r : r) * 2n;
  return { unscaled: twice >= d ? (unscaled < 0n ? q - 1n : q + 1n) : q, scale };
}

/** "2024-01-01" → days since epoch. */
export function parseIsoDate(text: string): number {
  const m = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (m === null) throw new QueryError(SQLSTATE.invalid_datetime_format, `invalid input syntax for type date: "${text}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (Number.isNaN(ms) || d.getUTCDate() !== Number(m[3])) throw new QueryError(SQLSTATE.datetime_field_overflow, `date/time field value out of range: "${text}"`);
  return Math.floor(ms / DAY_MS);
}

/**
 * "2024-01-01 10:00:00[.ffffff]", "2024-01-01T10:00:00.000Z", "...+02:00" → micros since epoch.
 * Text without a zone is read as UTC (Pier writes partition values and stats in UTC).
 */
export function parseIsoTimestamp(text: string): bigint {
  const m = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i.exec(text);
  if (m === null) throw new QueryError(SQLSTATE.invalid_datetime_format, `invalid input syntax for type timestamp: "${text}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (Number.isNaN(ms)) throw new QueryError(SQLSTATE.datetime_field_overflow, `date/time field value out of range: "${text}"`);
  let micros = BigInt(ms) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0').slice(0, 6) || '0');
  const z = m[8];
  if (z !== undefined && z.toUpperCase() !== 'Z') {
    const sign = z[0] === '-' ? -1n : 1n;
    const digits = z.slice(1).replace(':', '');
    const offMin = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
    micros -= sign * offMin * 60_000_000n;
  }
  return micros;
}

/** A value of `partitionValues` (Spark's string form; null or '' = NULL) → Datum of `t`. */
export function partitionValueToDatum(value: string | null | undefined, t: SqlType): Datum {
  if (value === null || value === undefined) return null;
  if (value === '' && t.kind !== 'text' && t.kind !== 'varchar' && t.kind !== 'bpchar') return null;
  return textToDatum(value, t);
}

function textToDatum(value: string, t: SqlType): Exclude<Datum, null> {
  switch (t.kind) {
    case 'bool': {
      const v = value.trim().toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
      throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type boolean: "${value}"`);
    }
    case 'int2': case 'int4': {
      const n = Number(value);
      if (!Number.isInteger(n)) throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type ${formatType(t)}: "${value}"`);
      return n;
    }
    case 'int8':
      try { return BigInt(value.trim()); } catch {
        throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type bigint: "${value}"`);
      }
    case 'float4': case 'float8': {
      const v = value.trim();
      const n = v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v);
      if (Number.isNaN(n) && v !== 'NaN') throw new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type ${formatType(t)}: "${value}"`);
      return n;
    }
    case 'numeric': return parseDecimalText(value, t.scale);
    case 'text': case 'varchar': case 'bpchar': case 'unknown': return value;
    case 'date': return parseIsoDate(value);
    case 'timestamp': case 'timestamptz': return parseIsoTimestamp(value);
    case 'interval': throw new QueryError(SQLSTATE.feature_not_supported, 'interval values cannot be stored in a Delta table');
    // Delta writes binary partition values as the bytes' code points ("\u0001\u0002")
    case 'bytea': return /^[\u0000-\u00ff]*$/.test(value) ? value : utf8ByteString(value);
    case 'json': case 'jsonb': return parseDatum(t, value, DEFAULT_VALUE_CONTEXT);
    case 'array': throw new QueryError(SQLSTATE.feature_not_supported, 'array values cannot be stored in a Delta table');
    default: return assertNever(t);
  }
}

/**
 * A minValues/maxValues entry (as JSON.parse or storage/delta/stats.parseStats gives it) → Datum of `t`, or null
 * when it cannot be used. Timestamps in stats are truncated to milliseconds: for `bound` 'max' 999 µs are added so
 * the value stays an upper bound. Truncated string maxima stay upper bounds as written.
 */
export function statsValueToDatum(value: unknown, t: SqlType, bound: 'min' | 'max' = 'min'): Datum {
  if (value === null || value === undefined) return null;
  try {
    switch (t.kind) {
      case 'int2': case 'int4': case 'float4': case 'float8':
        if (typeof value === 'number') return value;
        if (typeof value === 'string') return textToDatum(value, t);
        return null;
      case 'int8':
        if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : null;
        if (typeof value === 'string') return BigInt(value);
        return null;
      case 'numeric':
        if (typeof value === 'number' || typeof value === 'string') return parseDecimalText(String(value), null);
        return null;
      case 'timestamp': case 'timestamptz':
        if (typeof value !== 'string') return null;
        return parseIsoTimestamp(value) + (bound === 'max' ? 999n : 0n);
      case 'bool':
        return typeof value === 'boolean' ? value : null;
      case 'bytea': case 'json': case 'jsonb': case 'array':
        return null;
      default:
        return typeof value === 'string' ? textToDatum(value, t) : null;
    }
  } catch {
    return null;
  }
}
