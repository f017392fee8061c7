/**
 * COPY's text and CSV formats as PostgreSQL reads and writes them: records are cut from a growing buffer as
 * data arrives (a CSV quoted field may span lines), `\.` alone on a line ends the data, text fields are
 * backslash-escaped and `\N` (the NULL string) is NULL; CSV fields are quoted when they need it.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { CopyOptions } from './copy_options.js';

/** One input record: field values (null = SQL NULL) and the raw line for error CONTEXT lines. */
export interface CopyRecord {
  readonly fields: readonly (string | null)[];
  /** per field: was it quoted (CSV) */
  readonly quoted: readonly boolean[];
  readonly line: string;
}

const BAD_EOF = (): QueryError => new QueryError('22P04', 'unterminated CSV quoted field');

/** Cuts records out of text pushed in pieces. `next()` returns null when more data is needed (or at the end). */
export class CopyRecordReader {
  private buf = '';
  private pos = 0;
  private ended = false;

  constructor(private readonly options: CopyOptions) {}

  push(text: string): void {
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
    this.buf += text;
  }

  /** the next record; null when the buffer holds no complete record (final: the data has ended) */
  next(final: boolean): CopyRecord | null {
    if (this.ended || this.pos >= this.buf.length) return null;
    return this.options.format === 'csv' ? this.nextCsv(final) : this.nextText(final);
  }

  private nextText(final: boolean): CopyRecord | null {
    let nl = this.buf.indexOf('\n', this.pos);
    if (nl < 0 && !final) return null;
    if (nl < 0) nl = this.buf.length;
    let line = this.buf.slice(this.pos, nl);
    this.pos = nl + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '\\.') {
      this.ended = true;
      return null;
    }
    return { fields: splitTextLine(line, this.options), quoted: [], line };
  }

  private nextCsv(final: boolean): CopyRecord | null {
    const { delimiter, quote, escape } = this.options;
    const b = this.buf;
    const fields: (string | null)[] = [];
    const quoted: boolean[] = [];
    let cur = '';
    let inQuote = false;
    let fieldQuoted = false;
    let i = this.pos;
    const start = i;
    const endField = (): void => {
      fields.push(!fieldQuoted && cur === this.options.null ? null : cur);
      quoted.push(fieldQuoted);
      cur = '';
      fieldQuoted = false;
    };
    for (;;) {
      if (i >= b.length) {
        if (!final) return null;
        if (inQuote) throw BAD_EOF();
        endField();
        this.pos = i;
        break;
      }
      const c = b[i]!;
      if (inQuote) {
        if (c === escape && escape !== quote) {
          if (i + 1 >= b.length && !final) return null;
          const n = b[i + 1];
          if (n === quote || n === escape) {
            cur += n;
            i += 2;
            continue;
          }
        }
        if (c === quote) {
          if (escape === quote) {
            if (i + 1 >= b.length && !final) return null;
            if (b[i + 1] === quote) {
              cur += quote;
              i += 2;
              continue;
            }
          }
          inQuote = false;
          i++;
          continue;
        }
        cur += c;
        i++;
        continue;
      }
      if (c === delimiter) {
        endField();
        i++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        if (c === '\r' && i + 1 >= b.length && !final) return null;
        endField();
        this.pos = c === '\r' && b[i + 1] === '\n' ? i + 2 : i + 1;
        break;
      }
      if (c === quote) {
        inQuote = true;
        fieldQuoted = true;
        i++;
        continue;
      }
      cur += c;
      i++;
    }
    const line = b.slice(start, i);
    if (fields.length === 1 && !quoted[0] && fields[0] === '\\.') {
      this.ended = true;
      return null;
    }
    return { fields, quoted, line };
  }
}

/** Split a text-format line at unescaped delimiters; `\N` (the NULL string, matched before unescaping) → null. */
function splitTextLine(line: string, options: CopyOptions): (string | null)[] {
  const out: (string | null)[] = [];
  let start = 0;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === options.delimiter) {
      out.push(textField(line.slice(start, i), options));
      start = i + 1;
    }
  }
  out.push(textField(line.slice(start), options));
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function textField(raw: string, options: CopyOptions): string | null {
  if (raw === options.null) return null;
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const n = raw[++i]!;
    if (n >= '0' && n <= '7') {
      let v = n.charCodeAt(0) - 48;
      for (let k = 0; k < 2 && i + 1 < raw.length && raw[i + 1]! >= '0' && raw[i + 1]! <= '7'; k++) v = v * 8 + raw[++i]!.charCodeAt(0) - 48;
      out += String.fromCharCode(v & 0xff);
    } else if (n === 'x' && i + 1 < raw.length && /[0-9a-fA-F]/.test(raw[i + 1]!)) {
      let h = raw[++i]!;
      if (i + 1 < raw.length && /[0-9a-fA-F]/.test(raw[i + 1]!)) h += raw[++i]!;
      out += String.fromCharCode(parseInt(h, 16));
    } else {
      out += SIMPLE_ESCAPES[n] ?? n;
    }
  }
  return out;
}

/** One output row (with its newline) in text or CSV format; `forceQuote[i]` quotes column i in CSV. */
export function formatCopyRow(values: readonly (string | null)[], options: CopyOptions, forceQuote: readonly boolean[]): string {
  const parts = values.map((v, i) => (options.format === 'csv' ? csvField(v, options, forceQuote[i] === true) : textOut(v, options)));
  return parts.join(options.delimiter) + '\n';
}

function textOut(v: string | null, options: CopyOptions): string {
  if (v === null) return options.null;
  let out = '';
  for (const c of v) {
    switch (c) {
      case '\\': out += '\\\\'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      case '\v': out += '\\v'; break;
      default: out += c === options.delimiter ? '\\' + c : c;
    }
  }
  return out;
}

function csvField(v: string | null, options: CopyOptions, force: boolean): string {
  if (v === null) return options.null;
  const { quote, escape, delimiter } = options;
  const needs = force || v === options.null || v === '\\.' || v.includes(delimiter) || v.includes(quote) || v.includes('\n') || v.includes('\r');
  if (!needs) return v;
  let out = quote;
  for (const c of v) out += c === quote || c === escape ? escape + c : c;
  return out + quote;
}
