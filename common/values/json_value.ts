/**
 * JSON values as a tree that keeps what PostgreSQL keeps: numbers as their numeric text, object members in
 * order (duplicates kept; jsonb normalisation drops them), and each node's source span (json's `->` returns the
 * member's text as entered). Parsing follows RFC 8259 like PostgreSQL's json parser; errors are 22P02
 * `invalid input syntax for type json` with PostgreSQL's detail.
 */
import { QueryError, SQLSTATE } from '../errors.js';

export type JsonValue =
  | { readonly k: 'null'; readonly s: number; readonly e: number }
  | { readonly k: 'bool'; readonly v: boolean; readonly s: number; readonly e: number }
  /** v: the number's text as written (valid JSON number) */
  | { readonly k: 'num'; readonly v: string; readonly s: number; readonly e: number }
  | { readonly k: 'str'; readonly v: string; readonly s: number; readonly e: number }
  | { readonly k: 'arr'; readonly v: readonly JsonValue[]; readonly s: number; readonly e: number }
  | { readonly k: 'obj'; readonly v: readonly (readonly [string, JsonValue])[]; readonly s: number; readonly e: number };

function syntax(detail: string, context?: string): QueryError {
  return new QueryError(SQLSTATE.invalid_text_representation, 'invalid input syntax for type json', { detail, context });
}

/** PostgreSQL's error context: the line up to the end of the offending token, "..." when more follows. */
function errorContext(text: string, end: number): string {
  const upto = text.slice(0, Math.min(end, text.length));
  const line = upto.split('\n').length;
  const start = upto.lastIndexOf('\n') + 1;
  return `JSON data, line ${line}: ${text.slice(start, end)}${end < text.length ? '...' : ''}`;
}

/** sticky: matched at lastIndex without copying the rest of the text */
const TOKEN_RE = /(?:[A-Za-z0-9_+\-.]+|.)/suy;
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJsonValue(text: string, typeName: 'json' | 'jsonb' = 'json'): JsonValue {
  let i = 0;
  const ws = () => { while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const token = (): string => {
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(text);
    return m === null ? '' : m[0];
  };
  const ended = (): QueryError => syntax('The input string ended unexpectedly.', errorContext(text, text.length));
  const expected = (what: string): QueryError => {
    if (i >= text.length) return ended();
    const tok = token();
    const ctx = errorContext(text, i + tok.length);
    const valid = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\],:"])$/.test(tok);
    if (!valid) return syntax(`Token "${tok}" is invalid.`, ctx);
    return syntax(`Expected ${what}, but found "${tok}".`, ctx);
  };
  const str = (): string => {
    let out = '';
    i++;
    for (;;) {
      if (i >= text.length) throw ended();
      const c = text[i]!;
      if (c === '"') { i++; return out; }
      if (c.charCodeAt(0) < 0x20) throw syntax(`Character with value 0x${c.charCodeAt(0).toString(16).padStart(2, '0')} must be escaped.`, errorContext(text, i));
      if (c !== '\\') {
        // a run of plain characters at once
        let j = i + 1;
        while (j < text.length) { const d = text.charCodeAt(j); if (d === 34 || d === 92 || d < 0x20) break; j++; }
        out += text.slice(i, j);
        i = j;
        continue;
      }
      const n = text[i + 1];
      i += 2;
      switch (n) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const h = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) throw syntax('"\\u" must be followed by four hexadecimal digits.', errorContext(text, i));
          const code = parseInt(h, 16);
          if (code === 0 && typeName === 'jsonb') {
            throw new QueryError('22P05', 'unsupported Unicode escape sequence', { detail: '\\u0000 cannot be converted to text.' });
          }
          out += String.fromCharCode(code);
          i += 4;
          break;
        }
        default:
          throw syntax(`Escape sequence "\\${n ?? ''}" is invalid.`, errorContext(text, i));
      }
    }
  };
  const value = (): JsonValue => {
    ws();
    const s = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: [string, JsonValue][] = [];
      ws();
      if (text[i] === '}') { i++; return { k: 'obj', v: members, s, e: i }; }
      for (;;) {
        ws();
        if (text[i] !== '"') throw expected('string or "}"');
        const key = str();
        ws();
        if (text[i] !== ':') throw expected('":"');
        i++;
        members.push([key, value()]);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { k: 'obj', v: members, s, e: i }; }
        throw expected('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonValue[] = [];
      ws();
      if (text[i] === ']') { i++; return { k: 'arr', v: items, s, e: i }; }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { k: 'arr', v: items, s, e: i }; }
        throw expected('"," or "]"');
      }
    }
    if (c === '"') { const v = str(); return { k: 'str', v, s, e: i }; }
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(text);
    const word = token();
    if (m !== null && m[0].length === word.length) { i += m[0].length; return { k: 'num', v: m[0], s, e: i }; }
    if (word === 'true' || word === 'false') { i += word.length; return { k: 'bool', v: word === 'true', s, e: i }; }
    if (word === 'null') { i += 4; return { k: 'null', s, e: i }; }
    throw i >= text.length ? ended() : expected('JSON value');
  };
  const v = value();
  ws();
  if (i < text.length) throw expected('end of input');
  return v;
}

/** Build values (e.g. from SQL datums) without source spans. */
export const J = {
  null: (): JsonValue => ({ k: 'null', s: 0, e: 0 }),
  bool: (v: boolean): JsonValue => ({ k: 'bool', v, s: 0, e: 0 }),
  num: (v: string): JsonValue => ({ k: 'num', v, s: 0, e: 0 }),
  str: (v: string): JsonValue => ({ k: 'str', v, s: 0, e: 0 }),
  arr: (v: readonly JsonValue[]): JsonValue => ({ k: 'arr', v, s: 0, e: 0 }),
  obj: (v: readonly (readonly [string, JsonValue])[]): JsonValue => ({ k: 'obj', v, s: 0, e: 0 }),
};
