import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBinary, decodeText, encodeBinary, encodeText } from '../../../../server/pgwire/types/index.js';
import { T, numericType, type SqlType } from '../../../../common/types.js';
import type { Datum } from '../../../../common/datum.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../../common/values/context.js';
import { parseDatum } from '../../../../common/values/text_io.js';
import { QueryError } from '../../../../common/errors.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../../support/postgres.js';

const ctx = DEFAULT_VALUE_CONTEXT;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** [type, SQL type name, text literal] — values whose binary form is checked against PostgreSQL */
const SAMPLES: [SqlType, string, string][] = [
  [T.bool, 'bool', 't'], [T.bool, 'bool', 'f'],
  [T.int2, 'int2', '-32768'], [T.int4, 'int4', '123456'], [T.int8, 'int8', '-9223372036854775808'],
  [T.float4, 'float4', '1.5'], [T.float8, 'float8', '-0.1'], [T.float8, 'float8', 'NaN'], [T.float8, 'float8', '-Infinity'],
  [T.numeric, 'numeric', '0'], [T.numeric, 'numeric', '0.00'], [T.numeric, 'numeric', '10.50'], [T.numeric, 'numeric', '-1234567.891'],
  [T.numeric, 'numeric', '100000000'], [T.numeric, 'numeric', '0.00012'], [T.numeric, 'numeric', 'NaN'], [T.numeric, 'numeric', 'Infinity'],
  [T.numeric, 'numeric', '-Infinity'], [T.numeric, 'numeric', '12345678901234567890.1234567890'], [numericType(12, 2), 'numeric(12,2)', '7'],
  [T.text, 'text', 'héllo ✓'], [{ kind: 'varchar', length: null }, 'varchar', ''], [{ kind: 'bpchar', length: 4 }, 'char(4)', 'ab'],
  [T.date, 'date', '2000-01-01'], [T.date, 'date', '1970-01-01'], [T.date, 'date', '0044-03-15 BC'], [T.date, 'date', 'infinity'], [T.date, 'date', '-infinity'],
  [T.timestamp, 'timestamp', '2024-01-01 10:00:00.123456'], [T.timestamp, 'timestamp', '1969-12-31 23:59:59.999999'], [T.timestamp, 'timestamp', 'infinity'],
  [T.timestamptz, 'timestamptz', '2024-06-01 10:00:00+02'], [T.interval, 'interval', '1 year 2 mons -3 days 04:05:06.789'],
];

describe('binary codecs', () => {
  it('round-trips every sample', () => {
    for (const [type, , text] of SAMPLES) {
      const v = parseDatum(type, text, ctx);
      const back = decodeBinary(type, encodeBinary(type, v));
      expect(encodeText(type, back, ctx)).toBe(encodeText(type, v, ctx));
    }
  });

  it('uses PostgreSQL layouts', () => {
    expect(hex(encodeBinary(T.int4, 1))).toBe('00000001');
    expect(hex(encodeBinary(T.int2, -2))).toBe('fffe');
    expect(hex(encodeBinary(T.int8, 258n))).toBe('0000000000000102');
    expect(hex(encodeBinary(T.bool, true))).toBe('01');
    expect(hex(encodeBinary(T.float8, 1))).toBe('3ff0000000000000');
    // date: days since 2000-01-01
    expect(hex(encodeBinary(T.date, parseDatum(T.date, '2000-01-02', ctx)))).toBe('00000001');
    // timestamp: µs since 2000-01-01
    expect(hex(encodeBinary(T.timestamp, parseDatum(T.timestamp, '2000-01-01 00:00:01', ctx)))).toBe('00000000000f4240');
    // numeric 10.50: ndigits 2, weight 0, sign +, dscale 2, digits 10, 5000
    expect(hex(encodeBinary(T.numeric, parseDatum(T.numeric, '10.50', ctx)))).toBe('0002000000000002000a1388');
    expect(hex(encodeBinary(T.numeric, parseDatum(T.numeric, '-0.00012', ctx)))).toBe('0002ffff40000005000107d0');
    expect(hex(encodeBinary(T.interval, { months: 14, days: -3, micros: 1n }))).toBe('0000000000000001fffffffd0000000e');
  });

  it('decodes text parameters and rejects bad binary input', () => {
    expect(decodeText(T.int4, ' 42 ', ctx)).toBe(42);
    expect(decodeText(T.numeric, '1e3', ctx)).toEqual({ unscaled: 1000n, scale: 0 });
    expect(() => decodeText(T.int4, 'x', ctx)).toThrow(QueryError);
    expect(() => decodeBinary(T.int4, Uint8Array.of(1, 2))).toThrow(/incorrect binary data format/);
    expect(() => decodeBinary(T.text, Uint8Array.of(0xff, 0xfe))).toThrow(/invalid byte sequence/);
    expect(decodeBinary(T.numeric, Uint8Array.from(Buffer.from('0002000000000002000a1388', 'hex')))).toEqual({ unscaled: 1050n, scale: 2 });
  });
});

const SEND_FN: Record<string, string> = {
  bool: 'boolsend', int2: 'int2send', int4: 'int4send', int8: 'int8send', float4: 'float4send', float8: 'float8send',
  numeric: 'numeric_send', text: 'textsend', varchar: 'varcharsend', bpchar: 'bpcharsend', date: 'date_send',
  timestamp: 'timestamp_send', timestamptz: 'timestamptz_send', interval: 'interval_send',
};

describe.skipIf(!postgresAvailable())('binary codecs vs PostgreSQL 15', () => {
  let server: TestPostgres;
  beforeAll(async () => { server = await startPostgres(); }, 60000);
  afterAll(async () => { await server?.stop(); });

  it('encodes the bytes of PostgreSQL send functions, and decodes them back', async () => {
    for (const [type, sqlType, text] of SAMPLES) {
      const lit = `'${text.replace(/'/g, "''")}'::${sqlType}`;
      const res = await server.queryText(`select ${SEND_FN[type.kind]}(${lit})`);
      if ('error' in res) throw new Error(res.error.message);
      const pgHex = res.rows[0]![0]!.replace(/^\\x/, '');
      const v = parseDatum(type, text, ctx) as Exclude<Datum, null>;
      expect(`${sqlType} ${text}: ${hex(encodeBinary(type, v))}`).toBe(`${sqlType} ${text}: ${pgHex}`);
      const decoded = decodeBinary(type, Uint8Array.from(Buffer.from(pgHex, 'hex')));
      expect(encodeText(type, decoded, ctx)).toBe(encodeText(type, v, ctx));
    }
  });
});
