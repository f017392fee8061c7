/**
 * Delta conformance (golden tables written by Spark + Delta): every table with an `expected/` folder is
 * registered with CREATE TABLE … LOCATION and read through the wire; its rows must equal the expected Parquet
 * rows (as a multiset). Tables Pier cannot read yet are listed in UNSUPPORTED with the reason the error must
 * name, so a regression (or a fix) is visible. Tables without expected rows have their own expectations.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, pierWithClient } from '../support/pier.js';
import { canonicalArrowRows, canonicalWireRows, expectedTables, sortedRows } from './conformance/normalize.js';

const CONFORMANCE = resolve(REPO_ROOT, process.env['PIER_CONFORMANCE_DIR'] ?? '../shared/conformance');
const GOLDEN = join(CONFORMANCE, 'golden');
const HAVE = existsSync(GOLDEN);

/** golden table → what the 0A000 error must say (binary, arrays, struct and map columns are read now: none left) */
const UNSUPPORTED: Readonly<Record<string, RegExp>> = {};

/**
 * Columns left out of a table's comparison, with the reason. data-reader-partition-values: Spark wrote the
 * timestamp partition value "2021-09-08 11:11:11" in its session zone (America/Los_Angeles) and the expected
 * rows hold 18:11:11 UTC; Pier reads zone-less partition timestamps as UTC (a Delta fidelity gap of its own).
 */
const SKIP_COLUMNS: Readonly<Record<string, string>> = {
  'data-reader-partition-values': 'as_timestamp',
};

function withoutColumn(rows: (string | null)[][], index: number): (string | null)[][] {
  return index < 0 ? rows : rows.map((r) => r.filter((_, i) => i !== index));
}

type Failure = { readonly code: string; readonly message: RegExp };
// 58P01 whether the scan runs on the main thread or on a worker thread (the SQLSTATE crosses the boundary)
const missingFile: Failure = { code: '58P01', message: /data file ".*" of the table is missing/ };
const corrupt = (m: RegExp): Failure => ({ code: 'XX001', message: m });
/** tables without expected rows (log-only test tables): the error they must fail with */
const NO_EXPECTED: Readonly<Record<string, Failure>> = {
  'canonicalized-paths-normal-a': { code: '42P01', message: /no Delta table at location/ },
  'canonicalized-paths-normal-b': missingFile,
  'canonicalized-paths-special-a': missingFile,
  'canonicalized-paths-special-b': missingFile,
  checkpoint: missingFile,
  'data-reader-absolute-paths-escaped-chars': corrupt(/no metaData action at version 1/),
  'delete-re-add-same-file-different-transactions': missingFile,
  'deltalog-commit-info': corrupt(/invalid Delta schemaString/),
  'deltalog-invalid-protocol-version': { code: '0A000', message: /Delta reader version 99 is not supported/ },
  'deltalog-state-reconstruction-from-checkpoint-missing-metadata': corrupt(/no metaData action at version 10/),
  'deltalog-state-reconstruction-from-checkpoint-missing-protocol': corrupt(/no protocol action at version 10/),
  'deltalog-state-reconstruction-without-metadata': corrupt(/no metaData action at version 0/),
  'deltalog-state-reconstruction-without-protocol': corrupt(/no protocol action at version 0/),
  hive: { code: '42P01', message: /no Delta table at location/ },
  'log-replay-special-characters-b': missingFile,
  'no-delta-log-folder': { code: '42P01', message: /no Delta table at location/ },
  'update-deleted-directory': corrupt(/invalid Delta schemaString/),
  'versions-not-contiguous': corrupt(/missing commit 1 \(needed for version 2\)/),
};

/** [table, version, the table whose expected rows that version must return] */
const TIME_TRAVEL: readonly (readonly [string, number, string])[] = [
  ['snapshot-data3', 0, 'snapshot-data0'],
  ['snapshot-data3', 1, 'snapshot-data1'],
  ['snapshot-data3', 2, 'snapshot-data2'],
  ['snapshot-data2-deleted', 2, 'snapshot-data2'],
  ['time-travel-start-start20-start40', 0, 'time-travel-start'],
  ['time-travel-start-start20-start40', 1, 'time-travel-start-start20'],
  ['time-travel-partition-changes-b', 0, 'time-travel-partition-changes-a'],
  ['time-travel-schema-changes-b', 0, 'time-travel-schema-changes-a'],
];

