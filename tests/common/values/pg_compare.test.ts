/**
 * Compares Pier's value semantics with a throwaway PostgreSQL 15, over hundreds of generated values.
 * Skipped (with a message) when PostgreSQL is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startPostgres, type TestPostgres } from '../../support/postgres.js';
import { DEFAULT_VALUE_CONTEXT, type ValueContext } from '../../../common/values/context.js';
import { formatNumeric, numericAdd, numericDiv, numericMod, numericMul, numericSub, parseNumeric, numericRound, numericFromFloat } from '../../../common/values/numeric.js';
import { formatDatum, parseDatum } from '../../../common/values/text_io.js';
import { castDatum } from '../../../common/values/cast.js';
import { T, numericType, type SqlType } from '../../../common/types.js';
import { QueryError } from '../../../common/errors.js';
import { formatDate, formatTimestamp, formatTimestamptz, formatInterval, parseInterval, parseTimestamptz, timestampAddInterval } from '../../../common/values/datetime.js';

const available = postgresAvailable();
if (!available) console.warn('PostgreSQL 15 not found in /usr/lib/postgresql/15/bin: skipping PostgreSQL comparison tests');

/** deterministic PRNG */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDecimal(r: () => number): string {
  const intDigits = Math.floor(r() * 12);
  const fracDigits = Math.floor(r() * 8);
  let s = '';
  for (let i = 0; i < intDigits; i++) s += Math.floor(r() * 10);
  if (s === '') s = '0';
  if (fracDigits > 0) {
    s += '.';
    for (let i = 0; i < fracDigits; i++) s += Math.floor(r() * 10);
  }
  return (r() < 0.3 ? '-' : '') + s.replace(/^0+(?=\d)/, '');
}

function sqlLit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Run `expr(v)` for each value in one query; returns PG's text outputs (or error codes). */
async function pgEach(pg: TestPostgres, values: string[], expr: (v: string) => string): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0; i < values.length; i += 200) {
    const chunk = values.slice(i, i + 200);
    const res = await pg.queryText(`select ${chunk.map((v) => expr(v)).join(', ')}`);
    if ('error' in res) throw new Error(res.error.message);
    out.push(...res.rows[0]!);
  }
  return out;
}

function pier<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof QueryError) return `ERROR ${e.sqlstate} ${e.message}`;
    throw e;
  }
}

