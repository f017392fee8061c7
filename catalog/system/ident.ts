/** Qualified identifiers in text (`s.t`, `"My Schema".t`), as regclass input and parse_ident() read them. */
import { QueryError, SQLSTATE } from '../../common/errors.js';

/** Split and case-fold a possibly qualified, possibly quoted name; null when the text is not a valid name. */
export function splitIdentifier(text: string, strict = true): string[] | null {
  const parts: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i <= s.length) {
    while (s[i] === ' ') i++;
    if (s[i] === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= s.length) return null;
        if (s[i] === '"') {
          if (s[i + 1] === '"') { out += '"'; i += 2; continue; }
          i++;
          break;
        }
        out += s[i++];
      }
      if (out === '') return null;
      parts.push(out);
    } else {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(s.slice(i));
      if (m === null) return null;
      parts.push(m[0].toLowerCase());
      i += m[0].length;
    }
    while (s[i] === ' ') i++;
    if (i >= s.length) return parts;
    if (s[i] !== '.') return strict ? null : parts;
    i++;
  }
  return parts;
}

/** parse_ident(text [, strict]) */
export function parseIdent(text: string, strict: boolean): string[] {
  const parts = splitIdentifier(text, strict);
  if (parts === null) throw new QueryError(SQLSTATE.invalid_parameter_value, `string is not a valid identifier: "${text}"`);
  return parts;
}

/** Quote an identifier when PostgreSQL's quote_ident would. */
export function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
