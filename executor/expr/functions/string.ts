/** Text functions (PostgreSQL semantics, characters = code points). */
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { ScalarFn } from './registry.js';

const chars = (s: string) => Array.from(s);
/** a UTF-16 surrogate: without one, code points and code units coincide */
const SURROGATE = /[\uD800-\uDFFF]/;

/** substr(s, start [, len]) with PostgreSQL's code-point positions (negative len: 22011). */
export function substr(s: string, start: number, len?: number): string {
  if (len !== undefined && len < 0) throw new QueryError(SQLSTATE.invalid_parameter_value.replace('22023', '22011'), 'negative substring length not allowed');
  const from = start - 1;
  if (!SURROGATE.test(s)) return s.substring(Math.max(0, from), Math.max(0, len === undefined ? s.length : from + len));
  const cs = chars(s);
  const to = len === undefined ? cs.length : from + len;
  return cs.slice(Math.max(0, from), Math.max(0, to)).join('');
}

function trimChars(s: string, set: string, left: boolean, right: boolean): string {
  const cs = chars(s);
  const bad = new Set(chars(set));
  let a = 0, b = cs.length;
  if (left) while (a < b && bad.has(cs[a]!)) a++;
  if (right) while (b > a && bad.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

function pad(s: string, len: number, fill: string, left: boolean): string {
  const cs = chars(s);
  if (len <= 0) return '';
  if (cs.length >= len) return cs.slice(0, len).join('');
  const f = chars(fill);
  if (f.length === 0) return s;
  const need = len - cs.length;
  const p: string[] = [];
  for (let i = 0; i < need; i++) p.push(f[i % f.length]!);
  return left ? p.join('') + s : s + p.join('');
}

export const STRING_FUNCTIONS: Record<string, ScalarFn> = {
  lower: (a) => (a[0] as string).toLowerCase(),
  upper: (a) => (a[0] as string).toUpperCase(),
  length: (a) => chars(a[0] as string).length,
  octet_length: (a) => Buffer.byteLength(a[0] as string, 'utf8'),
  substr: (a) => substr(a[0] as string, a[1] as number, a.length > 2 ? (a[2] as number) : undefined),
  strpos: (a) => {
    const s = a[0] as string, sub = a[1] as string;
    const i = s.indexOf(sub);
    return i < 0 ? 0 : chars(s.slice(0, i)).length + 1;
  },
  btrim: (a) => trimChars(a[0] as string, a.length > 1 ? (a[1] as string) : ' ', true, true),
  ltrim: (a) => trimChars(a[0] as string, a.length > 1 ? (a[1] as string) : ' ', true, false),
  rtrim: (a) => trimChars(a[0] as string, a.length > 1 ? (a[1] as string) : ' ', false, true),
  replace: (a) => ((a[1] as string) === '' ? (a[0] as string) : (a[0] as string).split(a[1] as string).join(a[2] as string)),
  lpad: (a) => pad(a[0] as string, a[1] as number, a.length > 2 ? (a[2] as string) : ' ', true),
  rpad: (a) => pad(a[0] as string, a[1] as number, a.length > 2 ? (a[2] as string) : ' ', false),
  left: (a) => { const cs = chars(a[0] as string), n = a[1] as number; return (n >= 0 ? cs.slice(0, n) : cs.slice(0, Math.max(0, cs.length + n))).join(''); },
  right: (a) => { const cs = chars(a[0] as string), n = a[1] as number; return (n >= 0 ? cs.slice(Math.max(0, cs.length - n)) : cs.slice(Math.min(cs.length, -n))).join(''); },
  split_part: (a) => {
    const s = a[0] as string, d = a[1] as string, n = a[2] as number;
    if (n === 0) throw new QueryError(SQLSTATE.invalid_parameter_value, 'field position must not be zero');
    const parts = d === '' ? [s] : s.split(d);
    const i = n > 0 ? n - 1 : parts.length + n;
    return parts[i] ?? '';
  },
  reverse: (a) => chars(a[0] as string).reverse().join(''),
  repeat: (a) => (a[0] as string).repeat(Math.max(0, a[1] as number)),
  text_concat: (a) => (a[0] as string) + (a[1] as string),
};

/** concat(): NULL arguments are ignored (not strict). */
export const concatFn: ScalarFn = (a: readonly Datum[]) => a.filter((x) => x !== null).join('');

/** SQL LIKE pattern → RegExp (escape char default '\'). */
export function likeToRegExp(pattern: string, caseInsensitive: boolean, escape: string | null): RegExp {
  const esc = escape ?? '\\';
  if (esc.length > 1) throw new QueryError('22025', 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  let re = '';
  const cs = chars(pattern);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (esc !== '' && c === esc) {
      const nx = cs[++i];
      if (nx === undefined) throw new QueryError('22025', 'LIKE pattern must not end with escape character');
      re += nx.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, caseInsensitive ? 'iu' : 'u');
}