describe.skipIf(!available)('value semantics vs PostgreSQL 15', () => {
  let pg: TestPostgres;
  beforeAll(async () => { pg = await startPostgres(); }, 60000);
  afterAll(async () => { await pg?.stop(); });

  it('numeric + - * / % match digit for digit', async () => {
    const r = rng(1);
    const pairs: [string, string][] = [];
    for (let i = 0; i < 300; i++) {
      const b = randomDecimal(r);
      pairs.push([randomDecimal(r), /^-?0(\.0*)?$/.test(b) ? '7' : b]);
    }
    pairs.push(['10.50', '3'], ['1', '3'], ['2.00', '1.5'], ['123456789', '0.001'], ['1', '7000'], ['0', '3'], ['9999.9999', '0.0001']);
    const ops = ['+', '-', '*', '/', '%'] as const;
    const fns = { '+': numericAdd, '-': numericSub, '*': numericMul, '/': numericDiv, '%': numericMod };
    const exprs: string[] = [];
    for (const [a, b] of pairs) for (const op of ops) exprs.push(`${a}::numeric ${op} ${sqlLit(b)}::numeric`);
    const expected = await pgEach(pg, exprs, (e) => e);
    let k = 0;
    for (const [a, b] of pairs) {
      for (const op of ops) {
        const got = formatNumeric(fns[op](parseNumeric(a), parseNumeric(b)));
        expect(`${a} ${op} ${b} = ${got}`).toBe(`${a} ${op} ${b} = ${expected[k++]}`);
      }
    }
  });

  it('numeric input, round and float8 → numeric', async () => {
    const r = rng(2);
    const inputs = ['  1.50e1 ', '1.5e-3', '-0.00', '.5', '5.', '1e3', '1E+2', '-1.2345e-10', '00012.3400', 'NaN', 'inf', '-Infinity'];
    for (let i = 0; i < 100; i++) inputs.push(randomDecimal(r) + (r() < 0.3 ? `e${Math.floor(r() * 20) - 10}` : ''));
    const expected = await pgEach(pg, inputs, (v) => `${sqlLit(v)}::numeric`);
    inputs.forEach((v, i) => expect(formatNumeric(parseNumeric(v))).toBe(expected[i]));
    const rounds = inputs.slice(12).map((v) => [v, Math.floor(r() * 8) - 3] as const);
    const rexp = await pgEach(pg, rounds.map(([v, s]) => `round(${sqlLit(v)}::numeric, ${s})`), (e) => e);
    rounds.forEach(([v, s], i) => expect(formatNumeric(numericRound(parseNumeric(v), s))).toBe(rexp[i]));
    const floats = [0.1, 1e20, 1.23456789012345678, 1e-20, -2.5, 123456.789, 1 / 3, 2 ** 60, 5e-324, 1.7976931348623157e308];
    for (let i = 0; i < 50; i++) floats.push((r() - 0.5) * 10 ** Math.floor(r() * 30 - 15));
    const fexp = await pgEach(pg, floats.map((f) => String(f)), (v) => `${sqlLit(v)}::float8::numeric`);
    floats.forEach((f, i) => expect(formatNumeric(numericFromFloat(f))).toBe(fexp[i]));
  });

  it('float8 / float4 output with extra_float_digits 1, 0, -3', async () => {
    const r = rng(3);
    const vals = [0.1, 1e20, 1.2345678901234567e25, 123456789012345678, 1e-5, 1e16, 1e15, 1e14, 123456789012345, 1234567890123456,
      0.0001, 0.00012345, 1.5e-5, 123.456, -0, 5e-324, 1.7976931348623157e308, 2 / 3, 100, 1e21, 0.5];
    for (let i = 0; i < 200; i++) vals.push((r() - 0.5) * 10 ** Math.floor(r() * 60 - 30));
    for (let i = 0; i < 50; i++) vals.push(Math.round(r() * 1e6) / 100);
    for (const efd of [1, 0, -3]) {
      await pg.queryText(`set extra_float_digits = ${efd}`);
      const ctx: ValueContext = { ...DEFAULT_VALUE_CONTEXT, extraFloatDigits: efd };
      const e8 = await pgEach(pg, vals.map((v) => (Object.is(v, -0) ? '-0' : String(v))), (v) => `${sqlLit(v)}::float8`);
      vals.forEach((v, i) => expect(`${v}: ${formatDatum(T.float8, v, ctx)}`).toBe(`${v}: ${e8[i]}`));
      const f4 = vals.filter((v) => Math.abs(v) < 3e38 && (v === 0 || Math.abs(v) > 1.2e-38)).map((v) => Math.fround(v));
      const e4 = await pgEach(pg, f4.map((v) => (Object.is(v, -0) ? '-0' : String(v))), (v) => `${sqlLit(v)}::float4`);
      f4.forEach((v, i) => expect(`${v}: ${formatDatum(T.float4, v, ctx)}`).toBe(`${v}: ${e4[i]}`));
    }
    await pg.queryText('set extra_float_digits = 1');
  });

  it('dates, timestamps and intervals print the same', async () => {
    const r = rng(4);
    const days: number[] = [0, -1, 19723, -719528, -719529, -2440588, 2932896, 10957];
    for (let i = 0; i < 150; i++) days.push(Math.floor((r() - 0.6) * 3e6));
    const dexp = await pgEach(pg, days.map(String), (n) => `'1970-01-01'::date + ${n}`);
    days.forEach((d, i) => expect(formatDate(d)).toBe(dexp[i]));
    const ts: bigint[] = [0n, -1n, 1704103200000000n, 1704103200123450n];
    for (let i = 0; i < 150; i++) ts.push(BigInt(Math.floor((r() - 0.5) * 2e17)));
    const texp = await pgEach(pg, ts.map(String), (n) => `'epoch'::timestamp + ${n} * interval '1 microsecond'`);
    ts.forEach((t, i) => expect(formatTimestamp(t)).toBe(texp[i]));
    const recent = ts.map((t) => (t < 0n ? -t : t) % 4000000000000000n + 100000000000n);
    for (const zone of ['UTC', 'Europe/Oslo', 'Asia/Kolkata', 'America/New_York', 'Australia/Lord_Howe', '+02:00']) {
      await pg.queryText(`set timezone = ${sqlLit(zone)}`);
      const zexp = await pgEach(pg, recent.map(String), (n) => `'epoch'::timestamptz + ${n} * interval '1 microsecond'`);
      recent.forEach((t, i) => expect(`${zone} ${formatTimestamptz(t, zone)}`).toBe(`${zone} ${zexp[i]}`));
      const inputs = ['2024-03-31 02:30', '2024-10-27 02:30', '2024-01-01 10:00', '2024-07-01 00:00:00.5', '2024-01-01 10:00+05', '2024-03-10 02:30:00'];
      const iexp = await pgEach(pg, inputs, (v) => `${sqlLit(v)}::timestamptz`);
      inputs.forEach((v, i) => expect(`${zone} ${formatTimestamptz(parseTimestamptz(v, zone), zone)}`).toBe(`${zone} ${iexp[i]}`));
      const adds = ['1 day', '1 mon', '-1 mon 2 days 03:00', '1 year 25:00'];
      const aexp = await pgEach(pg, adds, (v) => `'2024-03-30 02:30:00+00'::timestamptz + ${sqlLit(v)}::interval`);
      const base = parseTimestamptz('2024-03-30 02:30:00+00', zone);
      adds.forEach((v, i) => expect(formatTimestamptz(timestampAddInterval(base, parseInterval(v), zone), zone)).toBe(aexp[i]));
    }
    await pg.queryText(`set timezone = 'UTC'`);
    const ivs = ['-1 year', '-1 day 2 hours', '1 day -2 hours', '1 year 2 mons 3 days 04:05:06.5', '-1 mons -3 days', '0', '1.5 years',
      '1.5 days', '1.5 months', '36 hours', '-00:00:01', '@ 1 hour ago', 'P1Y2M3DT4H5M6S', '1 year -1 mon', '2 weeks', '1.25 hours', '90 minutes',
      '1 day 00:00:00.000001', '-1 days -00:00:00.25', '10 years 1 decade', '3 centuries', '100000 hours', '5', '1:30', '-1:30:15.5'];
    const iexp = await pgEach(pg, ivs, (v) => `${sqlLit(v)}::interval`);
    ivs.forEach((v, i) => expect(`${v} → ${formatInterval(parseInterval(v))}`).toBe(`${v} → ${iexp[i]}`));
    const tsAdds = [['2024-01-31 10:00', '1 mon'], ['2024-02-29', '1 year'], ['2023-12-31 23:59:59', '00:00:01'], ['2024-03-31', '-1 mon -1 day']];
    const taexp = await pgEach(pg, tsAdds.map(([a, b]) => `${sqlLit(a!)}::timestamp + ${sqlLit(b!)}::interval`), (e) => e);
    tsAdds.forEach(([a, b], i) => expect(formatTimestamp(timestampAddInterval(parseDatum(T.timestamp, a!, DEFAULT_VALUE_CONTEXT) as bigint, parseInterval(b!), null))).toBe(taexp[i]));
  });

  it('input errors carry PostgreSQL SQLSTATE and message', async () => {
    const cases: [SqlType, string, string][] = [
      [T.int2, '99999', 'smallint'], [T.int4, '1.5', 'integer'], [T.int4, '', 'integer'], [T.int4, ' 12 ', 'integer'],
      [T.int8, '9223372036854775808', 'bigint'], [T.int4, '-2147483648', 'integer'], [T.bool, 'maybe', 'boolean'], [T.bool, ' YES ', 'boolean'],
      [T.bool, 'of', 'boolean'], [T.bool, 'o', 'boolean'], [T.float8, '1e400', 'double precision'], [T.float8, 'x', 'double precision'],
      [T.float8, '1e-400', 'double precision'], [T.float4, '1e39', 'real'], [T.numeric, 'abc', 'numeric'], [T.numeric, '1 2', 'numeric'],
      [T.numeric, 'e5', 'numeric'], [numericType(12, 2), '123456789012.345', 'numeric(12,2)'], [numericType(3, 2), '150', 'numeric(3,2)'],
      [numericType(2, 2), '1', 'numeric(2,2)'], [numericType(5, 2), 'inf', 'numeric(5,2)'], [numericType(5, 2), '123.456', 'numeric(5,2)'],
      [T.date, '2024-13-01', 'date'], [T.date, '2024-02-30', 'date'], [T.date, 'x', 'date'], [T.date, ' 2024-1-5 ', 'date'],
      [T.date, '99999999-01-01', 'date'], [T.date, '0044-03-15 BC', 'date'], [T.date, 'Jan 5 2024', 'date'], [T.date, '1/2/2024', 'date'],
      [T.date, '20240105', 'date'], [T.date, '2024-01-01 10:00 EST', 'date'], [T.timestamp, '2024-01-01 25:00', 'timestamp'],
      [T.timestamp, '2024-01-01 24:00', 'timestamp'], [T.timestamp, '2024-01-01 10:00:00.1234565', 'timestamp'], [T.timestamp, '2024-01-01 10:60', 'timestamp'],
      [T.timestamp, '2024-01-01T10:00:00+05:30', 'timestamp'], [T.timestamptz, 'abc', 'timestamptz'], [T.timestamptz, '2024-01-01 10:00 Europe/Oslo', 'timestamptz'],
      [T.timestamptz, '2024-01-01 10:00 PST', 'timestamptz'], [T.timestamptz, '2024-01-01T10:00:00.123456789+02', 'timestamptz'], [T.interval, 'abc', 'interval'],
      [{ kind: 'varchar', length: 2 }, 'abc', 'varchar(2)'], [{ kind: 'varchar', length: 2 }, 'ab   ', 'varchar(2)'], [{ kind: 'bpchar', length: 4 }, 'ab', 'char(4)'],
      [{ kind: 'bpchar', length: 2 }, 'abc', 'char(2)'], [T.timestamp, 'infinity', 'timestamp'], [T.date, '-infinity', 'date'], [T.timestamp, 'epoch', 'timestamp'],
    ];
    await pg.queryText(`set timezone = 'UTC'`);
    for (const [type, input, sqlType] of cases) {
      const res = await pg.queryText(`select ${sqlLit(input)}::${sqlType}`);
      const want = 'error' in res ? `ERROR ${res.error.code} ${res.error.message}` : res.rows[0]![0];
      // 'x'::type is an explicit cast of an unknown literal (string types then truncate to their length)
      const got = pier(() => formatDatum(type, castDatum(input, T.unknown, type, 'explicit', DEFAULT_VALUE_CONTEXT), DEFAULT_VALUE_CONTEXT));
      expect(`${sqlType} ${input}: ${got}`).toBe(`${sqlType} ${input}: ${want}`);
    }
  });

  it('casts round and range-check like PostgreSQL', async () => {
    const cases: [string, SqlType, SqlType, string][] = [
      ['2.5', T.float8, T.int4, 'int4'], ['3.5', T.float8, T.int4, 'int4'], ['-2.5', T.float8, T.int4, 'int4'], ['-2.5', T.numeric, T.int4, 'int4'],
      ['2.5', T.numeric, T.int4, 'int4'], ['3000000000', T.int8, T.int4, 'int4'], ['1e10', T.float4, T.int4, 'int4'], ['40000', T.int4, T.int2, 'int2'],
      ['NaN', T.float8, T.int8, 'int8'], ['NaN', T.numeric, T.int4, 'int4'], ['0.1', T.float8, T.numeric, 'numeric'], ['1.1', T.float4, T.numeric, 'numeric'],
      ['1.1', T.float4, T.float8, 'float8'], ['1e300', T.float8, T.float4, 'float4'], ['12.345', T.numeric, numericType(5, 1), 'numeric(5,1)'],
      ['t', T.bool, T.int4, 'int4'], ['5', T.int4, T.bool, 'bool'], ['2024-01-01 10:00', T.timestamp, T.date, 'date'], ['2024-01-01', T.date, T.timestamp, 'timestamp'],
      ['abcdef', T.text, { kind: 'varchar', length: 3 }, 'varchar(3)'], ['ab', T.text, { kind: 'bpchar', length: 4 }, 'char(4)'],
      ['123.450', T.numeric, T.text, 'text'], ['1e20', T.float8, T.text, 'text'], ['9223372036854775807', T.int8, T.float8, 'float8'],
    ];
    for (const [input, from, to, sqlTo] of cases) {
      const fromSql = from.kind === 'bool' ? 'bool' : from.kind;
      const res = await pg.queryText(`select ${sqlLit(input)}::${fromSql}::${sqlTo}`);
      const want = 'error' in res ? `ERROR ${res.error.code} ${res.error.message}` : res.rows[0]![0];
      const got = pier(() => formatDatum(to, castDatum(parseDatum(from, input, DEFAULT_VALUE_CONTEXT), from, to, 'explicit', DEFAULT_VALUE_CONTEXT), DEFAULT_VALUE_CONTEXT));
      expect(`${input}::${fromSql}::${sqlTo} = ${got}`).toBe(`${input}::${fromSql}::${sqlTo} = ${want}`);
    }
  });
});
