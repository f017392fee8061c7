import { describe, expect, it } from 'vitest';
import { numericExp, numericLn, numericPower, numericSqrt } from '../../../../common/values/numeric_math.js';
import { formatNumeric, parseNumeric } from '../../../../common/values/numeric.js';
import { toCharNumber } from '../../../../executor/expr/functions/to_char_number.js';
import { toCharTimestamp } from '../../../../executor/expr/functions/to_char_datetime.js';
import { posixToJs, similarToRegex } from '../../../../executor/expr/functions/regex.js';

const n = (s: string) => parseNumeric(s);

describe('to_char', () => {
  it('numbers (answers from PostgreSQL 15)', () => {
    expect(toCharNumber(n('1234.5'), '999,990.00')).toBe('   1,234.50');
    expect(toCharNumber(n('-0.5'), '990.99')).toBe('  -0.50');
    expect(toCharNumber(n('3.14159'), 'FM990.999')).toBe('3.142');
    expect(toCharNumber(n('123456'), '999')).toBe(' ###');
    expect(toCharNumber(-485n, '999PR')).toBe('<485>');
    expect(toCharNumber(12n, 'S0000')).toBe('+0012');
    expect(toCharNumber(2.5, '9')).toBe(' 2');
  });
  it('timestamps', () => {
    const ts = BigInt(Date.UTC(2024, 4, 7, 13, 4, 5, 123)) * 1000n;
    expect(toCharTimestamp(ts, 'YYYY-MM-DD HH24:MI:SS.MS', null)).toBe('2024-05-07 13:04:05.123');
    expect(toCharTimestamp(ts, 'Day Mon FMDD HH12 AM IW Q', null)).toBe('Tuesday   May 7 01 PM 19 2');
  });
});

describe('exact numeric transcendental functions (digits as PostgreSQL prints them)', () => {
  it('sqrt / exp / ln / power', () => {
    expect(formatNumeric(numericSqrt(n('2.0')))).toBe('1.414213562373095');
    expect(formatNumeric(numericExp(n('1.0')))).toBe('2.7182818284590452');
    expect(formatNumeric(numericExp(n('-1.0')))).toBe('0.3678794411714423');
    expect(formatNumeric(numericLn(n('10.0')))).toBe('2.3025850929940457');
    expect(formatNumeric(numericPower(n('2'), n('0.5')))).toBe('1.4142135623730950');
    expect(formatNumeric(numericPower(n('2.0'), n('-2')))).toBe('0.2500000000000000');
  });
});

describe('regular expression translation', () => {
  it('POSIX classes and word boundaries; SIMILAR TO', () => {
    expect(new RegExp(posixToJs('^[[:digit:]]+\\M'), 'u').test('123 abc')).toBe(true);
    expect(new RegExp(similarToRegex('a%(b|c)_', null), 'u').test('axxbz')).toBe(true);
    expect(new RegExp(similarToRegex('a.c', null), 'u').test('abc')).toBe(false);
  });
});
