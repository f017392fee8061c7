/**
 * More date/time functions: make_date/make_timestamp/make_interval, age, justify_*, to_char, to_date,
 * to_timestamp, timezone() (AT TIME ZONE). timestamptz values are read in the session TimeZone (ctx.values).
 */
import type { Interval, Numeric } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { civilFromDays, daysFromCivil, daysInMonth, splitTimestamp, USECS_PER_DAY } from '../../../common/values/calendar.js';
import { zoneOffsetSeconds, isValidTimeZone } from '../../../common/values/datetime.js';
import { localToUtc } from '../../../common/values/timezone.js';
import type { EvalContext } from '../compile.js';
import type { ScalarFn } from './registry.js';
import { DAYS, MONTHS, toCharTimestamp } from './to_char_datetime.js';
import { toCharNumber } from './to_char_number.js';

const offUs = (tz: string, ts: bigint) => BigInt(zoneOffsetSeconds(tz, ts)) * 1000000n;

function checkZone(z: string): string {
  if (!isValidTimeZone(z)) throw new QueryError(SQLSTATE.invalid_parameter_value, `time zone "${z}" not recognized`);
  return z;
}

function zoneAbbrev(tz: string, ts: bigint): string {
  if (/^(utc|gmt|z|zulu)$/i.test(tz)) return 'UTC';
  try {
    const p = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' }).formatToParts(new Date(Number(ts / 1000n)));
    const n = p.find((x) => x.type === 'timeZoneName')?.value ?? '';
    if (/^GMT[+-]/.test(n)) {
      const o = zoneOffsetSeconds(tz, ts);
      const h = Math.floor(Math.abs(o) / 3600), m = Math.floor(Math.abs(o) / 60) % 60;
      return (o < 0 ? '-' : '+') + String(h).padStart(2, '0') + (m ? String(m).padStart(2, '0') : '');
    }
    return n === 'GMT' ? 'GMT' : n;
  } catch { return tz; }
}

function fieldOverflow(what: string): QueryError {
  return new QueryError(SQLSTATE.datetime_field_overflow, what);
}

