/**
 * JSON text forms: PostgreSQL's escape_json, jsonb normalisation (object keys unique, ordered by length then
 * bytes; numbers as numeric prints them; `", "` / `": "` spacing), jsonb_pretty, and the jsonb total order
 * (Object > Array > Boolean > Number > String > Null; containers by size first).
 */
import { compareText } from './compare.js';
import { J, type JsonValue, parseJsonValue } from './json_value.js';
import { formatNumeric, numericCmp, parseNumeric } from './numeric.js';

export function escapeJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) {
      out += c === 8 ? '\\b' : c === 12 ? '\\f' : c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

const ASCII = /^[\x00-\x7f]*$/;

function utf8Length(s: string): number {
  if (ASCII.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** jsonb key order: shorter first, then bytewise (UTF-8). */
export function compareJsonbKeys(a: string, b: string): number {
  if (a.length !== b.length || !ASCII.test(a) || !ASCII.test(b)) {
    const la = utf8Length(a), lb = utf8Length(b);
    if (la !== lb) return la - lb;
  }
  return compareText(a, b);
}

export function normaliseJsonb(v: JsonValue): JsonValue {
  switch (v.k) {
    // plain decimal notation is already numeric's output (except negative zero)
    case 'num': return /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(v.v) && !/^-0(?:\.0*)?$/.test(v.v) ? J.num(v.v) : J.num(formatNumeric(parseNumeric(v.v)));
    case 'arr': return J.arr(v.v.map(normaliseJsonb));
    case 'obj': {
      const byKey = new Map<string, JsonValue>();
      for (const [key, val] of v.v) byKey.set(key, normaliseJsonb(val));
      const entries = [...byKey.entries()];
      return J.obj(entries.length < 2 ? entries : entries.sort((x, y) => compareJsonbKeys(x[0], y[0])));
    }
    default: return v;
  }
}

/** jsonb output text of a normalised value. */
export function jsonbText(v: JsonValue): string {
  switch (v.k) {
    case 'null': return 'null';
    case 'bool': return v.v ? 'true' : 'false';
    case 'num': return v.v;
    case 'str': return escapeJsonString(v.v);
    case 'arr': return `[${v.v.map(jsonbText).join(', ')}]`;
    case 'obj': return `{${v.v.map(([key, val]) => `${escapeJsonString(key)}: ${jsonbText(val)}`).join(', ')}}`;
  }
}

/** jsonb_in: text → the normalised jsonb text (the jsonb datum). */
export function parseJsonb(text: string): string {
  return jsonbText(normaliseJsonb(parseJsonValue(text, 'jsonb')));
}

/** json_in: validates, keeps the text as entered. */
export function parseJson(text: string): string {
  parseJsonValue(text, 'json');
  return text;
}

/** A value's text in a json (not jsonb) result: the source slice when it came from parsed text. */
export function jsonSourceText(v: JsonValue, source: string): string {
  if (v.e > v.s) return source.slice(v.s, v.e);
  return compactJsonText(v);
}

/** json text of a built value, without spaces (array_to_json / row_to_json style). */
export function compactJsonText(v: JsonValue): string {
  switch (v.k) {
    case 'arr': return `[${v.v.map(compactJsonText).join(',')}]`;
    case 'obj': return `{${v.v.map(([key, val]) => `${escapeJsonString(key)}:${compactJsonText(val)}`).join(',')}}`;
    default: return jsonbText(v);
  }
}

export function jsonbPretty(v: JsonValue, indent = ''): string {
  const inner = indent + '    ';
  switch (v.k) {
    case 'arr':
      if (v.v.length === 0) return `[\n${indent}]`;
      return `[\n${v.v.map((x) => inner + jsonbPretty(x, inner)).join(',\n')}\n${indent}]`;
    case 'obj':
      if (v.v.length === 0) return `{\n${indent}}`;
      return `{\n${v.v.map(([key, x]) => `${inner}${escapeJsonString(key)}: ${jsonbPretty(x, inner)}`).join(',\n')}\n${indent}}`;
    default: return jsonbText(v);
  }
}

const RANK = { null: 0, str: 1, num: 2, bool: 3, arr: 4, obj: 5 } as const;

export function compareJsonValues(a: JsonValue, b: JsonValue): number {
  if (a.k !== b.k) return RANK[a.k] - RANK[b.k];
  switch (a.k) {
    case 'null': return 0;
    case 'bool': return a.v === (b as typeof a).v ? 0 : a.v ? 1 : -1;
    case 'num': return numericCmp(parseNumeric(a.v), parseNumeric((b as typeof a).v));
    case 'str': return compareText(a.v, (b as typeof a).v);
    case 'arr': {
      const y = (b as typeof a).v;
      if (a.v.length !== y.length) return a.v.length - y.length;
      for (let i = 0; i < y.length; i++) { const c = compareJsonValues(a.v[i]!, y[i]!); if (c !== 0) return c; }
      return 0;
    }
    case 'obj': {
      const y = (b as typeof a).v;
      if (a.v.length !== y.length) return a.v.length - y.length;
      for (let i = 0; i < y.length; i++) {
        const c = compareJsonbKeys(a.v[i]![0], y[i]![0]) || compareJsonValues(a.v[i]![1], y[i]![1]);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

export function compareJsonb(a: string, b: string): number {
  if (a === b) return 0;
  const x = parseJsonValue(a, 'jsonb'), y = parseJsonValue(b, 'jsonb');
  // PostgreSQL: an empty top-level array sorts below everything else (even null)
  const ex = x.k === 'arr' && x.v.length === 0, ey = y.k === 'arr' && y.v.length === 0;
  if (ex || ey) return ex && ey ? 0 : ex ? -1 : 1;
  const c = compareJsonValues(x, y);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

function canonicalNumbers(v: JsonValue): JsonValue {
  switch (v.k) {
    case 'num': {
      let t = formatNumeric(parseNumeric(v.v));
      if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
      return J.num(t === '-0' ? '0' : t);
    }
    case 'arr': return J.arr(v.v.map(canonicalNumbers));
    case 'obj': return J.obj(v.v.map(([k, x]) => [k, canonicalNumbers(x)] as const));
    default: return v;
  }
}

/** A hash key of a jsonb datum: equal exactly when the values are equal (1.0 = 1, as jsonb's = says). */
export function jsonbKey(text: string): string {
  if (!/\d/.test(text)) return text;
  return jsonbText(canonicalNumbers(parseJsonValue(text, 'jsonb')));
}
