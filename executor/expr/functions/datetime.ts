/** Date/time arithmetic and functions: date ± int, timestamp ± interval, date_trunc, extract/date_part, now. */
import type { Interval, Numeric } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { timestampAddInterval, zoneOffsetSeconds } from '../../../common/values/datetime.js';
import type { EvalContext } from '../compile.js';
import type { ScalarFn } from './registry.js';
import { isoWeek } from './to_char_datetime.js';
import * as N from '../../../common/values/numeric.js';

const DAY_US = 86400000000n;
const negIv = (iv: Interval): Interval => ({ months: -iv.months, days: -iv.days, micros: -iv.micros });

function diffInterval(a: bigint, b: bigint): Interval {
  const d = a - b;
  const days = d / DAY_US;
  return { months: 0, days: Number(days), micros: d - days * DAY_US };
}

function offsetUs(ctx: EvalContext, micros: bigint): bigint {
  return BigInt(zoneOffsetSeconds(ctx.values.timeZone, micros)) * 1000000n;
}

function fields(localMicros: bigint) {
  const ms = Number(localMicros / 1000n - (localMicros % 1000n < 0n ? 1n : 0n));
  const d = new Date(ms);
  const usInSec = Number(((localMicros % 60000000n) + 60000000n) % 60000000n);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), usInMinute: usInSec, dow: d.getUTCDay(), ms };
}

function truncLocal(unit: string, local: bigint): bigint {
  const f = fields(local);
  const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => BigInt(Date.UTC(y, mo - 1, d, h, mi)) * 1000n;
  switch (unit) {
    case 'millennium': return utc(Math.floor((f.y - 1) / 1000) * 1000 + 1, 1, 1);
    case 'century': return utc(Math.floor((f.y - 1) / 100) * 100 + 1, 1, 1);
    case 'decade': return utc(Math.floor(f.y / 10) * 10, 1, 1);
    case 'year': return utc(f.y, 1, 1);
    case 'quarter': return utc(f.y, Math.floor((f.mo - 1) / 3) * 3 + 1, 1);
    case 'month': return utc(f.y, f.mo, 1);
    case 'week': return utc(f.y, f.mo, f.day - ((f.dow + 6) % 7));
    case 'day': return utc(f.y, f.mo, f.day);
    case 'hour': return utc(f.y, f.mo, f.day, f.h);
    case 'minute': return utc(f.y, f.mo, f.day, f.h, f.mi);
    case 'second': return local - (((local % 1000000n) + 1000000n) % 1000000n);
    case 'milliseconds': return local - (((local % 1000n) + 1000n) % 1000n);
    case 'microseconds': return local;
    default: throw unitError(unit, 'timestamp without time zone');
  }
}

const UNIT_ALIASES: Record<string, string> = {
  microsecond: 'microseconds', us: 'microseconds', usec: 'microseconds', usecs: 'microseconds', useconds: 'microseconds',
  millisecond: 'milliseconds', ms: 'milliseconds', msec: 'milliseconds', msecs: 'milliseconds', mseconds: 'milliseconds',
  seconds: 'second', sec: 'second', secs: 'second', s: 'second', minutes: 'minute', min: 'minute', mins: 'minute', m: 'minute',
  hours: 'hour', hr: 'hour', hrs: 'hour', h: 'hour', days: 'day', d: 'day', weeks: 'week', w: 'week',
  months: 'month', mon: 'month', mons: 'month', quarters: 'quarter', qtr: 'quarter', years: 'year', y: 'year', yr: 'year', yrs: 'year',
  decades: 'decade', dec: 'decade', decs: 'decade', centuries: 'century', c: 'century', cent: 'century', millennia: 'millennium', mil: 'millennium', mils: 'millennium',
};
const KNOWN_UNITS = new Set(['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century', 'millennium',
  'dow', 'isodow', 'doy', 'epoch', 'isoyear', 'julian', 'timezone', 'timezone_hour', 'timezone_minute']);

function normUnit(u: string): string {
  const l = u.toLowerCase().trim();
  return UNIT_ALIASES[l] ?? l;
}