function makeDate(y: number, m: number, d: number): number {
  if (y === 0) throw fieldOverflow(`date field value out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const ay = y < 0 ? y + 1 : y;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(ay, m)) throw fieldOverflow(`date field value out of range: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return daysFromCivil(ay, m, d);
}

function makeTime(h: number, mi: number, s: number): bigint {
  if (h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 60 || (h === 24 && (mi > 0 || s > 0))) {
    throw fieldOverflow(`time field value out of range: ${h}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`);
  }
  return BigInt(h) * 3600000000n + BigInt(mi) * 60000000n + BigInt(Math.round(s * 1e6));
}

/** age(a, b): symbolic months/days difference, as PostgreSQL's timestamp_age. */
function age(a: bigint, b: bigint): Interval {
  const neg = a < b;
  const [x, y] = neg ? [b, a] : [a, b];
  const sx = splitTimestamp(x), sy = splitTimestamp(y);
  const cx = civilFromDays(sx.days), cy = civilFromDays(sy.days);
  let us = sx.timeOfDay - sy.timeOfDay;
  let days = cx.day - cy.day;
  let months = (cx.year - cy.year) * 12 + (cx.month - cy.month);
  if (us < 0n) { us += USECS_PER_DAY; days--; }
  if (days < 0) {
    days += daysInMonth(cy.year, cy.month);
    months--;
  }
  return neg ? { months: -months, days: -days, micros: -us } : { months, days, micros: us };
}

export function justifyHours(iv: Interval): Interval {
  let days = iv.days + Number(iv.micros / USECS_PER_DAY);
  let micros = iv.micros % USECS_PER_DAY;
  if (days > 0 && micros < 0n) { micros += USECS_PER_DAY; days--; } else if (days < 0 && micros > 0n) { micros -= USECS_PER_DAY; days++; }
  return { months: iv.months, days, micros };
}

export function justifyDays(iv: Interval): Interval {
  let months = iv.months + Math.trunc(iv.days / 30);
  let days = iv.days % 30;
  if (months > 0 && days < 0) { days += 30; months--; } else if (months < 0 && days > 0) { days -= 30; months++; }
  return { months, days: days || 0, micros: iv.micros };
}

/** to_date / to_timestamp(text, fmt): the common patterns (YYYY MM DD HH24 HH12 MI SS MS US Mon Month AM). */
function parseWithFormat(text: string, fmt: string): { days: number; micros: bigint } {
  let y = 1, mo = 1, d = 1, h = 0, mi = 0, s = 0, us = 0, pm: boolean | null = null;
  let ti = 0;
  const num = (max: number) => {
    while (text[ti] === ' ') ti++;
    const m = new RegExp(`^[+-]?\\d{1,${max}}`).exec(text.slice(ti));
    if (m === null) throw new QueryError(SQLSTATE.invalid_datetime_format, `invalid value "${text.slice(ti, ti + max)}" for "${fmt}"`);
    ti += m[0].length;
    return Number(m[0]);
  };
  const name = (list: readonly string[], short: boolean) => {
    while (text[ti] === ' ') ti++;
    const rest = text.slice(ti).toLowerCase();
    const idx = list.findIndex((n) => rest.startsWith((short ? n.slice(0, 3) : n).toLowerCase()));
    if (idx < 0) throw new QueryError(SQLSTATE.invalid_datetime_format, `invalid value "${text.slice(ti, ti + 3)}" for "${short ? 'Mon' : 'Month'}"`);
    ti += short ? 3 : list[idx]!.length;
    return idx;
  };
  for (let i = 0; i < fmt.length;) {
    const rest = fmt.slice(i).toUpperCase();
    const tok = ['FM', 'YYYY', 'HH24', 'HH12', 'HH', 'MI', 'SS', 'MS', 'US', 'MONTH', 'MON', 'MM', 'DD', 'DDD', 'AM', 'PM', 'YY', 'DAY', 'DY'].find((t) => rest.startsWith(t));
    if (tok === undefined) { if (text[ti] !== undefined && !/\d/.test(text[ti]!)) ti++; else if (fmt[i] !== ' ') ti++; i++; continue; }
    i += tok.length;
    switch (tok) {
      case 'FM': break;
      case 'YYYY': y = num(4); break;
      case 'YY': { const v = num(2); y = v < 70 ? 2000 + v : 1900 + v; break; }
      case 'MM': mo = num(2); break;
      case 'DD': d = num(2); break;
      case 'DDD': d = num(3); break;
      case 'HH24': h = num(2); break;
      case 'HH12': case 'HH': h = num(2); break;
      case 'MI': mi = num(2); break;
      case 'SS': s = num(2); break;
      case 'MS': us = num(3) * 1000; break;
      case 'US': us = num(6); break;
      case 'MONTH': mo = name(MONTHS, false) + 1; break;
      case 'MON': mo = name(MONTHS, true) + 1; break;
      case 'DAY': name(DAYS, false); break;
      case 'DY': name(DAYS, true); break;
      case 'AM': case 'PM': {
        while (text[ti] === ' ') ti++;
        const t = text.slice(ti, ti + 2).toUpperCase();
        pm = t === 'PM';
        ti += 2;
        break;
      }
    }
  }
  if (pm !== null) { if (h === 12) h = 0; if (pm) h += 12; }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw fieldOverflow(`date/time field value out of range: "${text}"`);
  if (h > 24 || mi > 59 || s > 60) throw fieldOverflow(`date/time field value out of range: "${text}"`);
  return { days: daysFromCivil(y, mo, d), micros: BigInt(h) * 3600000000n + BigInt(mi) * 60000000n + BigInt(s) * 1000000n + BigInt(us) };
}

export function datetimeExtra(fn: string, argTypes: readonly SqlType[], ctx: EvalContext): ScalarFn | null {
  const tz = ctx.values.timeZone;
  switch (fn) {
    case 'make_date': return (a) => makeDate(a[0] as number, a[1] as number, a[2] as number);
    case 'make_timestamp': case 'make_timestamptz':
      return (a) => {
        const local = BigInt(makeDate(a[0] as number, a[1] as number, a[2] as number)) * USECS_PER_DAY + makeTime(a[3] as number, a[4] as number, a[5] as number);
        if (fn === 'make_timestamp') return local;
        return localToUtc(local, a.length > 6 ? checkZone(a[6] as string) : tz);
      };
    case 'make_interval':
      return (a) => {
        const [y, m, w, d, h, mi] = a.slice(0, 6) as number[];
        const s = a[6] as number;
        return { months: y! * 12 + m!, days: w! * 7 + d!, micros: BigInt(h!) * 3600000000n + BigInt(mi!) * 60000000n + BigInt(Math.round(s * 1e6)) };
      };
    case 'age':
      if (argTypes.length === 1) {
        return (a) => {
          const local = ctx.statementTime + offUs(tz, ctx.statementTime);
          const midnight = local - (((local % USECS_PER_DAY) + USECS_PER_DAY) % USECS_PER_DAY);
          const v = a[0] as bigint;
          return argTypes[0]!.kind === 'timestamptz' ? age(midnight, v + offUs(tz, v)) : age(midnight, v);
        };
      }
      if (argTypes[0]!.kind === 'timestamptz') return (a) => age((a[0] as bigint) + offUs(tz, a[0] as bigint), (a[1] as bigint) + offUs(tz, a[1] as bigint));
      return (a) => age(a[0] as bigint, a[1] as bigint);
    case 'justify_hours': return (a) => justifyHours(a[0] as Interval);
    case 'justify_days': return (a) => justifyDays(a[0] as Interval);
    case 'justify_interval': return (a) => {
      const iv = a[0] as Interval;
      let months = iv.months + Math.trunc(iv.days / 30);
      let days = (iv.days % 30) + Number(iv.micros / USECS_PER_DAY);
      let micros = iv.micros % USECS_PER_DAY;
      months += Math.trunc(days / 30);
      days = days % 30;
      if (months > 0 && (days < 0 || (days === 0 && micros < 0n))) { days += 30; months--; } else if (months < 0 && (days > 0 || (days === 0 && micros > 0n))) { days -= 30; months++; }
      if (days > 0 && micros < 0n) { micros += USECS_PER_DAY; days--; } else if (days < 0 && micros > 0n) { micros -= USECS_PER_DAY; days++; }
      return { months, days: days || 0, micros };
    };
    case 'to_char': {
      const k = argTypes[0]!.kind;
      switch (k) {
        case 'timestamp': return (a) => toCharTimestamp(a[0] as bigint, a[1] as string, null);
        case 'timestamptz': return (a) => {
          const v = a[0] as bigint;
          return toCharTimestamp(v + offUs(tz, v), a[1] as string, { abbrev: zoneAbbrev(tz, v), offset: zoneOffsetSeconds(tz, v) });
        };
        case 'numeric': return (a) => toCharNumber(a[0] as Numeric, a[1] as string);
        case 'int2': case 'int4': return (a) => toCharNumber(BigInt(a[0] as number), a[1] as string);
        case 'int8': return (a) => toCharNumber(a[0] as bigint, a[1] as string);
        case 'float4': case 'float8': return (a) => toCharNumber(a[0] as number, a[1] as string);
        default: return null;
      }
    }
    case 'to_date': return (a) => parseWithFormat(a[0] as string, a[1] as string).days;
    case 'to_timestamp_fmt': return (a) => {
      const r = parseWithFormat(a[0] as string, a[1] as string);
      return localToUtc(BigInt(r.days) * USECS_PER_DAY + r.micros, tz);
    };
    case 'to_timestamp': return (a) => {
      const x = a[0] as number;
      if (!Number.isFinite(x)) return x > 0 ? 2n ** 63n - 1n : -(2n ** 63n);
      return BigInt(Math.round(x * 1e6));
    };
    case 'timezone': {
      // timezone(zone, timestamptz) → timestamp; timezone(zone, timestamp) → timestamptz
      const k = argTypes[1]!.kind;
      if (k === 'timestamptz') return (a) => { const z = checkZone(a[0] as string); const v = a[1] as bigint; return v + offUs(z, v); };
      return (a) => localToUtc(a[1] as bigint, checkZone(a[0] as string));
    }
    case 'isfinite': return (a) => {
      const v = a[0];
      if (typeof v === 'number') return v !== 2147483647 && v !== -2147483648;
      if (typeof v === 'bigint') return v !== 2n ** 63n - 1n && v !== -(2n ** 63n);
      return true;
    };
    default: return null;
  }
}

