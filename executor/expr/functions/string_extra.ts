/** More text functions: initcap, translate, md5, chr/ascii, starts_with, quote_*, concat_ws, format. */
import { createHash } from 'node:crypto';
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { ScalarFn } from './registry.js';

const chars = (s: string) => Array.from(s);

function initcap(s: string): string {
  let out = '';
  let prevAlnum = false;
  for (const c of s) {
    const alnum = /[\p{L}\p{N}]/u.test(c);
    out += alnum ? (prevAlnum ? c.toLowerCase() : c.toUpperCase()) : c;
    prevAlnum = alnum;
  }
  return out;
}

function translate(s: string, from: string, to: string): string {
  const f = chars(from), t = chars(to);
  const map = new Map<string, string | null>();
  for (let i = 0; i < f.length; i++) if (!map.has(f[i]!)) map.set(f[i]!, t[i] ?? null);
  let out = '';
  for (const c of s) {
    if (!map.has(c)) out += c;
    else { const r = map.get(c); if (r !== null && r !== undefined) out += r; }
  }
  return out;
}

const SAFE_IDENT = /^[a-z_][a-z0-9_$]*$/;
const KEYWORDS = new Set(['all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'current_catalog', 'current_date', 'current_role', 'current_time', 'current_timestamp', 'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit', 'localtime', 'localtimestamp', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select', 'session_user', 'some', 'symmetric', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with']);

export function quoteIdent(s: string): string {
  if (SAFE_IDENT.test(s) && !KEYWORDS.has(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

export function quoteLiteral(s: string): string {
  const body = s.replace(/'/g, "''");
  if (s.includes('\\')) return `E'${body.replace(/\\/g, '\\\\')}'`;
  return `'${body}'`;
}

/** format(fmt, args...): %s %I %L %% with optional n$ positions and width (PostgreSQL's format()). */
export function formatFn(a: readonly Datum[], texts: readonly (string | null)[]): string {
  const fmt = a[0] as string;
  let out = '';
  let argi = 1;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') { out += c; continue; }
    i++;
    if (i >= fmt.length) throw new QueryError(SQLSTATE.invalid_parameter_value, 'unterminated format() type specifier', { hint: 'For a single "%" use "%%".' });
    if (fmt[i] === '%') { out += '%'; continue; }
    const m = /^(?:(\d+)\$)?(-)?(\d+)?([a-zA-Z])/.exec(fmt.slice(i));
    if (m === null) throw new QueryError(SQLSTATE.invalid_parameter_value, 'unterminated format() type specifier', { hint: 'For a single "%" use "%%".' });
    i += m[0].length - 1;
    const conv = m[4]!;
    if (conv !== 's' && conv !== 'I' && conv !== 'L') throw new QueryError(SQLSTATE.invalid_parameter_value, `unrecognized format() type specifier "${conv}"`, { hint: 'For a single "%" use "%%".' });
    const idx = m[1] !== undefined ? Number(m[1]) : argi;
    if (m[1] !== undefined && idx === 0) throw new QueryError(SQLSTATE.invalid_parameter_value, 'format specifies argument 0, but arguments are numbered from 1');
    if (idx >= a.length) throw new QueryError(SQLSTATE.invalid_parameter_value, 'too few arguments for format()');
    argi = idx + 1;
    const v = texts[idx] ?? null;
    let s: string;
    if (conv === 's') s = v ?? '';
    else if (conv === 'I') {
      if (v === null) throw new QueryError(SQLSTATE.null_value_not_allowed, 'null values cannot be formatted as an SQL identifier');
      s = quoteIdent(v);
    } else s = v === null ? 'NULL' : quoteLiteral(v);
    const width = m[3] !== undefined ? Number(m[3]) : 0;
    const len = chars(s).length;
    if (len < width) s = m[2] ? s + ' '.repeat(width - len) : ' '.repeat(width - len) + s;
    out += s;
  }
  return out;
}

export const STRING_EXTRA: Record<string, ScalarFn> = {
  initcap: (a) => initcap(a[0] as string),
  translate: (a) => translate(a[0] as string, a[1] as string, a[2] as string),
  md5: (a) => createHash('md5').update(a[0] as string, 'utf8').digest('hex'),
  starts_with: (a) => (a[0] as string).startsWith(a[1] as string),
  ascii: (a) => { const s = a[0] as string; return s.length === 0 ? 0 : s.codePointAt(0)!; },
  chr: (a) => {
    const n = a[0] as number;
    if (n === 0) throw new QueryError('54000', 'null character not permitted');
    if (n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) throw new QueryError('54000', 'requested character too large for encoding: ' + n);
    return String.fromCodePoint(n);
  },
  quote_ident: (a) => quoteIdent(a[0] as string),
  quote_literal: (a) => quoteLiteral(a[0] as string),
  bit_length: (a) => Buffer.byteLength(a[0] as string, 'utf8') * 8,
  to_hex: (a) => {
    const v = BigInt(a[0] as number | bigint);
    return (v < 0n ? (v + (typeof a[0] === 'bigint' ? 2n ** 64n : 2n ** 32n)) : v).toString(16);
  },
};

/** Non-strict text functions: NULL arguments are skipped or printed specially. */
export const NONSTRICT_STRING: Record<string, ScalarFn> = {
  concat_ws: (a) => {
    if (a[0] === null) return null;
    return a.slice(1).filter((x) => x !== null).join(a[0] as string);
  },
  quote_nullable: (a) => (a[0] === null ? 'NULL' : quoteLiteral(a[0] as string)),
  format: (a) => (a[0] === null ? null : formatFn(a, a.map((x) => (x === null ? null : String(x))))),
};
