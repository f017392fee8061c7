/**
 * Time zone offsets for the TimeZone setting and zone names in input: IANA names through
 * Intl.DateTimeFormat, 'UTC'/'GMT'/'Z', and POSIX-style fixed offsets ('+02:00' means 2 hours
 * WEST of Greenwich, as PostgreSQL reads a numeric TimeZone setting).
 */
import { QueryError, SQLSTATE } from '../errors.js';

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', era: 'short',
        year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Fixed offset (seconds EAST of Greenwich) of a zone spelled as an offset, or null. */
export function fixedZoneOffset(zone: string, posix: boolean): number | null {
  const z = zone.trim().toUpperCase();
  if (z === 'UTC' || z === 'GMT' || z === 'Z' || z === 'ZULU' || z === 'UCT' || z === 'ETC/UTC' || z === 'ETC/GMT') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(z);
  if (!m) return null;
  const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  const east = m[1] === '+' ? secs : -secs;
  return posix ? -east : east;
}

export function isValidTimeZone(zone: string): boolean {
  return fixedZoneOffset(zone, true) !== null || formatter(zone) !== null;
}

function badZone(zone: string): QueryError {
  return new QueryError(SQLSTATE.invalid_parameter_value, `time zone "${zone}" not recognized`);
}

const MAX_JS_MS = 8.64e15;

/** UTC offset in seconds east of Greenwich of `timeZone` (a TimeZone setting) at the UTC instant `micros` */
export function zoneOffsetSeconds(timeZone: string, micros: bigint): number {
  const fixed = fixedZoneOffset(timeZone, true);
  if (fixed !== null) return fixed;
  const f = formatter(timeZone);
  if (f === null) throw badZone(timeZone);
  let ms = Number(micros / 1000n);
  if (micros < 0n && micros % 1000n !== 0n) ms -= 1;
  ms = Math.min(Math.max(ms, -MAX_JS_MS + 86400000), MAX_JS_MS - 86400000);
  const secMs = Math.floor(ms / 1000) * 1000;
  let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, bc = false;
  for (const p of f.formatToParts(new Date(secMs))) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      case 'era': bc = p.value.startsWith('B'); break;
      default: break;
    }
  }
  if (bc) year = 1 - year;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return Math.round((d.getTime() - secMs) / 1000);
}

/**
 * UTC instant of a local wall-clock time in `timeZone`. In a spring-forward gap the time is read
 * with the offset before the transition; a repeated (fall-back) time takes the later, standard offset —
 * as PostgreSQL's DetermineTimeZoneOffset.
 */
export function localToUtc(local: bigint, timeZone: string): bigint {
  const fixed = fixedZoneOffset(timeZone, true);
  if (fixed !== null) return local - BigInt(fixed) * 1000000n;
  const day = 86400000000n;
  const before = zoneOffsetSeconds(timeZone, local - day);
  const after = zoneOffsetSeconds(timeZone, local + day);
  if (before === after) return local - BigInt(before) * 1000000n;
  const tBefore = local - BigInt(before) * 1000000n;
  const tAfter = local - BigInt(after) * 1000000n;
  const okBefore = zoneOffsetSeconds(timeZone, tBefore) === before;
  const okAfter = zoneOffsetSeconds(timeZone, tAfter) === after;
  if (okAfter) return tAfter;
  if (okBefore) return tBefore;
  // gap: read with the offset before the transition
  return tBefore;
}