function unitError(unit: string, typeName: string): QueryError {
  return KNOWN_UNITS.has(unit)
    ? new QueryError(SQLSTATE.feature_not_supported, `unit "${unit}" not supported for type ${typeName}`)
    : new QueryError(SQLSTATE.invalid_parameter_value, `unit "${unit}" not recognized for type ${typeName}`);
}

function num(unscaled: bigint, scale: number): Numeric {
  return { unscaled, scale };
}

/** extract(field from local timestamp) as numeric (scale 6 for seconds/epoch, 3 for milliseconds). */
function extractLocal(unit: string, local: bigint, epochMicros: bigint, forDate: boolean, typeName: string): Numeric {
  const f = fields(local);
  const doy = Math.floor((Date.UTC(f.y, f.mo - 1, f.day) - Date.UTC(f.y, 0, 1)) / 86400000) + 1;
  const int = (v: number) => num(BigInt(v), 0);
  switch (unit) {
    case 'year': return int(f.y > 0 ? f.y : f.y - 1); // no year 0: 1 BC is -1
    case 'month': return int(f.mo);
    case 'day': return int(f.day);
    case 'quarter': return int(Math.floor((f.mo - 1) / 3) + 1);
    case 'dow': return int(f.dow);
    case 'isodow': return int(f.dow === 0 ? 7 : f.dow);
    case 'doy': return int(doy);
    case 'decade': return int(Math.floor(f.y / 10));
    case 'century': return int(f.y > 0 ? Math.floor((f.y + 99) / 100) : -Math.floor((99 - (f.y - 1)) / 100));
    case 'epoch': return forDate ? num(epochMicros / 1000000n, 0) : num(epochMicros, 6);
    case 'millennium': return int(f.y > 0 ? Math.floor((f.y + 999) / 1000) : -Math.floor((999 - (f.y - 1)) / 1000));
    case 'week': return int(isoWeek(Number((local - (((local % DAY_US) + DAY_US) % DAY_US)) / DAY_US)).week);
    case 'isoyear': return int(isoWeek(Number((local - (((local % DAY_US) + DAY_US) % DAY_US)) / DAY_US)).isoYear);
    case 'julian': {
      if (forDate) return int(Number(local / DAY_US) + 2440588);
      const dayUs = ((local % DAY_US) + DAY_US) % DAY_US;
      const jd = (local - dayUs) / DAY_US + 2440588n;
      return N.numericAdd(num(jd, 0), N.numericDiv(num(dayUs, 0), num(DAY_US, 0)));
    }
  }
  if (!forDate) {
    switch (unit) {
      case 'hour': return int(f.h);
      case 'minute': return int(f.mi);
      case 'second': return num(BigInt(f.usInMinute), 6);
      case 'milliseconds': return num(BigInt(f.usInMinute), 3);
      case 'microseconds': return int(f.usInMinute);
    }
  }
  throw unitError(unit, typeName);
}

function extractInterval(unit: string, iv: Interval): Numeric {
  const int = (v: number | bigint) => num(BigInt(v), 0);
  const secUs = iv.micros % 60000000n;
  switch (unit) {
    case 'year': return int(Math.trunc(iv.months / 12));
    case 'month': return int(iv.months % 12);
    case 'day': return int(iv.days);
    case 'hour': return int(iv.micros / 3600000000n);
    case 'minute': return int((iv.micros / 60000000n) % 60n);
    case 'second': return num(secUs, 6);
    case 'epoch': {
      const us = (BigInt(Math.trunc(iv.months / 12)) * 36525n * DAY_US) / 100n + BigInt(iv.months % 12) * 30n * DAY_US + BigInt(iv.days) * DAY_US + iv.micros;
      return num(us, 6);
    }
    default: throw unitError(unit, 'interval');
  }
}

function numToFloat(n: Numeric): number {
  return Number(n.unscaled) / 10 ** n.scale;
}

