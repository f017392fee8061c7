/**
 * Date/time input like PostgreSQL's ParseDateTime/DecodeDateTime for ordinary data:
 * ISO 'YYYY-MM-DD[ T]HH:MM[:SS[.f]][zone][ BC|AD]', 'MM/DD/YYYY' (DateStyle MDY), 'YYYYMMDD',
 * 'Mon DD YYYY' / 'DD Mon YYYY', and the specials epoch / infinity / -infinity / now / today /
 * tomorrow / yesterday.
 */
import { QueryError, SQLSTATE } from '../errors.js';
import { daysFromCivil, daysInMonth, rint } from './calendar.js';
import { fixedZoneOffset, isValidTimeZone } from './timezone.js';

export interface ParsedDateTime {
  readonly kind: 'value';
  /** astronomical year */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** µs since local midnight (may be a full day for 24:00:00) */
  readonly timeOfDay: bigint;
  /** explicit zone: offset seconds east, or a zone name to resolve at the local time */
  readonly zone: { readonly offset: number } | { readonly name: string } | null;
}
export type ParsedSpecial = { readonly kind: 'epoch' | 'infinity' | '-infinity' | 'now' | 'today' | 'tomorrow' | 'yesterday' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A few common abbreviations (PostgreSQL's Default timezone_abbreviations), seconds east. */
const ZONE_ABBREVS: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, ut: 0, zulu: 0,
  est: -5 * 3600, edt: -4 * 3600, cst: -6 * 3600, cdt: -5 * 3600,
  mst: -7 * 3600, mdt: -6 * 3600, pst: -8 * 3600, pdt: -7 * 3600,
  cet: 3600, cest: 7200, eet: 7200, eest: 3 * 3600, wet: 0, west: 3600, bst: 3600, ist: 7200, jst: 9 * 3600,
};

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = FULL_MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  if (w === 'sept') return 9;
  const i = MONTHS.indexOf(w);
  return i >= 0 ? i + 1 : 0;
}

export type TypeLabel = 'date' | 'timestamp' | 'timestamp with time zone';

export function syntaxError(type: TypeLabel, text: string): QueryError {
  return new QueryError(SQLSTATE.invalid_datetime_format, `invalid input syntax for type ${type}: "${text}"`);
}

export function fieldOverflow(text: string, hint = false): QueryError {
  return new QueryError(SQLSTATE.datetime_field_overflow, `date/time field value out of range: "${text}"`,
    hint ? { hint: 'Perhaps you need a different "datestyle" setting.' } : {});
}

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d*))?)?$/;

function parseZone(z: string): { offset: number } | { name: string } | null {
  if (/^[+-]\d/.test(z)) {
    const off = fixedZoneOffset(z, false);
    return off === null ? null : { offset: off };
  }
  const abbrev = ZONE_ABBREVS[z.toLowerCase()];
  if (abbrev !== undefined) return { offset: abbrev };
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(z) && isValidTimeZone(z)) return { name: z };
  return null;
}

export function parseDateTime(text: string, type: TypeLabel): ParsedDateTime | ParsedSpecial {
  const s = text.trim();
  const lower = s.toLowerCase();
  switch (lower) {
    case 'epoch': case 'infinity': case '-infinity': case 'now': case 'today': case 'tomorrow': case 'yesterday':
      return { kind: lower };
    case '+infinity': return { kind: 'infinity' };
    default: break;
  }
  // Split into words; a 'T' between date and time is a separator.
  let rest = s.replace(/^(\d+-\d+-\d+)T(?=\d)/i, '$1 ');
  let bc = false;
  const era = /\s+(bc|ad)$/i.exec(rest);
  if (era) { bc = era[1]!.toLowerCase() === 'bc'; rest = rest.slice(0, era.index); }
  // Peel a trailing zone glued to the time: 10:00+02, 10:00Z, 10:00:00.5-05:30
  rest = rest.replace(/(\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?)(z|[+-]\d{1,2}(?::?\d{2}){0,2})$/i, '$1 $2');
  const words = rest.split(/[\s,]+/).filter((w) => w.length > 0);
  if (words.length === 0) throw syntaxError(type, text);

  let year: number | null = null, month = 0, day = 0;
  let timeOfDay = 0n;
  let zone: ParsedDateTime['zone'] = null;
  let sawTime = false;
  let dateWordEnd = 0;

  const w0 = words[0]!;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,})-(\d{1,2})-(\d{1,2})$/.exec(w0))) {
    if (m[1]!.length <= 2 && m[3]!.length > 2) throw syntaxError(type, text);
    year = Number(m[1]); month = Number(m[2]); day = Number(m[3]); dateWordEnd = 1;
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{1,})$/.exec(w0))) {
    month = Number(m[1]); day = Number(m[2]); year = Number(m[3]); dateWordEnd = 1;
    if (m[3]!.length <= 2) year += year < 70 ? 2000 : 1900;
  } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(w0))) {
    year = Number(m[1]); month = Number(m[2]); day = Number(m[3]); dateWordEnd = 1;
  } else if (monthIndex(w0) > 0 && words.length >= 3 && /^\d{1,2}$/.test(words[1]!) && /^\d+$/.test(words[2]!)) {
    month = monthIndex(w0); day = Number(words[1]); year = Number(words[2]); dateWordEnd = 3;
  } else if (/^\d{1,2}$/.test(w0) && words.length >= 3 && monthIndex(words[1]!) > 0 && /^\d+$/.test(words[2]!)) {
    day = Number(w0); month = monthIndex(words[1]!); year = Number(words[2]); dateWordEnd = 3;
  } else {
    throw syntaxError(type, text);
  }
  for (let i = dateWordEnd; i < words.length; i++) {
    const w = words[i]!;
    const t = TIME_RE.exec(w);
    if (t && !sawTime) {
      sawTime = true;
      const h = Number(t[1]), mi = Number(t[2]), sec = Number(t[3] ?? 0);
      const fracUs = t[4] ? rint(Number('0.' + t[4]) * 1e6) : 0;
      if (mi > 59 || sec > 60 || h > 24 || (h === 24 && (mi > 0 || sec > 0 || fracUs > 0))) throw fieldOverflow(text);
      timeOfDay = ((BigInt(h) * 60n + BigInt(mi)) * 60n + BigInt(sec)) * 1000000n + BigInt(fracUs);
      continue;
    }
    if (zone === null) {
      const z = parseZone(w);
      if (z !== null) { zone = z; continue; }
    }
    throw syntaxError(type, text);
  }
  if (year === null) throw syntaxError(type, text);
  if (bc) {
    if (year <= 0) throw fieldOverflow(text);
    year = 1 - year;
  }
  if (month < 1 || month > 12) throw fieldOverflow(text, month > 12);
  if (day < 1 || day > daysInMonth(year, month)) throw fieldOverflow(text);
  return { kind: 'value', year, month, day, timeOfDay, zone };
}

/** Days since 1970-01-01 of the parsed calendar date. */
export function parsedDays(p: ParsedDateTime): number {
  return daysFromCivil(p.year, p.month, p.day);
}
