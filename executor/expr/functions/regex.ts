/**
 * POSIX regular expressions (PostgreSQL ARE, the common subset) on JavaScript RegExp: `~ ~* !~ !~*`,
 * regexp_replace, regexp_match(es), regexp_split_to_*, substring(text from pattern), SIMILAR TO.
 */
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { ScalarFn } from './registry.js';

const CLASSES: Record<string, string> = {
  alpha: '\\p{L}', digit: '0-9', alnum: '\\p{L}\\p{N}', upper: '\\p{Lu}', lower: '\\p{Ll}', space: '\\s',
  punct: '\\p{P}\\p{S}', xdigit: '0-9A-Fa-f', word: '\\w', blank: ' \\t', cntrl: '\\p{Cc}', print: '^\\p{C}', graph: '^\\p{C}\\s',
};

/** Translate an ARE pattern to JS syntax: [[:class:]], \m \M \y \A \Z. */
export function posixToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      const n = p[i + 1]!;
      i++;
      if (n === 'm') out += '\\b(?=\\w)';
      else if (n === 'M') out += '\\b(?<=\\w)';
      else if (n === 'y') out += '\\b';
      else if (n === 'Y') out += '\\B';
      else if (n === 'A') out += '^';
      else if (n === 'Z') out += '$';
      else out += /[a-zA-Z0-9]/.test(n) || /[.*+?^${}()|[\]\\/]/.test(n) ? '\\' + n : n;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (p[j] === '^') { cls += '^'; j++; }
      if (p[j] === ']') { cls += '\\]'; j++; }
      while (j < p.length && p[j] !== ']') {
        const m = /^\[:([a-z]+):\]/.exec(p.slice(j));
        if (m !== null && CLASSES[m[1]!] !== undefined) { cls += CLASSES[m[1]!]; j += m[0].length; continue; }
        if (p[j] === '\\' && j + 1 < p.length) { cls += p[j]! + p[j + 1]!; j += 2; continue; }
        cls += p[j] === '[' ? '\\[' : p[j]!;
        j++;
      }
      out += cls + ']';
      i = j;
      continue;
    }
    out += c;
  }
  return out;
}

const cache = new Map<string, RegExp>();

export function compileRegex(pattern: string, flags: string): RegExp {
  const key = `${flags}\u0000${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(posixToJs(pattern), flags + 'u');
    } catch (e) {
      throw new QueryError('2201B', `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Parse PostgreSQL regexp flags (g, i, c, n, s, x...) → JS flags and whether global. */
function parseFlags(flags: string, fn: string, allowG: boolean): { js: string; global: boolean } {
  let js = '';
  let global = false;
  for (const f of flags) {
    if (f === 'g') {
      if (!allowG) throw new QueryError(SQLSTATE.invalid_parameter_value, `${fn}() does not support the "global" option`, { hint: `Use the regexp_matches function instead.` });
      global = true;
    } else if (f === 'i') { if (!js.includes('i')) js += 'i'; }
    else if (f === 'c') js = js.replace('i', '');
    else if (f === 'n' || f === 'm') { if (!js.includes('m')) js += 'm'; }
    else if (f === 's' || f === 'p' || f === 'w' || f === 'x' || f === 't' || f === 'q' || f === 'b' || f === 'e') { /* accepted */ }
    else throw new QueryError(SQLSTATE.invalid_parameter_value, `invalid regular expression option: "${f}"`);
  }
  return { js, global };
}

/** PostgreSQL replacement text (\1..\9, \&, \\) → JS replacement string. */
function jsReplacement(r: string): string {
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const c = r[i]!;
    if (c === '$') out += '$$';
    else if (c === '\\' && i + 1 < r.length) {
      const n = r[i + 1]!;
      if (n >= '1' && n <= '9') { out += '$' + n; i++; }
      else if (n === '&') { out += '$&'; i++; }
      else if (n === '\\') { out += '\\'; i++; }
      else out += '\\';
    } else out += c;
  }
  return out;
}