export function datetimeFunction(fn: string, argTypes: readonly SqlType[], ctx: EvalContext): ScalarFn | null {
  const tz = ctx.values.timeZone;
  switch (fn) {
    case 'date_add_int4': return (a) => (a[0] as number) + (a[1] as number);
    case 'date_sub_int4': return (a) => (a[0] as number) - (a[1] as number);
    case 'date_sub_date': return (a) => (a[0] as number) - (a[1] as number);
    case 'timestamp_add_interval': return (a) => timestampAddInterval(a[0] as bigint, a[1] as Interval, null);
    case 'timestamp_sub_interval': return (a) => timestampAddInterval(a[0] as bigint, negIv(a[1] as Interval), null);
    case 'timestamptz_add_interval': return (a) => timestampAddInterval(a[0] as bigint, a[1] as Interval, tz);
    case 'timestamptz_sub_interval': return (a) => timestampAddInterval(a[0] as bigint, negIv(a[1] as Interval), tz);
    case 'timestamp_sub_timestamp': case 'timestamptz_sub_timestamptz': return (a) => diffInterval(a[0] as bigint, a[1] as bigint);
    case 'interval_add': return (a) => { const x = a[0] as Interval, y = a[1] as Interval; return { months: x.months + y.months, days: x.days + y.days, micros: x.micros + y.micros }; };
    case 'interval_sub': return (a) => { const x = a[0] as Interval, y = negIv(a[1] as Interval); return { months: x.months + y.months, days: x.days + y.days, micros: x.micros + y.micros }; };
    case 'interval_neg': return (a) => negIv(a[0] as Interval);
    case 'interval_mul_float8': case 'interval_div_float8': {
      const div = fn === 'interval_div_float8';
      return (a) => {
        const iv = a[0] as Interval;
        let f = a[1] as number;
        if (div) { if (f === 0) throw new QueryError(SQLSTATE.division_by_zero, 'division by zero'); f = 1 / f; }
        const m = iv.months * f;
        const months = Math.trunc(m);
        const d = iv.days * f + (m - months) * 30;
        const days = Math.trunc(d);
        const micros = BigInt(Math.round(Number(iv.micros) * f + (d - days) * 86400e6));
        return { months, days, micros };
      };
    }
    case 'now': return () => ctx.statementTime;
    case 'localtimestamp': return () => ctx.statementTime + offsetUs(ctx, ctx.statementTime);
    case 'current_date': return () => {
      const local = ctx.statementTime + offsetUs(ctx, ctx.statementTime);
      return Number((local - (((local % DAY_US) + DAY_US) % DAY_US)) / DAY_US);
    };
    case 'date_trunc': {
      const k = argTypes[1]!.kind;
      if (k === 'interval') return null;
      if (k === 'timestamptz') {
        return (a) => {
          const ts = a[1] as bigint;
          const local = truncLocal(normUnit(a[0] as string), ts + offsetUs(ctx, ts));
          return local - offsetUs(ctx, local - offsetUs(ctx, ts));
        };
      }
      return (a) => truncLocal(normUnit(a[0] as string), a[1] as bigint);
    }
    case 'extract': case 'date_part': {
      const k = argTypes[1]!.kind;
      const asFloat = fn === 'date_part';
      const wrap = (f: (unit: string, v: unknown) => Numeric): ScalarFn => (a) => {
        const r = f(normUnit(a[0] as string), a[1]);
        return asFloat ? numToFloat(r) : r;
      };
      switch (k) {
        case 'date': return wrap((u, v) => { const us = BigInt(v as number) * DAY_US; return extractLocal(u, us, us, true, 'date'); });
        case 'timestamp': return wrap((u, v) => extractLocal(u, v as bigint, v as bigint, false, 'timestamp without time zone'));
        case 'timestamptz': return wrap((u, v) => extractLocal(u, (v as bigint) + offsetUs(ctx, v as bigint), v as bigint, false, 'timestamp with time zone'));
        case 'interval': return wrap((u, v) => extractInterval(u, v as Interval));
        default: return null;
      }
    }
    default: return null;
  }
}
