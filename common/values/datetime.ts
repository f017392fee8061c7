/**
 * Dates are days since 1970-01-01; timestamps are microseconds since 1970-01-01 00:00:00
 * (timestamptz: UTC). Parsing accepts what PostgreSQL's date/time input accepts for ordinary
 * data ('2024-01-01', '2024-01-01 10:00', '2024-01-01T10:00:00.123456+02', 'epoch', 'infinity',
 * 'Jan 1 2024' is optional); bad input → 22007 invalid_datetime_format, out-of-range fields → 22008.
 * ±infinity are the INT32/INT64 extremes (calendar.ts constants), as PostgreSQL stores them.
 */
import type { Interval } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';
import {
  DATE_INFINITY, DATE_NEG_INFINITY, TIMESTAMP_INFINITY, TIMESTAMP_NEG_INFINITY, USECS_PER_DAY,
  civilFromDays, daysFromCivil, daysInMonth, formatTimeOfDay, formatYmd, pad2, splitTimestamp,
} from './calendar.js';
import { parseDateTime, parsedDays, syntaxError, type ParsedDateTime, type TypeLabel } from './datetime_parse.js';
import { localToUtc, zoneOffsetSeconds } from './timezone.js';

export { DATE_INFINITY, DATE_NEG_INFINITY, TIMESTAMP_INFINITY, TIMESTAMP_NEG_INFINITY } from './calendar.js';
export { parseInterval, formatInterval } from './interval.js';
export { zoneOffsetSeconds, isValidTimeZone } from './timezone.js';

/** first valid date: 4714-11-24 BC (Julian day 0); last: 5874897-12-31 */
const MIN_DATE = daysFromCivil(-4713, 11, 24);
const MAX_DATE = daysFromCivil(5874897, 12, 31);
/** timestamps: 4714-11-24 BC 00:00 ≤ ts < 294277-01-01 00:00 */
const MIN_TS = BigInt(MIN_DATE) * USECS_PER_DAY;
const END_TS = BigInt(daysFromCivil(294277, 1, 1)) * USECS_PER_DAY;

function nowMicros(): bigint {
  return BigInt(Date.now()) * 1000n;
}

function specialDays(kind: string, timeZone: string): number {
  const local = nowMicros() + BigInt(zoneOffsetSeconds(timeZone, nowMicros())) * 1000000n;
  const today = splitTimestamp(local).days;
  return kind === 'tomorrow' ? today + 1 : kind === 'yesterday' ? today - 1 : today;
}

function dateOutOfRange(text: string): QueryError {
  return new QueryError(SQLSTATE.datetime_field_overflow, `date out of range: "${text}"`);
}

function timestampOutOfRange(text?: string): QueryError {
  return new QueryError(SQLSTATE.datetime_field_overflow, text === undefined ? 'timestamp out of range' : `timestamp out of range: "${text}"`);
}

export function parseDate(text: string, timeZone = 'UTC'): number {
  const p = parseDateTime(text, 'date');
  switch (p.kind) {
    case 'epoch': return 0;
    case 'infinity': return DATE_INFINITY;
    case '-infinity': return DATE_NEG_INFINITY;
    case 'now': case 'today': case 'tomorrow': case 'yesterday': return specialDays(p.kind, timeZone);
    case 'value': {
      const d = parsedDays(p);
      if (d < MIN_DATE || d > MAX_DATE) throw dateOutOfRange(text);
      return d;
    }
  }
}

export function formatDate(days: number): string {
  if (days === DATE_INFINITY) return 'infinity';
  if (days === DATE_NEG_INFINITY) return '-infinity';
  const { text, bc } = formatYmd(days);
  return bc ? text + ' BC' : text;
}

function localMicros(p: ParsedDateTime, text: string): bigint {
  const d = parsedDays(p);
  if (d < MIN_DATE - 1 || d > daysFromCivil(294277, 1, 1)) throw timestampOutOfRange(text);
  return BigInt(d) * USECS_PER_DAY + p.timeOfDay;
}

function checkTs(ts: bigint, text: string): bigint {
  if (ts < MIN_TS || ts >= END_TS) throw timestampOutOfRange(text);
  return ts;
}

function parseTs(text: string, label: TypeLabel, timeZone: string | null): bigint {
  const p = parseDateTime(text, label);
  switch (p.kind) {
    case 'epoch': return 0n;
    case 'infinity': return TIMESTAMP_INFINITY;
    case '-infinity': return TIMESTAMP_NEG_INFINITY;
    case 'now': {
      const now = nowMicros();
      return timeZone === null ? now + BigInt(zoneOffsetSeconds('UTC', now)) * 1000000n : now;
    }
    case 'today': case 'tomorrow': case 'yesterday': {
      const local = BigInt(specialDays(p.kind, timeZone ?? 'UTC')) * USECS_PER_DAY;
      return timeZone === null ? local : localToUtc(local, timeZone);
    }
    case 'value': {
      const local = localMicros(p, text);
      if (timeZone === null) return checkTs(local, text); // a zone on a plain timestamp is ignored
      let utc: bigint;
      if (p.zone === null) utc = localToUtc(local, timeZone);
      else if ('offset' in p.zone) utc = local - BigInt(p.zone.offset) * 1000000n;
      else utc = localToUtc(local, p.zone.name);
      return checkTs(utc, text);
    }
  }
}

export function parseTimestamp(text: string): bigint {
  return parseTs(text, 'timestamp', null);
}

export function formatTimestamp(micros: bigint): string {
  if (micros === TIMESTAMP_INFINITY) return 'infinity';
  if (micros === TIMESTAMP_NEG_INFINITY) return '-infinity';
  const { days, timeOfDay } = splitTimestamp(micros);
  const { text, bc } = formatYmd(days);
  return `${text} ${formatTimeOfDay(timeOfDay)}${bc ? ' BC' : ''}`;
}

