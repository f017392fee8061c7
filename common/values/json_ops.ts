/**
 * JSON navigation and jsonb operators on datums (json text as entered / jsonb normalised text):
 * `->`, `->>`, `#>`, `#>>`, `@>`, `?`, `?|`, `?&`, `||`, `-`, typeof, array length, and the rows of
 * json(b)_each / json(b)_array_elements / json(b)_object_keys. Errors are PostgreSQL's (22023).
 */
import { QueryError, SQLSTATE } from '../errors.js';
import { compareJsonValues, jsonbText, jsonSourceText, normaliseJsonb } from './json_format.js';
import { J, type JsonValue, parseJsonValue } from './json_value.js';

export type JsonKind = 'json' | 'jsonb';

function parse(text: string, kind: JsonKind): JsonValue {
  return parseJsonValue(text, kind);
}

function fieldOf(v: JsonValue, key: string): JsonValue | null {
  if (v.k !== 'obj') return null;
  let found: JsonValue | null = null;
  for (const [k, x] of v.v) if (k === key) found = x; // json: the last duplicate wins, as PostgreSQL
  return found;
}

function elementOf(v: JsonValue, index: number): JsonValue | null {
  if (v.k !== 'arr') return null;
  const i = index < 0 ? v.v.length + index : index;
  return v.v[i] ?? null;
}

function step(v: JsonValue, key: string | number): JsonValue | null {
  if (typeof key === 'number') return elementOf(v, key);
  if (v.k === 'arr') {
    if (!/^\s*-?\d+\s*$/.test(key)) return null;
    return elementOf(v, Number(key));
  }
  return fieldOf(v, key);
}

/** The text of a sub-value as a json/jsonb result (null = SQL NULL). */
function asJson(v: JsonValue | null, source: string): string | null {
  return v === null ? null : jsonSourceText(v, source);
}

/** The text of a sub-value as `->>` gives it: strings unescaped, JSON null as SQL NULL. */
export function jsonValueAsText(v: JsonValue | null, source: string): string | null {
  if (v === null || v.k === 'null') return null;
  if (v.k === 'str') return v.v;
  return jsonSourceText(v, source);
}

export function jsonGet(text: string, kind: JsonKind, key: string | number, asText: boolean): string | null {
  const v = step(parse(text, kind), key);
  return asText ? jsonValueAsText(v, text) : asJson(v, text);
}

export function jsonGetPath(text: string, kind: JsonKind, path: readonly (string | null)[], asText: boolean): string | null {
  let v: JsonValue | null = parse(text, kind);
  for (const p of path) {
    if (v === null || p === null) return null;
    v = step(v, p);
  }
  return asText ? jsonValueAsText(v, text) : asJson(v, text);
}

const TYPE_NAMES = { null: 'null', bool: 'boolean', num: 'number', str: 'string', arr: 'array', obj: 'object' } as const;

export function jsonTypeof(text: string, kind: JsonKind): string {
  return TYPE_NAMES[parse(text, kind).k];
}

export function jsonArrayLength(text: string, kind: JsonKind): number {
  const v = parse(text, kind);
  if (v.k === 'arr') return v.v.length;
  throw new QueryError(SQLSTATE.invalid_parameter_value, v.k === 'obj' ? 'cannot get array length of a non-array' : 'cannot get array length of a scalar');
}

/** json(b)_each(_text): [key, value] rows. */
export function jsonEachRows(text: string, kind: JsonKind, asText: boolean): [string, string | null][] {
  const v = parse(text, kind);
  if (v.k !== 'obj') {
    const fn = `${kind}_each${asText ? '_text' : ''}`;
    if (kind === 'json' && v.k === 'arr') throw new QueryError(SQLSTATE.invalid_parameter_value, 'cannot deconstruct an array as an object');
    if (kind === 'json' && v.k !== 'arr') throw new QueryError(SQLSTATE.invalid_parameter_value, 'cannot deconstruct a scalar');
    throw new QueryError(SQLSTATE.invalid_parameter_value, `cannot call ${fn} on a non-object`);
  }
  return v.v.map(([k, x]) => [k, asText ? jsonValueAsText(x, text) : jsonSourceText(x, text)]);
}

