/**
 * Scalar casts with PostgreSQL semantics: int overflow → 22003, float→int rounds half to even (rint),
 * numeric→int rounds half away from zero, text→X parses (22P02...), X→text formats, numeric(p,s) typmod
 * applied, varchar(n)/char(n) length: explicit casts truncate, assignment casts raise 22001
 * `value too long for type character varying(n)`.
 */
import type { Datum, Numeric } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';
import { formatType, isStringType, type SqlType, type SqlTypeKind } from '../types.js';
import { rtrimSpaces } from './compare.js';
import type { ValueContext } from './context.js';
import { dateToTimestamp, timestampToDate, timestampToTimestamptz, timestamptzToTimestamp } from './datetime.js';
import { rint } from './calendar.js';
import { numericApplyTypmod, numericFromBigInt, numericFromFloat, numericToFloat, numericToInteger } from './numeric.js';
import { padBpchar } from './scalar_parse.js';
import { formatDatum, parseDatum } from './text_io.js';
import { castFromJson } from './json_cast.js';

export type CastMode = 'explicit' | 'implicit' | 'assignment';

type Ctx = 'i' | 'a' | 'e';

/** pg_cast rows among Pier's types (castcontext), besides identity, unknown and I/O conversions. */
const PG_CAST: Partial<Record<SqlTypeKind, Partial<Record<SqlTypeKind, Ctx>>>> = {
  int2: { int4: 'i', int8: 'i', float4: 'i', float8: 'i', numeric: 'i' },
  int4: { int2: 'a', int8: 'i', float4: 'i', float8: 'i', numeric: 'i', bool: 'e' },
  int8: { int2: 'a', int4: 'a', float4: 'i', float8: 'i', numeric: 'i' },
  float4: { int2: 'a', int4: 'a', int8: 'a', float8: 'i', numeric: 'a' },
  float8: { int2: 'a', int4: 'a', int8: 'a', float4: 'a', numeric: 'a' },
  numeric: { int2: 'a', int4: 'a', int8: 'a', float4: 'i', float8: 'i' },
  bool: { int4: 'e' },
  text: { varchar: 'i', bpchar: 'i' },
  varchar: { text: 'i', bpchar: 'i' },
  bpchar: { text: 'i', varchar: 'i' },
  date: { timestamp: 'i', timestamptz: 'i' },
  timestamp: { date: 'a', timestamptz: 'i' },
  timestamptz: { date: 'a', timestamp: 'a' },
  json: { jsonb: 'a' },
  jsonb: { json: 'a', bool: 'e', int2: 'e', int4: 'e', int8: 'e', float4: 'e', float8: 'e', numeric: 'e' },
};

function allows(ctx: Ctx, mode: CastMode): boolean {
  if (mode === 'explicit') return true;
  if (mode === 'assignment') return ctx === 'i' || ctx === 'a';
  return ctx === 'i';
}

/** Does PostgreSQL allow this cast in this context (pg_cast castcontext)? */
export function castAllowed(from: SqlType, to: SqlType, mode: CastMode): boolean {
  if (from.kind === 'array' && to.kind === 'array') return castAllowed(from.element, to.element, mode);
  if (from.kind === to.kind) return true;
  if (from.kind === 'unknown') return true;
  const row = PG_CAST[from.kind]?.[to.kind];
  if (row !== undefined) return allows(row, mode);
  if (to.kind === 'unknown') return false;
  // automatic I/O conversion casts: to a string type in assignment, from a string type explicitly
  if (isStringType(to)) return mode !== 'implicit';
  if (isStringType(from)) return mode === 'explicit';
  return false;
}

const INT_RANGE = {
  int2: { name: 'smallint', min: -32768n, max: 32767n },
  int4: { name: 'integer', min: -2147483648n, max: 2147483647n },
  int8: { name: 'bigint', min: -(2n ** 63n), max: 2n ** 63n - 1n },
} as const;

function intResult(v: bigint, to: 'int2' | 'int4' | 'int8'): number | bigint {
  const r = INT_RANGE[to];
  if (v < r.min || v > r.max) throw new QueryError(SQLSTATE.numeric_value_out_of_range, `${r.name} out of range`);
  return to === 'int8' ? v : Number(v);
}

function floatToInt(v: number, to: 'int2' | 'int4' | 'int8'): number | bigint {
  if (!Number.isFinite(v)) throw new QueryError(SQLSTATE.numeric_value_out_of_range, `${INT_RANGE[to].name} out of range`);
  return intResult(BigInt(rint(v)), to);
}

function toFloat4(v: number): number {
  const f = Math.fround(v);
  if (!Number.isFinite(f) && Number.isFinite(v)) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'value out of range: overflow');
  if (f === 0 && v !== 0) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'value out of range: underflow');
  return f;
}

