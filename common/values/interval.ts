/**
 * Interval input (PostgreSQL 'postgres' style words, 'HH:MM:SS' time fields, '@ … ago', ISO 8601
 * 'P1Y2M3DT4H5M6S') and output in IntervalStyle postgres.
 */
import type { Interval } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';
import { formatFraction, pad2, rint } from './calendar.js';

const US_PER_SEC = 1e6;

function invalid(text: string): QueryError {
  return new QueryError(SQLSTATE.invalid_datetime_format, `invalid input syntax for type interval: "${text}"`);
}

type Unit = 'us' | 'ms' | 's' | 'min' | 'h' | 'd' | 'w' | 'mon' | 'y' | 'dec' | 'cent' | 'mil';

const UNITS: Record<string, Unit> = {
  microsecond: 'us', microseconds: 'us', us: 'us', usec: 'us', usecs: 'us', useconds: 'us', usecond: 'us',
  millisecond: 'ms', milliseconds: 'ms', ms: 'ms', msec: 'ms', msecs: 'ms', mseconds: 'ms', msecond: 'ms',
  second: 's', seconds: 's', s: 's', sec: 's', secs: 's',
  minute: 'min', minutes: 'min', m: 'min', min: 'min', mins: 'min',
  hour: 'h', hours: 'h', h: 'h', hr: 'h', hrs: 'h',
  day: 'd', days: 'd', d: 'd',
  week: 'w', weeks: 'w', w: 'w',
  month: 'mon', months: 'mon', mon: 'mon', mons: 'mon',
  year: 'y', years: 'y', y: 'y', yr: 'y', yrs: 'y',
  decade: 'dec', decades: 'dec', dec: 'dec', decs: 'dec',
  century: 'cent', centuries: 'cent', c: 'cent', cent: 'cent',
  millennium: 'mil', millennia: 'mil', millenniums: 'mil', mil: 'mil', mils: 'mil',
};

class Acc {
  months = 0;
  days = 0;
  micros = 0n;
  addUnit(val: number, unit: Unit): void {
    const whole = Math.trunc(val);
    const frac = val - whole;
    switch (unit) {
      case 'us': this.micros += BigInt(rint(val)); break;
      case 'ms': this.micros += BigInt(rint(val * 1000)); break;
      case 's': this.micros += BigInt(rint(val * US_PER_SEC)); break;
      case 'min': this.micros += BigInt(rint(val * 60 * US_PER_SEC)); break;
      case 'h': this.micros += BigInt(rint(val * 3600 * US_PER_SEC)); break;
      case 'd': this.days += whole; this.fracDays(frac); break;
      case 'w': this.days += whole * 7; this.fracDays(frac * 7); break;
      case 'mon': this.months += whole; this.fracDays(frac * 30); break;
      case 'y': this.months += whole * 12 + rint(frac * 12); break;
      case 'dec': this.months += whole * 120 + rint(frac * 120); break;
      case 'cent': this.months += whole * 1200 + rint(frac * 1200); break;
      case 'mil': this.months += whole * 12000 + rint(frac * 12000); break;
    }
  }
  private fracDays(f: number): void {
    const whole = Math.trunc(f);
    this.days += whole;
    const rest = f - whole;
    if (rest !== 0) this.micros += BigInt(rint(rest * 86400 * US_PER_SEC));
  }
}