/** input without an explicit offset is read in `timeZone` */
export function parseTimestamptz(text: string, timeZone: string): bigint {
  return parseTs(text, 'timestamp with time zone', timeZone);
}

/** '+00', '+05:30', '-03:00:15' as PostgreSQL prints a UTC offset */
export function formatOffset(offsetSeconds: number): string {
  const neg = offsetSeconds < 0;
  const a = Math.abs(offsetSeconds);
  const h = Math.floor(a / 3600), m = Math.floor(a / 60) % 60, s = a % 60;
  let out = `${neg ? '-' : '+'}${pad2(h)}`;
  if (m !== 0 || s !== 0) out += `:${pad2(m)}`;
  if (s !== 0) out += `:${pad2(s)}`;
  return out;
}

/** '2024-01-01 10:00:00+00' style (ISO DateStyle) in `timeZone` */
export function formatTimestamptz(micros: bigint, timeZone: string): string {
  if (micros === TIMESTAMP_INFINITY) return 'infinity';
  if (micros === TIMESTAMP_NEG_INFINITY) return '-infinity';
  const off = zoneOffsetSeconds(timeZone, micros);
  const { days, timeOfDay } = splitTimestamp(micros + BigInt(off) * 1000000n);
  const { text, bc } = formatYmd(days);
  return `${text} ${formatTimeOfDay(timeOfDay)}${formatOffset(off)}${bc ? ' BC' : ''}`;
}

/** timestamp + interval (months/days applied in calendar terms; for timestamptz in `timeZone`) */
export function timestampAddInterval(ts: bigint, iv: Interval, timeZone: string | null): bigint {
  if (ts === TIMESTAMP_INFINITY || ts === TIMESTAMP_NEG_INFINITY) return ts;
  let t = ts;
  if (iv.months !== 0 || iv.days !== 0) {
    const off = timeZone === null ? 0 : zoneOffsetSeconds(timeZone, t);
    const local = t + BigInt(off) * 1000000n;
    const { days, timeOfDay } = splitTimestamp(local);
    let d = days;
    if (iv.months !== 0) {
      const c = civilFromDays(days);
      const total = c.year * 12 + (c.month - 1) + iv.months;
      const y = Math.floor(total / 12);
      const m = total - y * 12 + 1;
      d = daysFromCivil(y, m, Math.min(c.day, daysInMonth(y, m)));
    }
    d += iv.days;
    const newLocal = BigInt(d) * USECS_PER_DAY + timeOfDay;
    t = timeZone === null ? newLocal : localToUtc(newLocal, timeZone);
  }
  t += iv.micros;
  if (t < MIN_TS || t >= END_TS) throw timestampOutOfRange();
  return t;
}

export function timestampSubInterval(ts: bigint, iv: Interval, timeZone: string | null): bigint {
  return timestampAddInterval(ts, { months: -iv.months, days: -iv.days, micros: -iv.micros }, timeZone);
}

/** date + integer days (date_pli); 22008 "date out of range" */
export function dateAddDays(days: number, n: number): number {
  if (days === DATE_INFINITY || days === DATE_NEG_INFINITY) return days;
  const r = days + n;
  if (r < MIN_DATE || r > MAX_DATE) throw new QueryError(SQLSTATE.datetime_field_overflow, 'date out of range');
  return r;
}

/** date - date = integer days */
export function dateDiffDays(a: number, b: number): number {
  if (a === DATE_INFINITY || a === DATE_NEG_INFINITY || b === DATE_INFINITY || b === DATE_NEG_INFINITY) {
    throw new QueryError(SQLSTATE.datetime_field_overflow, 'cannot subtract infinite dates');
  }
  return a - b;
}

/** date → timestamp (midnight) */
export function dateToTimestamp(days: number): bigint {
  if (days === DATE_INFINITY) return TIMESTAMP_INFINITY;
  if (days === DATE_NEG_INFINITY) return TIMESTAMP_NEG_INFINITY;
  const t = BigInt(days) * USECS_PER_DAY;
  if (t >= END_TS) throw new QueryError(SQLSTATE.datetime_field_overflow, 'date out of range for timestamp');
  return t;
}

/** timestamp → date (floor to day) */
export function timestampToDate(ts: bigint): number {
  if (ts === TIMESTAMP_INFINITY) return DATE_INFINITY;
  if (ts === TIMESTAMP_NEG_INFINITY) return DATE_NEG_INFINITY;
  return splitTimestamp(ts).days;
}

/** timestamp (local wall clock) → timestamptz read in `timeZone` */
export function timestampToTimestamptz(ts: bigint, timeZone: string): bigint {
  if (ts === TIMESTAMP_INFINITY || ts === TIMESTAMP_NEG_INFINITY) return ts;
  return localToUtc(ts, timeZone);
}

/** timestamptz → local wall clock in `timeZone` */
export function timestamptzToTimestamp(ts: bigint, timeZone: string): bigint {
  if (ts === TIMESTAMP_INFINITY || ts === TIMESTAMP_NEG_INFINITY) return ts;
  return ts + BigInt(zoneOffsetSeconds(timeZone, ts)) * 1000000n;
}

/** timestamp - timestamp = interval of days + micros (timestamp_mi, then justify_hours) */
export function timestampDiff(a: bigint, b: bigint): Interval {
  const diff = a - b;
  const days = diff / USECS_PER_DAY;
  return { months: 0, days: Number(days), micros: diff - days * USECS_PER_DAY };
}

export { syntaxError as dateTimeSyntaxError };
