/**
 * Loading and streaming at scale (TPC-H SF0.1 lineitem, 600k rows; skipped without /work/shared/tpch):
 * CREATE TABLE AS over read_parquet (written by the workers straight from their scans) gives the same rows as
 * the source, also with a filter and into a partitioned table; a big SELECT's first rows reach the client
 * long before the last.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pierWithClient } from '../support/pier.js';

const LINEITEM = '/work/shared/tpch/sf0.1/lineitem/lineitem.parquet';
const SRC = `read_parquet('${LINEITEM}')`;
const CHECK = 'count(*) AS n, sum(l_extendedprice) AS price, sum(l_quantity) AS qty, min(l_shipdate) AS ship, max(l_comment) AS comment, sum(l_orderkey) AS keys, count(DISTINCT l_shipmode) AS modes';

describe.skipIf(!existsSync(LINEITEM))('CTAS load and streaming (lineitem SF0.1)', () => {
  const env = pierWithClient();

  it('CREATE TABLE AS SELECT * FROM read_parquet keeps every row and value', async () => {
    const r = await env.client.query(`CREATE TABLE lineitem AS SELECT * FROM ${SRC}`);
    expect(r.command).toBe('SELECT');
    expect(r.rowCount).toBe(600572);
    const [a, b] = await Promise.all([env.client.query(`SELECT ${CHECK} FROM lineitem`), env.client.query(`SELECT ${CHECK} FROM ${SRC}`)]);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows[0]).toMatchObject({ n: '600572', modes: '7' });
  }, 60_000);

  it('CTAS with a filter and a projection, and into a partitioned table', async () => {
    await env.client.query(`CREATE TABLE big_qty AS SELECT l_orderkey, l_comment, l_quantity FROM ${SRC} WHERE l_quantity > 45`);
    const a = await env.client.query('SELECT count(*), sum(l_orderkey), max(l_comment) FROM big_qty');
    const b = await env.client.query(`SELECT count(*), sum(l_orderkey), max(l_comment) FROM ${SRC} WHERE l_quantity > 45`);
    expect(a.rows).toEqual(b.rows);
    await env.client.query(`CREATE TABLE by_flag PARTITIONED BY (l_returnflag) AS SELECT l_returnflag, l_orderkey, l_extendedprice FROM ${SRC}`);
    const c = await env.client.query('SELECT l_returnflag, count(*), sum(l_extendedprice) FROM by_flag GROUP BY 1 ORDER BY 1');
    const d = await env.client.query(`SELECT l_returnflag, count(*), sum(l_extendedprice) FROM ${SRC} GROUP BY 1 ORDER BY 1`);
    expect(c.rows).toEqual(d.rows);
    expect(c.rows.map((x) => x.l_returnflag)).toEqual(['A', 'N', 'R']);
  }, 60_000);

  it('the first rows of SELECT * FROM lineitem (600k rows) arrive long before the last', async () => {
    const start = Date.now();
    let first = -1;
    let rows = 0;
    await new Promise<void>((resolve, reject) => {
      const q = env.client.query(new pg.Query('SELECT * FROM lineitem'));
      q.on('row', () => {
        if (rows++ === 0) first = Date.now() - start;
      });
      q.on('end', () => resolve());
      q.on('error', reject);
    });
    const total = Date.now() - start;
    expect(rows).toBe(600572);
    expect(first).toBeGreaterThanOrEqual(0);
    // rows stream batch by batch: the first rows are out while most of the table is still being read and sent
    expect(first).toBeLessThan(total / 2);
  }, 60_000);
});