const TIME_RE = /^([+-]?)(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?$/;

function parseIso(s: string, text: string): Interval {
  const m = /^P(?:([-\d.]+)Y)?(?:([-\d.]+)M)?(?:([-\d.]+)W)?(?:([-\d.]+)D)?(?:T(?:([-\d.]+)H)?(?:([-\d.]+)M)?(?:([-\d.]+)S)?)?$/i.exec(s);
  if (!m || s.length === 1) throw invalid(text);
  const acc = new Acc();
  const units: Unit[] = ['y', 'mon', 'w', 'd', 'h', 'min', 's'];
  units.forEach((u, i) => {
    const v = m[i + 1];
    if (v !== undefined) {
      const n = Number(v);
      if (!Number.isFinite(n)) throw invalid(text);
      acc.addUnit(n, u);
    }
  });
  return { months: acc.months, days: acc.days, micros: acc.micros };
}

export function parseInterval(text: string): Interval {
  let s = text.trim();
  if (s.length === 0) throw invalid(text);
  if (/^P/i.test(s)) return parseIso(s, text);
  if (s.startsWith('@')) s = s.slice(1).trim();
  const tokens = s.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  let ago = false;
  if (tokens[tokens.length - 1] === 'ago') { ago = true; tokens.pop(); }
  if (tokens.length === 0) throw invalid(text);
  const acc = new Acc();
  for (let i = 0; i < tokens.length; i++) {
    let tok = tokens[i]!;
    const t = TIME_RE.exec(tok);
    if (t) {
      const h = Number(t[2]), mi = Number(t[3]), sec = Number(t[4] ?? 0);
      if (mi > 59 || sec > 59) throw new QueryError(SQLSTATE.datetime_field_overflow, `interval field value out of range: "${text}"`);
      const frac = t[5] ? rint(Number('0.' + t[5]) * US_PER_SEC) : 0;
      let us = ((BigInt(h) * 60n + BigInt(mi)) * 60n + BigInt(sec)) * 1000000n + BigInt(frac);
      if (t[1] === '-') us = -us;
      acc.micros += us;
      continue;
    }
    // number immediately followed by a unit ('5days') or number then unit word
    let m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z]*)$/.exec(tok);
    if (!m) throw invalid(text);
    const val = Number(m[1]);
    let unitWord = m[2]!;
    if (unitWord === '') {
      const next = tokens[i + 1];
      if (next !== undefined && UNITS[next] !== undefined) { unitWord = next; i++; }
    }
    if (unitWord === '') { acc.addUnit(val, 's'); continue; }
    const unit = UNITS[unitWord];
    if (unit === undefined) throw invalid(text);
    acc.addUnit(val, unit);
    tok = '';
  }
  let iv: Interval = { months: acc.months, days: acc.days, micros: acc.micros };
  if (ago) iv = { months: -iv.months, days: -iv.days, micros: -iv.micros };
  return { months: iv.months + 0, days: iv.days + 0, micros: iv.micros };
}

function intPart(cp: string[], value: number, unit: string, st: { isZero: boolean; isBefore: boolean }): void {
  if (value === 0) return;
  cp.push(`${st.isZero ? '' : ' '}${st.isBefore && value > 0 ? '+' : ''}${value} ${unit}${value !== 1 ? 's' : ''}`);
  st.isBefore = value < 0;
  st.isZero = false;
}

/** IntervalStyle postgres: '1 year 2 mons 3 days 04:05:06' */
export function formatInterval(iv: Interval): string {
  const years = Math.trunc(iv.months / 12);
  const mons = iv.months - years * 12;
  const st = { isZero: true, isBefore: false };
  const out: string[] = [];
  intPart(out, years, 'year', st);
  intPart(out, mons, 'mon', st);
  intPart(out, iv.days, 'day', st);
  const us = iv.micros;
  if (st.isZero || us !== 0n) {
    const neg = us < 0n;
    const a = neg ? -us : us;
    const totalSec = a / 1000000n;
    const frac = Number(a - totalSec * 1000000n);
    const hours = totalSec / 3600n;
    const min = Number((totalSec / 60n) % 60n);
    const sec = Number(totalSec % 60n);
    const h = hours < 10n ? '0' + hours.toString() : hours.toString();
    out.push(`${st.isZero ? '' : ' '}${neg ? '-' : st.isBefore ? '+' : ''}${h}:${pad2(min)}:${pad2(sec)}${formatFraction(frac)}`);
  }
  return out.join('');
}