/** above this many expected rows a table is compared on a sample (see below) */
const BIG = 50_000;
const SAMPLE = 97;

const withExpected = HAVE ? readdirSync(GOLDEN).filter((n) => existsSync(join(GOLDEN, n, 'expected'))).sort() : [];

describe.skipIf(!HAVE)('golden Delta tables through the wire', () => {
  const env = pierWithClient();
  let n = 0;

  const register = async (name: string): Promise<string> => {
    const t = `golden_${n++}`;
    await env.client.query(`CREATE TABLE ${t} LOCATION '${join(GOLDEN, name, 'delta').replace(/'/g, "''")}'`);
    return t;
  };

  for (const name of withExpected) {
    const reason = UNSUPPORTED[name];
    it(`${name}${reason ? ' (unsupported)' : ''}`, async () => {
      if (reason !== undefined) {
        const err = await register(name).then((t) => env.client.query(`SELECT * FROM ${t}`)).then(() => null, (e: unknown) => e as { code?: string; message: string });
        expect(err, `${name} now reads: move it out of UNSUPPORTED`).not.toBeNull();
        expect(err!.code).toBe('0A000');
        expect(err!.message).toMatch(reason);
        return;
      }
      const t = await register(name);
      const dir = join(GOLDEN, name, 'expected');
      const files = readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort();
      const tables = await expectedTables(dir, files);
      const total = tables.reduce((n, x) => n + x.numRows, 0);
      if (total <= BIG) {
        const res = await env.client.query({ text: `SELECT * FROM ${t}`, rowMode: 'array' });
        const skip = SKIP_COLUMNS[name];
        const wireAt = skip === undefined ? -1 : res.fields.findIndex((f) => f.name === skip);
        const arrowAt = skip === undefined ? -1 : tables[0]!.schema.fields.findIndex((f) => f.name === skip);
        expect(wireAt >= 0 || skip === undefined, `${name}: column ${skip} to leave out`).toBe(true);
        expect(sortedRows(withoutColumn(canonicalWireRows(res), wireAt))).toEqual(sortedRows(withoutColumn(canonicalArrowRows(tables), arrowAt)));
        return;
      }
      // big tables (1M rows): every row is decoded, but only a sample crosses the wire: rows whose first
      // (integer) column is a multiple of SAMPLE, plus the row count
      const count = await env.client.query(`SELECT count(*) AS n FROM ${t}`);
      expect(Number(count.rows[0].n)).toBe(total);
      const first = (await env.client.query({ text: `SELECT * FROM ${t} LIMIT 0`, rowMode: 'array' })).fields[0]!.name;
      const res = await env.client.query({ text: `SELECT * FROM ${t} WHERE "${first}" % ${SAMPLE} = 0`, rowMode: 'array' });
      const sample = canonicalArrowRows(tables, (v) => v !== null && BigInt(v as number) % BigInt(SAMPLE) === 0n);
      expect(sample.length).toBeGreaterThan(100);
      expect(sortedRows(canonicalWireRows(res))).toEqual(sortedRows(sample));
    }, 30_000);
  }

  // older versions: a table's name says which other table's expected rows a version of it must return
  for (const [name, version, sameAs] of TIME_TRAVEL) {
    it(`${name} VERSION AS OF ${version} = ${sameAs}`, async () => {
      const t = await register(name);
      const res = await env.client.query({ text: `SELECT * FROM ${t} VERSION AS OF ${version}`, rowMode: 'array' });
      const dir = join(GOLDEN, sameAs, 'expected');
      const files = readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort();
      expect(sortedRows(canonicalWireRows(res))).toEqual(sortedRows(canonicalArrowRows(await expectedTables(dir, files))));
    }, 30_000);
  }

  for (const [name, expectation] of Object.entries(NO_EXPECTED)) {
    it(`${name} (no expected rows)`, async () => {
      const p = register(name).then((t) => env.client.query(`SELECT * FROM ${t}`));
      const err = await p.then(() => null, (e: unknown) => e as { code?: string; message: string });
      expect(err).not.toBeNull();
      expect(err!.code).toMatch(new RegExp(`^(${expectation.code})$`));
      expect(err!.message).toMatch(expectation.message);
    }, 30_000);
  }
});
