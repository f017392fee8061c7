/**
 * PostgreSQL's type input/output functions: the text wire format, literal parsing and casts to/from text.
 * formatDatum(T.bool, true) = 't'; numeric keeps its scale ('10.50'); float8 prints shortest round-trip
 * ('0.1', '1e+20', 'Infinity', 'NaN') and with extra_float_digits <= 0 uses %.15g/%.6g like PostgreSQL.
 * parseDatum errors: 22P02 invalid_text_representation (with PostgreSQL's message, e.g.
 * `invalid input syntax for type integer: "abc"`), 22003 out of range, 22007/22008 for date/time.
 */
import type { Datum, Interval, Numeric } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';
import { assertNever, type SqlType } from '../types.js';
import { formatArray, parseArray } from './array_io.js';
import { formatBytea, parseBytea } from './bytea_io.js';
import { parseJson, parseJsonb } from './json_format.js';
import type { ValueContext } from './context.js';
import { formatDate, formatTimestamp, formatTimestamptz, parseDate, parseTimestamp, parseTimestamptz } from './datetime.js';
import { formatFloat4, formatFloat8 } from './float_format.js';
import { formatInterval, parseInterval } from './interval.js';
import { formatNumeric, numericApplyTypmod, parseNumeric } from './numeric.js';
import { padBpchar, parseBool, parseFloat4, parseFloat8, parseInt2, parseInt4, parseInt8 } from './scalar_parse.js';

export function formatDatum(type: SqlType, value: Exclude<Datum, null>, ctx: ValueContext): string {
  switch (type.kind) {
    case 'bool': return value ? 't' : 'f';
    case 'int2': case 'int4': case 'int8': return String(value);
    case 'float4': return formatFloat4(value as number, ctx.extraFloatDigits);
    case 'float8': return formatFloat8(value as number, ctx.extraFloatDigits);
    case 'numeric': return formatNumeric(value as Numeric);
    case 'text': case 'varchar': case 'bpchar': case 'unknown': return value as string;
    case 'date': return formatDate(value as number);
    case 'timestamp': return formatTimestamp(value as bigint);
    case 'timestamptz': return formatTimestamptz(value as bigint, ctx.timeZone);
    case 'interval': return formatInterval(value as Interval);
    case 'bytea': return formatBytea(value as string);
    case 'json': case 'jsonb': return value as string;
    case 'array': { const el = type.element; return formatArray(value as readonly Datum[], (v) => formatDatum(el, v, ctx)); }
    default: return assertNever(type);
  }
}

function checkLength(s: string, length: number | null, typeName: string): string {
  if (length === null) return s;
  const chars = Array.from(s);
  if (chars.length <= length) return s;
  // excess characters may only be spaces, which are silently truncated
  for (let i = length; i < chars.length; i++) {
    if (chars[i] !== ' ') {
      throw new QueryError(SQLSTATE.string_data_right_truncation, `value too long for type ${typeName}(${length})`);
    }
  }
  return chars.slice(0, length).join('');
}

export function parseDatum(type: SqlType, text: string, ctx: ValueContext): Exclude<Datum, null> {
  switch (type.kind) {
    case 'bool': return parseBool(text);
    case 'int2': return parseInt2(text);
    case 'int4': return parseInt4(text);
    case 'int8': return parseInt8(text);
    case 'float4': return parseFloat4(text);
    case 'float8': return parseFloat8(text);
    case 'numeric': {
      const n = parseNumeric(text);
      return type.precision === null ? n : numericApplyTypmod(n, type.precision, type.scale ?? 0);
    }
    case 'text': case 'unknown': return text;
    case 'varchar': return checkLength(text, type.length, 'character varying');
    case 'bpchar': return padBpchar(checkLength(text, type.length, 'character'), type.length);
    case 'date': return parseDate(text, ctx.timeZone);
    case 'timestamp': return parseTimestamp(text);
    case 'timestamptz': return parseTimestamptz(text, ctx.timeZone);
    case 'interval': return parseInterval(text);
    case 'bytea': return parseBytea(text);
    case 'json': return parseJson(text);
    case 'jsonb': return parseJsonb(text);
    case 'array': { const el = type.element; return parseArray(text, (t) => parseDatum(el, t, ctx)); }
    default: return assertNever(type);
  }
}
