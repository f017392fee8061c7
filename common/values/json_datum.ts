/**
 * SQL datum → JSON value, as PostgreSQL's to_json / to_jsonb (datum_to_json): numbers stay numbers (NaN and
 * infinities become strings), dates and timestamps ISO 8601 strings (`2024-01-02T03:04:05+00:00`), arrays JSON
 * arrays, json/jsonb embedded as they are, bytea `\x…` strings, everything else its text output as a string.
 */
import type { Datum, Numeric } from '../datum.js';
import type { SqlType } from '../types.js';
import type { ValueContext } from './context.js';
import { formatDate, formatTimestamp, formatTimestamptz } from './datetime.js';
import { compactJsonText, jsonbText, normaliseJsonb } from './json_format.js';
import { J, type JsonValue, parseJsonValue } from './json_value.js';
import { formatDatum } from './text_io.js';

function isoTimestamp(text: string): string {
  if (/^-?infinity$/.test(text)) return text;
  const t = text.replace(' ', 'T');
  return /[+-]\d\d$/.test(t) ? `${t}:00` : t;
}

/** `raw`: the JSON text of a json datum embedded verbatim (json results keep their inputs' text). */
export function rawJson(text: string): JsonValue {
  return { k: 'num', v: text, s: 0, e: 0 };
}

export function datumToJson(type: SqlType, d: Datum, ctx: ValueContext, forJsonb: boolean): JsonValue {
  if (d === null) return J.null();
  switch (type.kind) {
    case 'bool': return J.bool(d as boolean);
    case 'int2': case 'int4': case 'int8': return J.num(String(d));
    case 'float4': case 'float8': case 'numeric': {
      const s = formatDatum(type, d, ctx);
      if (type.kind === 'numeric' && (d as Numeric).special !== undefined) return J.str(s);
      return /^-?(Infinity|NaN)$/.test(s) ? J.str(s) : J.num(s);
    }
    case 'date': return J.str(formatDate(d as number));
    case 'timestamp': return J.str(isoTimestamp(formatTimestamp(d as bigint)));
    case 'timestamptz': return J.str(isoTimestamp(formatTimestamptz(d as bigint, ctx.timeZone)));
    case 'json': return forJsonb ? normaliseJsonb(parseJsonValue(d as string)) : rawJson(d as string);
    case 'jsonb': return forJsonb ? parseJsonValue(d as string, 'jsonb') : rawJson(d as string);
    case 'array': { const el = type.element; return J.arr((d as readonly Datum[]).map((x) => datumToJson(el, x, ctx, forJsonb))); }
    default: return J.str(formatDatum(type, d as Exclude<Datum, null>, ctx));
  }
}

/** to_json(x) text. */
export function toJsonText(type: SqlType, d: Datum, ctx: ValueContext): string {
  return compactJsonText(datumToJson(type, d, ctx, false));
}

/** to_jsonb(x) text (the jsonb datum). */
export function toJsonbText(type: SqlType, d: Datum, ctx: ValueContext): string {
  return jsonbText(normaliseJsonb(datumToJson(type, d, ctx, true)));
}
