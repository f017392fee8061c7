/**
 * TPC-H at SF0.1 through the wire: a real Pier server loads the 8 tables with CREATE TABLE … AS SELECT * FROM
 * read_parquet(…), then runs the 22 unmodified queries with node-postgres and compares each result with the
 * expected answer (bench/tpch/compare.mjs: decimals exact, averages/ratios within 1e-9 relative, row order
 * exact up to ties of the ORDER BY keys). One `it` per query. Data: $PIER_TPCH_DIR, default ../shared/tpch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module shared with the benchmark
import { compareResult, readAnswer } from '../../bench/tpch/compare.mjs';
import { REPO_ROOT, startPier, type PierProcess } from '../support/pier.js';

const TPCH_DIR = resolve(REPO_ROOT, process.env['PIER_TPCH_DIR'] ?? '../shared/tpch');
/** per query, generous for a loaded 2-core machine (DuckDB takes < 0.1 s for any of them at SF0.1) */
const QUERY_TIMEOUT_MS = 30_000;
const TABLES = ['nation', 'region', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];
const present = existsSync(join(TPCH_DIR, 'queries/q01.sql')) && TABLES.every((t) => existsSync(join(TPCH_DIR, `sf0.1/${t}/${t}.parquet`)));

if (!present) {
  // eslint-disable-next-line no-console
  console.warn(`tpch.test.ts: TPC-H data not found under ${TPCH_DIR} (set PIER_TPCH_DIR): skipping`);
}

describe.skipIf(!present)('TPC-H SF0.1 through the wire', () => {
  let pier: PierProcess;
  let client: pg.Client;

  beforeAll(async () => {
    pier = await startPier();
    client = await pier.client();
    // a query that cannot finish must fail on its own and not hold up the ones after it on this connection
    await client.query(`SET statement_timeout = '${QUERY_TIMEOUT_MS}ms'`);
    for (const t of TABLES) {
      const file = join(TPCH_DIR, `sf0.1/${t}/${t}.parquet`).replaceAll("'", "''");
      await client.query(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${file}')`);
    }
  }, 180_000);

  afterAll(async () => {
    await client?.end().catch(() => {});
    await pier?.kill();
  });

  it('loaded every table with the expected row counts', async () => {
    const r = await client.query({ text: 'SELECT count(*) FROM lineitem', rowMode: 'array' });
    expect(r.rows).toEqual([['600572']]);
  });

  for (let q = 1; q <= 22; q++) {
    const name = `q${String(q).padStart(2, '0')}`;
    it(name, async () => {
      const sql = readFileSync(join(TPCH_DIR, `queries/${name}.sql`), 'utf8');
      const expected = readAnswer(join(TPCH_DIR, 'answers/sf0.1'), q) as { header: string[]; rows: string[][] };
      const r = await client.query({ text: sql, rowMode: 'array' });
      expect(r.fields.length).toBe(expected.header.length);
      const diff = compareResult(q, expected.rows, r.rows as (string | null)[][]) as string | null;
      expect(diff).toBeNull();
    }, QUERY_TIMEOUT_MS + 15_000);
  }
});
