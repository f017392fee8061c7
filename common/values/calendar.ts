/**
 * Proleptic Gregorian calendar arithmetic (as PostgreSQL's Julian-day based code), with astronomical
 * years: year 0 = 1 BC. Dates are days since 1970-01-01; timestamps µs since 1970-01-01 00:00:00.
 */

/** PostgreSQL's DATEVAL_NOBEGIN / DATEVAL_NOEND as our date datums (INT32 min/max). */
export const DATE_NEG_INFINITY = -2147483648;
export const DATE_INFINITY = 2147483647;
/** PostgreSQL's DT_NOBEGIN / DT_NOEND as our timestamp datums (INT64 min/max). */
export const TIMESTAMP_NEG_INFINITY = -(2n ** 63n);
export const TIMESTAMP_INFINITY = 2n ** 63n - 1n;

export const USECS_PER_SEC = 1000000n;
export const USECS_PER_DAY = 86400000000n;

/** days since 1970-01-01 of a civil date (astronomical year) */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil { readonly year: number; readonly month: number; readonly day: number }

export function civilFromDays(z: number): Civil {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** floor division / modulo for bigint */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function splitTimestamp(ts: bigint): { days: number; timeOfDay: bigint } {
  const days = floorDiv(ts, USECS_PER_DAY);
  return { days: Number(days), timeOfDay: ts - days * USECS_PER_DAY };
}

/** 'YYYY-MM-DD' (year padded to 4, more digits when needed), plus ' BC' suffix flag */
export function formatYmd(days: number): { text: string; bc: boolean } {
  const c = civilFromDays(days);
  const bc = c.year <= 0;
  const y = bc ? 1 - c.year : c.year;
  return { text: `${String(y).padStart(4, '0')}-${pad2(c.month)}-${pad2(c.day)}`, bc };
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** 'HH:MM:SS[.ffffff]' with trailing fractional zeros removed */
export function formatTimeOfDay(us: bigint): string {
  const totalSec = us / USECS_PER_SEC;
  const frac = Number(us - totalSec * USECS_PER_SEC);
  const s = Number(totalSec);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}${formatFraction(frac)}`;
}

export function formatFraction(us: number): string {
  if (us === 0) return '';
  return '.' + String(us).padStart(6, '0').replace(/0+$/, '');
}

/** C rint(): round half to even */
export function rint(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