/** json(b)_array_elements(_text): one value per row. */
export function jsonArrayElements(text: string, kind: JsonKind, asText: boolean): (string | null)[] {
  const v = parse(text, kind);
  if (v.k !== 'arr') {
    if (kind === 'json') throw new QueryError(SQLSTATE.invalid_parameter_value, `cannot call json_array_elements${asText ? '_text' : ''} on a non-array`);
    throw new QueryError(SQLSTATE.invalid_parameter_value, v.k === 'obj' ? 'cannot extract elements from an object' : 'cannot extract elements from a scalar');
  }
  return v.v.map((x) => (asText ? jsonValueAsText(x, text) : jsonSourceText(x, text)));
}

export function jsonObjectKeys(text: string, kind: JsonKind): string[] {
  const v = parse(text, kind);
  if (v.k !== 'obj') {
    const what = v.k === 'arr' ? 'an array' : 'a scalar';
    throw new QueryError(SQLSTATE.invalid_parameter_value, `cannot call ${kind}_object_keys on ${what}`);
  }
  return v.v.map(([k]) => k);
}

/** jsonb containment (@>), PostgreSQL's JsonbDeepContains. */
function contains(a: JsonValue, b: JsonValue, top: boolean): boolean {
  if (a.k === 'obj' && b.k === 'obj') {
    return b.v.every(([k, bv]) => { const av = fieldOf(a, k); return av !== null && contains(av, bv, false); });
  }
  if (a.k === 'arr' && b.k === 'arr') {
    return b.v.every((bv) => a.v.some((av) => contains(av, bv, false)));
  }
  // a top-level array contains a scalar that is one of its elements
  if (top && a.k === 'arr' && b.k !== 'obj' && b.k !== 'arr') return a.v.some((av) => contains(av, b, false));
  if (a.k !== b.k) return false;
  return compareJsonValues(a, b) === 0;
}

export function jsonbContains(a: string, b: string): boolean {
  return contains(parse(a, 'jsonb'), parse(b, 'jsonb'), true);
}

/** `?`: a top-level key, or a string element of a top-level array, or the string itself. */
export function jsonbExists(text: string, key: string): boolean {
  const v = parse(text, 'jsonb');
  if (v.k === 'obj') return v.v.some(([k]) => k === key);
  if (v.k === 'arr') return v.v.some((x) => x.k === 'str' && x.v === key);
  return v.k === 'str' && v.v === key;
}

export function jsonbConcat(a: string, b: string): string {
  const x = parse(a, 'jsonb'), y = parse(b, 'jsonb');
  if (x.k === 'obj' && y.k === 'obj') return jsonbText(normaliseJsonb(J.obj([...x.v, ...y.v])));
  const items = (v: JsonValue): readonly JsonValue[] => (v.k === 'arr' ? v.v : [v]);
  return jsonbText(J.arr([...items(x), ...items(y)]));
}

export function jsonbDeleteKey(text: string, key: string): string {
  const v = parse(text, 'jsonb');
  if (v.k === 'obj') return jsonbText(J.obj(v.v.filter(([k]) => k !== key)));
  if (v.k === 'arr') return jsonbText(J.arr(v.v.filter((x) => !(x.k === 'str' && x.v === key))));
  throw new QueryError(SQLSTATE.invalid_parameter_value, 'cannot delete from scalar');
}

export function jsonbDeleteIndex(text: string, index: number): string {
  const v = parse(text, 'jsonb');
  if (v.k === 'obj') throw new QueryError(SQLSTATE.invalid_parameter_value, 'cannot delete from object using integer index');
  if (v.k !== 'arr') throw new QueryError(SQLSTATE.invalid_parameter_value, 'cannot delete from scalar');
  const i = index < 0 ? v.v.length + index : index;
  return jsonbText(J.arr(v.v.filter((_, k) => k !== i)));
}
