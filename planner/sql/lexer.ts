/**
 * A small SQL lexer that knows just enough of PostgreSQL's lexical rules to find statement boundaries and
 * lakehouse clauses safely: it skips string constants ('..', E'..', B'..', X'..', N'..', U&'..'), quoted
 * identifiers ("..", U&".."), comments (-- and nested /* *\/) and dollar-quoted strings ($tag$..$tag$).
 * Offsets are 0-based JS string (UTF-16) indices into the input.
 */

export type TokenKind = 'word' | 'qident' | 'string' | 'number' | 'param' | 'punct' | 'op';

export interface Token {
  readonly kind: TokenKind;
  /** start / end offsets in the text */
  readonly start: number;
  readonly end: number;
  /** word: lower-cased; qident / string: decoded value; others: the raw text */
  readonly value: string;
}

const isIdentStart = (c: string): boolean => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const OP_CHARS = '+-*/<>=~!@#%^&|`?';

export class LexError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** Tokenize `text`; whitespace and comments are dropped. Unterminated strings/comments raise LexError. */
export function lex(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    if (c === '-' && next === '-') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const start = i;
      let depth = 0;
      while (i < n) {
        if (text[i] === '/' && text[i + 1] === '*') { depth++; i += 2; continue; }
        if (text[i] === '*' && text[i + 1] === '/') { depth--; i += 2; if (depth === 0) break; continue; }
        i++;
      }
      if (depth !== 0) throw new LexError('unterminated /* comment', start);
      continue;
    }
    // string constants with prefixes
    const lower = c.toLowerCase();
    if ((lower === 'e' || lower === 'b' || lower === 'x' || lower === 'n') && next === "'") {
      const s = readQuoted(text, i + 1, "'", lower === 'e');
      out.push({ kind: 'string', start: i, end: s.end, value: s.value });
      i = s.end;
      continue;
    }
    if (lower === 'u' && next === '&' && (text[i + 2] === "'" || text[i + 2] === '"')) {
      const q = text[i + 2]!;
      const s = readQuoted(text, i + 2, q, false);
      out.push({ kind: q === "'" ? 'string' : 'qident', start: i, end: s.end, value: s.value });
      i = s.end;
      continue;
    }
    if (c === "'") {
      const s = readQuoted(text, i, "'", false);
      out.push({ kind: 'string', start: i, end: s.end, value: s.value });
      i = s.end;
      continue;
    }
    if (c === '"') {
      const s = readQuoted(text, i, '"', false);
      out.push({ kind: 'qident', start: i, end: s.end, value: s.value });
      i = s.end;
      continue;
    }
    if (c === '$') {
      if (/[0-9]/.test(next)) {
        let j = i + 1;
        while (j < n && /[0-9]/.test(text[j]!)) j++;
        out.push({ kind: 'param', start: i, end: j, value: text.slice(i, j) });
        i = j;
        continue;
      }
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 200));
      if (m !== null) {
        const tag = m[0];
        const close = text.indexOf(tag, i + tag.length);
        if (close < 0) throw new LexError('unterminated dollar-quoted string', i);
        out.push({ kind: 'string', start: i, end: close + tag.length, value: text.slice(i + tag.length, close) });
        i = close + tag.length;
        continue;
      }
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text[j]!)) j++;
      out.push({ kind: 'word', start: i, end: j, value: text.slice(i, j).toLowerCase() });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(text[j]!)) {
        if ((text[j] === 'e' || text[j] === 'E') && (text[j + 1] === '+' || text[j + 1] === '-')) j++;
        j++;
      }
      out.push({ kind: 'number', start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    if (OP_CHARS.includes(c)) {
      let j = i + 1;
      while (j < n && OP_CHARS.includes(text[j]!) && !(text[j] === '-' && text[j + 1] === '-') && !(text[j] === '/' && text[j + 1] === '*')) j++;
      out.push({ kind: 'op', start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    out.push({ kind: 'punct', start: i, end: i + 1, value: c });
    i++;
  }
  return out;
}

function readQuoted(text: string, open: number, q: string, backslash: boolean): { end: number; value: string } {
  let i = open + 1;
  let value = '';
  for (;;) {
    if (i >= text.length) throw new LexError(q === "'" ? 'unterminated quoted string' : 'unterminated quoted identifier', open);
    const ch = text[i]!;
    if (backslash && ch === '\\') { value += text[i + 1] ?? ''; i += 2; continue; }
    if (ch === q) {
      if (text[i + 1] === q) { value += q; i += 2; continue; }
      // string continuation across a newline ('a'\n'b') is rare; not handled here
      return { end: i + 1, value };
    }
    value += ch;
    i++;
  }
}

/** Whether a token is the (unquoted) keyword `kw` (lower case). */
export function isWord(t: Token | undefined, kw: string): boolean {
  return t !== undefined && t.kind === 'word' && t.value === kw;
}

export function isPunct(t: Token | undefined, p: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.value === p;
}
