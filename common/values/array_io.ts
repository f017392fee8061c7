/**
 * Array values (one-dimensional, lower bound 1): PostgreSQL's text form `{1,2,NULL}` / `{"a b",NULL,""}`,
 * parsing of array literals, and the element-wise total order PostgreSQL uses (NULL elements sort last).
 */
import type { Datum } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';
import { formatType, type SqlType } from '../types.js';

/** Quote an element's text as array_out does: empty, NULL-like, or containing specials/space → "…". */
function quoteElement(s: string): string {
  if (s === '' || /^null$/i.test(s) || /[{}",\\\s]/.test(s)) return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return s;
}

export function formatArray(elements: readonly Datum[], fmt: (v: Exclude<Datum, null>) => string): string {
  return `{${elements.map((e) => (e === null ? 'NULL' : quoteElement(fmt(e)))).join(',')}}`;
}

function malformed(text: string, detail: string): QueryError {
  return new QueryError(SQLSTATE.invalid_text_representation, `malformed array literal: "${text}"`, { detail });
}

/** Split a one-dimensional array literal into element texts (null for unquoted NULL). */
export function splitArrayLiteral(text: string): (string | null)[] {
  const s = text.trim();
  if (!s.startsWith('{')) throw malformed(text, 'Array value must start with "{" or dimension information.');
  const out: (string | null)[] = [];
  let i = 1;
  const skip = () => { while (i < s.length && /\s/.test(s[i]!)) i++; };
  skip();
  if (s[i] === '}') {
    if (s.slice(i + 1).trim() !== '') throw malformed(text, 'Junk after closing right brace.');
    return out;
  }
  for (;;) {
    skip();
    if (s[i] === '{') throw new QueryError(SQLSTATE.feature_not_supported, 'multidimensional arrays are not supported');
    let v = '';
    let quoted = false;
    if (s[i] === '"') {
      quoted = true;
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\') i++;
        v += s[i] ?? '';
        i++;
      }
      if (s[i] !== '"') throw malformed(text, 'Unexpected end of input.');
      i++;
      skip();
    } else {
      while (i < s.length && s[i] !== ',' && s[i] !== '}') {
        if (s[i] === '\\') i++;
        else if (s[i] === '"' || s[i] === '{') throw malformed(text, `Unexpected "${s[i]}" character.`);
        v += s[i] ?? '';
        i++;
      }
      v = v.trim();
      if (v === '') throw malformed(text, 'Unexpected "' + (s[i] ?? '') + '" character.');
    }
    out.push(!quoted && /^null$/i.test(v) ? null : v);
    if (s[i] === ',') { i++; continue; }
    if (s[i] === '}') {
      if (s.slice(i + 1).trim() !== '') throw malformed(text, 'Junk after closing right brace.');
      return out;
    }
    throw malformed(text, 'Unexpected end of input.');
  }
}

export function parseArray(text: string, parseElement: (t: string) => Exclude<Datum, null>): Datum[] {
  return splitArrayLiteral(text).map((e) => (e === null ? null : parseElement(e)));
}

/** Element-wise comparison (btarraycmp): NULL elements greater than non-NULL, then length. */
export function compareArrays(a: readonly Datum[], b: readonly Datum[], cmp: (x: Exclude<Datum, null>, y: Exclude<Datum, null>) => number): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!, y = b[i]!;
    if (x === null || y === null) {
      if (x === null && y === null) continue;
      return x === null ? 1 : -1;
    }
    const c = cmp(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

export function arrayElementType(t: SqlType): SqlType {
  if (t.kind !== 'array') throw new QueryError(SQLSTATE.datatype_mismatch, `type ${formatType(t)} is not an array type`);
  return t.element;
}
