/** jsonb_set and json(b)_strip_nulls (PostgreSQL's setPath / strip_nulls semantics). */
import { QueryError, SQLSTATE } from '../errors.js';
import { compactJsonText, jsonbText, normaliseJsonb } from './json_format.js';
import { J, type JsonValue, parseJsonValue } from './json_value.js';

function setPath(v: JsonValue, path: readonly string[], level: number, value: JsonValue, create: boolean): JsonValue {
  const key = path[level]!;
  const last = level === path.length - 1;
  if (v.k === 'obj') {
    const i = v.v.findIndex(([k]) => k === key);
    if (i < 0) return last && create ? J.obj([...v.v, [key, value]]) : v;
    const next = last ? value : setPath(v.v[i]![1], path, level + 1, value, create);
    return J.obj(v.v.map((m, k) => (k === i ? [m[0], next] as const : m)));
  }
  if (v.k === 'arr') {
    if (!/^\s*[+-]?\d+\s*$/.test(key)) {
      throw new QueryError(SQLSTATE.invalid_text_representation, `path element at position ${level + 1} is not an integer: "${key}"`);
    }
    let i = Number(key);
    const n = v.v.length;
    if (i < 0) i += n;
    if (i >= 0 && i < n) {
      const next = last ? value : setPath(v.v[i]!, path, level + 1, value, create);
      return J.arr(v.v.map((x, k) => (k === i ? next : x)));
    }
    if (!last || !create) return v;
    return i < 0 ? J.arr([value, ...v.v]) : J.arr([...v.v, value]);
  }
  if (level === 0) throw new QueryError(SQLSTATE.invalid_parameter_value, 'cannot set path in scalar');
  return v;
}

export function jsonbSet(target: string, path: readonly (string | null)[], value: string, create: boolean): string | null {
  if (path.some((p) => p === null)) return null;
  const t = parseJsonValue(target, 'jsonb');
  if (path.length === 0) return target;
  return jsonbText(normaliseJsonb(setPath(t, path as string[], 0, parseJsonValue(value, 'jsonb'), create)));
}

function strip(v: JsonValue): JsonValue {
  switch (v.k) {
    case 'obj': return J.obj(v.v.filter(([, x]) => x.k !== 'null').map(([k, x]) => [k, strip(x)] as const));
    case 'arr': return J.arr(v.v.map(strip));
    default: return v;
  }
}

export function jsonStripNulls(text: string, kind: 'json' | 'jsonb'): string {
  const v = strip(parseJsonValue(text, kind));
  return kind === 'jsonb' ? jsonbText(v) : compactJsonText(v);
}