function withTypmod(n: Numeric, to: SqlType): Numeric {
  if (to.kind !== 'numeric' || to.precision === null) return n;
  return numericApplyTypmod(n, to.precision, to.scale ?? 0);
}

/** string → varchar(n)/char(n): explicit casts truncate, others error on non-space excess (22001) */
function toStringType(s: string, to: SqlType, mode: CastMode, ctx: ValueContext): string {
  if ((to.kind !== 'varchar' && to.kind !== 'bpchar') || to.length === null) return s;
  if (mode !== 'explicit') return parseDatum(to, s, ctx) as string;
  const chars = Array.from(s);
  const out = chars.length > to.length ? chars.slice(0, to.length).join('') : s;
  return to.kind === 'bpchar' ? padBpchar(out, to.length) : out;
}

export function castDatum(value: Exclude<Datum, null>, from: SqlType, to: SqlType, mode: CastMode, ctx: ValueContext): Exclude<Datum, null> {
  const f = from.kind;
  const t = to.kind;
  // to a string type: output function (bpchar loses its padding), then length coercion
  if (t === 'text' || t === 'varchar' || t === 'bpchar') {
    // bool → text is booltext ('true'/'false'), not boolout ('t'/'f')
    let s = isStringType(from) ? (value as string) : f === 'bool' ? String(value) : formatDatum(from, value, ctx);
    if (f === 'bpchar') s = rtrimSpaces(s);
    return toStringType(s, to, mode, ctx);
  }
  if (t === 'unknown') return isStringType(from) ? value : formatDatum(from, value, ctx);
  if (from.kind === 'array' && to.kind === 'array') {
    const fe = from.element, te = to.element;
    return (value as readonly Datum[]).map((d) => (d === null ? null : castDatum(d, fe, te, mode, ctx)));
  }
  // from a string type: input function
  if (isStringType(from)) return parseDatum(to, value as string, ctx);
  if (f === 'json' || f === 'jsonb') { const r = castFromJson(value as string, f, to, ctx); if (r !== undefined) return r; }
  switch (t) {
    case 'bool':
      if (f === 'bool') return value;
      if (f === 'int4') return (value as number) !== 0;
      break;
    case 'int2': case 'int4': case 'int8':
      if (f === 'int2' || f === 'int4') return intResult(BigInt(value as number), t);
      if (f === 'int8') return intResult(value as bigint, t);
      if (f === 'float4' || f === 'float8') return floatToInt(value as number, t);
      if (f === 'numeric') {
        const r = INT_RANGE[t];
        const v = numericToInteger(value as Numeric, r.name, r.min, r.max);
        return t === 'int8' ? v : Number(v);
      }
      if (f === 'bool' && t === 'int4') return value ? 1 : 0;
      break;
    case 'float4': case 'float8': {
      let v: number | null = null;
      if (f === 'int2' || f === 'int4' || f === 'float4' || f === 'float8') v = value as number;
      else if (f === 'int8') v = Number(value as bigint);
      else if (f === 'numeric') v = numericToFloat(value as Numeric);
      if (v !== null) return t === 'float4' ? toFloat4(v) : v;
      break;
    }
    case 'numeric':
      if (f === 'numeric') return withTypmod(value as Numeric, to);
      if (f === 'int2' || f === 'int4') return withTypmod(numericFromBigInt(BigInt(value as number)), to);
      if (f === 'int8') return withTypmod(numericFromBigInt(value as bigint), to);
      if (f === 'float8') return withTypmod(numericFromFloat(value as number, 15), to);
      if (f === 'float4') return withTypmod(numericFromFloat(value as number, 6), to);
      break;
    case 'date':
      if (f === 'date') return value;
      if (f === 'timestamp') return timestampToDate(value as bigint);
      if (f === 'timestamptz') return timestampToDate(timestamptzToTimestamp(value as bigint, ctx.timeZone));
      break;
    case 'timestamp':
      if (f === 'timestamp') return value;
      if (f === 'date') return dateToTimestamp(value as number);
      if (f === 'timestamptz') return timestamptzToTimestamp(value as bigint, ctx.timeZone);
      break;
    case 'timestamptz':
      if (f === 'timestamptz') return value;
      if (f === 'timestamp') return timestampToTimestamptz(value as bigint, ctx.timeZone);
      if (f === 'date') return timestampToTimestamptz(dateToTimestamp(value as number), ctx.timeZone);
      break;
    case 'interval':
      if (f === 'interval') return value;
      break;
    default:
      break;
  }
  throw new QueryError(SQLSTATE.cannot_coerce, `cannot cast type ${formatType(from)} to ${formatType(to)}`);
}
