/** Expected strings below were taken from PostgreSQL 15 (psql) by hand. */
import { describe, expect, it } from 'vitest';
import { T, numericType } from '../../../common/types.js';
import { QueryError } from '../../../common/errors.js';
import { castAllowed, castDatum } from '../../../common/values/cast.js';
import { compareDatums } from '../../../common/values/compare.js';
import { DEFAULT_VALUE_CONTEXT as ctx } from '../../../common/values/context.js';
import { formatDatum, parseDatum } from '../../../common/values/text_io.js';
import {
  formatNumeric, numericApplyTypmod, numericDiv, numericFromFloat, numericMul, numericSum, numericToBigInt, parseNumeric,
} from '../../../common/values/numeric.js';
import { formatTimestamptz, parseDate, parseInterval, parseTimestamp, timestampAddInterval, formatTimestamp, dateAddDays, formatDate } from '../../../common/values/datetime.js';

const n = parseNumeric;
function err(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof QueryError) return `${e.sqlstate} ${e.message}${e.detail ? ' | ' + e.detail : ''}`; throw e; }
  return 'no error';
}

describe('numeric', () => {
  it('keeps PostgreSQL display scales', () => {
    expect(formatNumeric(numericDiv(n('10.50'), n('3')))).toBe('3.5000000000000000');
    expect(formatNumeric(numericDiv(n('1'), n('3')))).toBe('0.33333333333333333333');
    expect(formatNumeric(numericMul(n('2.00'), n('1.5')))).toBe('3.000');
    expect(formatNumeric(numericSum([n('10.50'), n('1'), n('0.125')]))).toBe('11.625');
    expect(formatNumeric(numericDiv(n('21.00'), n('2')))).toBe('10.5000000000000000');
    expect(formatNumeric(numericFromFloat(0.1))).toBe('0.1');
  });
  it('applies typmods and reports overflow like PostgreSQL', () => {
    expect(formatNumeric(numericApplyTypmod(n('10.555'), 12, 2))).toBe('10.56');
    expect(err(() => numericApplyTypmod(n('123456789012.345'), 12, 2)))
      .toBe('22003 numeric field overflow | A field with precision 12, scale 2 must round to an absolute value less than 10^10.');
    expect(err(() => numericDiv(n('1'), n('0')))).toBe('22012 division by zero');
    expect(err(() => parseNumeric('abc'))).toBe('22P02 invalid input syntax for type numeric: "abc"');
    expect(numericToBigInt(n('-2.5'))).toBe(-3n);
    expect(err(() => numericToBigInt(n('9223372036854775807.5')))).toBe('22003 bigint out of range');
  });
});

describe('casts', () => {
  it('follows pg_cast contexts', () => {
    expect(castAllowed(T.int4, T.int8, 'implicit')).toBe(true);
    expect(castAllowed(T.int8, T.int4, 'implicit')).toBe(false);
    expect(castAllowed(T.int8, T.int4, 'assignment')).toBe(true);
    expect(castAllowed(T.numeric, T.int4, 'assignment')).toBe(true);
    expect(castAllowed(T.int4, T.numeric, 'implicit')).toBe(true);
    expect(castAllowed(T.text, T.int4, 'assignment')).toBe(false);
    expect(castAllowed(T.text, T.int4, 'explicit')).toBe(true);
    expect(castAllowed(T.int4, T.text, 'assignment')).toBe(true);
    expect(castAllowed(T.int4, T.text, 'implicit')).toBe(false);
    expect(castAllowed(T.date, T.timestamptz, 'implicit')).toBe(true);
    expect(castAllowed(T.timestamp, T.date, 'implicit')).toBe(false);
    expect(castAllowed(T.unknown, T.date, 'implicit')).toBe(true);
    expect(castAllowed(T.int4, T.interval, 'explicit')).toBe(false);
  });
  it('converts with rounding, range checks and length rules', () => {
    expect(castDatum(2.5, T.float8, T.int4, 'explicit', ctx)).toBe(2);
    expect(castDatum(3.5, T.float8, T.int4, 'explicit', ctx)).toBe(4);
    expect(castDatum(n('2.5'), T.numeric, T.int4, 'assignment', ctx)).toBe(3);
    expect(err(() => castDatum(3000000000n, T.int8, T.int4, 'assignment', ctx))).toBe('22003 integer out of range');
    expect(err(() => castDatum('abc', T.text, { kind: 'varchar', length: 2 }, 'assignment', ctx))).toBe('22001 value too long for type character varying(2)');
    expect(castDatum('abc', T.text, { kind: 'varchar', length: 2 }, 'explicit', ctx)).toBe('ab');
    expect(castDatum('ab  ', { kind: 'bpchar', length: 4 }, T.text, 'implicit', ctx)).toBe('ab');
    expect(formatNumeric(castDatum(10.5, T.float8, numericType(12, 2), 'assignment', ctx) as never)).toBe('10.50');
    expect(castDatum(n('10.50'), T.numeric, T.text, 'explicit', ctx)).toBe('10.50');
  });
});

describe('compare', () => {
  it('orders like PostgreSQL', () => {
    expect(compareDatums(T.numeric, n('1.0'), n('1.00'))).toBe(0);
    expect(compareDatums(T.numeric, n('NaN'), n('Infinity'))).toBeGreaterThan(0);
    expect(compareDatums(T.float8, NaN, Infinity)).toBeGreaterThan(0);
    expect(compareDatums(T.float8, -0, 0)).toBe(0);
    expect(compareDatums(T.text, 'B', 'a')).toBeLessThan(0);
    expect(compareDatums(T.text, '\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect(compareDatums({ kind: 'bpchar', length: 4 }, 'ab  ', 'ab')).toBe(0);
    expect(compareDatums(T.interval, parseInterval('1 mon'), parseInterval('30 days'))).toBe(0);
    expect(compareDatums(T.interval, parseInterval('1 day'), parseInterval('23:00'))).toBeGreaterThan(0);
    expect(compareDatums(T.int8, 1n, 2n)).toBeLessThan(0);
  });
});

describe('datetime and text io', () => {
  it('parses and prints', () => {
    expect(formatDatum(T.bool, parseDatum(T.bool, ' on ', ctx), ctx)).toBe('t');
    expect(err(() => parseDatum(T.int2, '99999', ctx))).toBe('22003 value "99999" is out of range for type smallint');
    expect(err(() => parseDate('x'))).toBe('22007 invalid input syntax for type date: "x"');
    expect(err(() => parseDate('2024-13-01'))).toBe('22008 date/time field value out of range: "2024-13-01"');
    expect(formatDate(dateAddDays(parseDate('2024-02-28'), 2))).toBe('2024-03-01');
    expect(formatTimestamp(timestampAddInterval(parseTimestamp('2024-01-31 10:00'), parseInterval('1 mon'), null))).toBe('2024-02-29 10:00:00');
    expect(formatTimestamptz(parseTimestamp('2024-01-01 00:00'), 'Asia/Kolkata')).toBe('2024-01-01 05:30:00+05:30');
    expect(formatDatum(T.float8, 1e20, ctx)).toBe('1e+20');
    expect(formatDatum(T.float8, 0.1, ctx)).toBe('0.1');
    expect(formatDatum(T.float8, -0, ctx)).toBe('-0');
    expect(formatDatum(T.float4, Math.fround(12345678.9), ctx)).toBe('1.2345679e+07');
    expect(formatDatum({ kind: 'bpchar', length: 4 }, parseDatum({ kind: 'bpchar', length: 4 }, 'ab', ctx), ctx)).toBe('ab  ');
  });
});
