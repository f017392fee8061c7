/**
 * Dates are days since 1970-01-01; timestamps are microseconds since 1970-01-01 00:00:00
 * (timestamptz: UTC). Parsing accepts what PostgreSQL's date/time input accepts for ordinary
 * data ('2024-01-01', '2024-01-01 10:00', '2024-01-01T10:00:00.123456+02', 'epoch', 'infinity',
 * 'Jan 1 2024' is optional); bad input → 22007 invalid_datetime_format, out-of-range fields → 22008.
 */
import type { Interval } from '../datum.js';

export function parseDate(text: string): number { throw new Error('TODO'); }
export function formatDate(days: number): string { throw new Error('TODO'); }
export function parseTimestamp(text: string): bigint { throw new Error('TODO'); }
export function formatTimestamp(micros: bigint): string { throw new Error('TODO'); }
/** input without an explicit offset is read in `timeZone` */
export function parseTimestamptz(text: string, timeZone: string): bigint { throw new Error('TODO'); }
/** '2024-01-01 10:00:00+00' style (ISO DateStyle) in `timeZone` */
export function formatTimestamptz(micros: bigint, timeZone: string): string { throw new Error('TODO'); }
export function parseInterval(text: string): Interval { throw new Error('TODO'); }
/** IntervalStyle postgres: '1 year 2 mons 3 days 04:05:06' */
export function formatInterval(iv: Interval): string { throw new Error('TODO'); }
/** timestamp + interval (months/days applied in calendar terms; for timestamptz in `timeZone`) */
export function timestampAddInterval(ts: bigint, iv: Interval, timeZone: string | null): bigint { throw new Error('TODO'); }
/** UTC offset in seconds east of Greenwich of `timeZone` at the UTC instant `micros` */
export function zoneOffsetSeconds(timeZone: string, micros: bigint): number { throw new Error('TODO'); }