export function regexMatchOp(ci: boolean): ScalarFn {
  return (a) => compileRegex(a[1] as string, ci ? 'i' : '').test(a[0] as string);
}

export const regexpReplace: ScalarFn = (a) => {
  const { js, global } = parseFlags(a.length > 3 ? (a[3] as string) : '', 'regexp_replace', true);
  const re = compileRegex(a[1] as string, js + (global ? 'g' : ''));
  re.lastIndex = 0;
  return (a[0] as string).replace(re, jsReplacement(a[2] as string));
};

/** Captures of one match as PostgreSQL returns them (whole match when no groups). */
function captures(m: RegExpExecArray): Datum[] {
  if (m.length === 1) return [m[0]];
  return m.slice(1).map((x) => (x === undefined ? null : x));
}

export const regexpMatch: ScalarFn = (a) => {
  const { js } = parseFlags(a.length > 2 ? (a[2] as string) : '', 'regexp_match', false);
  const m = compileRegex(a[1] as string, js).exec(a[0] as string);
  return m === null ? null : captures(m);
};

/** regexp_matches: every match (with g) as arrays; a set-returning function. */
export function regexpMatchesAll(s: string, pattern: string, flags: string): Datum[][] {
  const { js, global } = parseFlags(flags, 'regexp_matches', true);
  if (!global) {
    const m = compileRegex(pattern, js).exec(s);
    return m === null ? [] : [captures(m)];
  }
  const re = new RegExp(compileRegex(pattern, js).source, js + 'gu');
  return [...s.matchAll(re)].map((m) => captures(m as RegExpExecArray));
}

export function regexpSplit(s: string, pattern: string, flags: string): string[] {
  const { js } = parseFlags(flags, 'regexp_split_to_table', false);
  const re = new RegExp(compileRegex(pattern, js).source, js + 'gu');
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (m[0].length === 0) {
      if (m.index! >= s.length) break;
      if (m.index === last && m.index === 0) continue;
      out.push(s.slice(last, m.index!));
      last = m.index!;
      continue;
    }
    out.push(s.slice(last, m.index!));
    last = m.index! + m[0].length;
  }
  out.push(s.slice(last));
  if (out.length > 0 && out[0] === '' && s === '') return [''];
  return out;
}

/** substring(text from pattern): first parenthesized capture, or the whole match. */
export const substringRegex: ScalarFn = (a) => {
  const m = compileRegex(a[1] as string, '').exec(a[0] as string);
  if (m === null) return null;
  return m.length > 1 ? (m[1] ?? null) : m[0];
};

/** SQL SIMILAR TO pattern → anchored JS regex source (escape default '\'). */
export function similarToRegex(pattern: string, escape: string | null): string {
  const esc = escape ?? '\\';
  if (esc.length > 1) throw new QueryError(SQLSTATE.invalid_escape_sequence, 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  let out = '';
  let inBracket = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (esc !== '' && c === esc) {
      const n = pattern[++i];
      if (n === undefined) throw new QueryError(SQLSTATE.invalid_escape_sequence, 'invalid escape string');
      out += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      continue;
    }
    if (inBracket) { out += c; if (c === ']') inBracket = false; continue; }
    switch (c) {
      case '%': out += '[\\s\\S]*'; break;
      case '_': out += '[\\s\\S]'; break;
      case '[': inBracket = true; out += c; break;
      case '.': case '^': case '$': out += '\\' + c; break;
      default: out += c;
    }
  }
  return `^(?:${out})$`;
}

export const similarMatch: ScalarFn = (a) => {
  const src = similarToRegex(a[1] as string, a.length > 2 ? (a[2] as string) : null);
  let re = cache.get('S' + src);
  if (re === undefined) { re = new RegExp(src, 'u'); cache.set('S' + src, re); }
  return re.test(a[0] as string);
};
