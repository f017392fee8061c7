/**
 * Query limits through the wire on a real server: statement_timeout and CancelRequest (57014, the connection
 * stays usable), the per-query memory limit (53200 + DETAIL; config default and SET pier.query_max_memory),
 * and what EXPLAIN ANALYZE reports.
 */
import { connect } from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';

/** A cross join far too big to finish: 10^10 rows, each one looked at by the filter. */
const ENDLESS = 'SELECT count(*) FROM t a, t b, t c, t d, t e, t f, t g, t h, t i, t j WHERE a.x + b.x + c.x + d.x + e.x + f.x + g.x + h.x + i.x + j.x > 0';

/** Send a CancelRequest for `client`'s backend on a new connection, as libpq's PQcancel does. */
async function sendCancel(port: number, client: pg.Client): Promise<void> {
  const { processID, secretKey } = client as unknown as { processID: number; secretKey: number };
  const msg = Buffer.alloc(16);
  msg.writeInt32BE(16, 0);
  msg.writeInt32BE(80877102, 4);
  msg.writeInt32BE(processID, 8);
  msg.writeInt32BE(secretKey, 12);
  await new Promise<void>((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.end(msg));
    s.on('close', () => resolve());
    s.on('error', reject);
  });
}

function errorOf(p: Promise<unknown>): Promise<(Error & { code?: string; detail?: string }) | null> {
  return p.then(() => null, (e: Error) => e);
}

describe('query limits and EXPLAIN ANALYZE through the wire', () => {
  let pier: PierProcess;
  let client: pg.Client;

  beforeAll(async () => {
    // the server-wide limit from the configuration: 64 kB, enough for small queries only
    pier = await startPier({ args: ['--query-max-memory', '65536'] });
    client = await pier.client();
    await client.query('CREATE TABLE t (x int, s text)');
    await client.query(`INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g'), (8, 'h'), (9, 'i'), (10, 'j')`);
    await client.query(`CREATE TABLE big AS SELECT a.x * 1000 + b.x * 100 + c.x * 10 + d.x AS x, a.s || b.s || c.s || d.s AS s FROM t a, t b, t c, t d`);
  }, 180_000);

  afterAll(async () => {
    await client?.end().catch(() => {});
    await pier?.kill();
  });

  it('statement_timeout cancels a running query with 57014 and the connection stays usable', async () => {
    await client.query(`SET statement_timeout = '200ms'`);
    const started = Date.now();
    const err = await errorOf(client.query(ENDLESS));
    expect([err?.code, err?.message]).toEqual(['57014', 'canceling statement due to statement timeout']);
    expect(Date.now() - started).toBeLessThan(20_000);
    await client.query('RESET statement_timeout');
    const r = await client.query({ text: 'SELECT count(*) FROM t a, t b', rowMode: 'array' });
    expect(r.rows).toEqual([['100']]);
  });

  it('a CancelRequest cancels the running query with 57014 and the connection stays usable', async () => {
    const running = errorOf(client.query(ENDLESS));
    await new Promise((r) => setTimeout(r, 300));
    await sendCancel(pier.port, client);
    const err = await running;
    expect([err?.code, err?.message]).toEqual(['57014', 'canceling statement due to user request']);
    const r = await client.query({ text: 'SELECT sum(x) FROM t', rowMode: 'array' });
    expect(r.rows).toEqual([['55']]);
  });

  it('statement_timeout stops a CPU-bound non-equi join promptly; scans afterwards give full answers', async () => {
    await client.query(`SET statement_timeout = '300ms'`);
    const started = Date.now();
    const err = await errorOf(client.query('SELECT count(*) FROM big a, big b WHERE a.s < b.s'));
    expect([err?.code, err?.message]).toEqual(['57014', 'canceling statement due to statement timeout']);
    expect(Date.now() - started).toBeLessThan(10_000);
    await client.query('RESET statement_timeout');
    const r = await client.query({ text: 'SELECT count(*), min(x), max(x) FROM big', rowMode: 'array' });
    expect(r.rows).toEqual([['10000', '1111', '11110']]);
  });

  it('the configured per-query memory limit fails a big sort with 53200 and DETAIL, not a crash', async () => {
    expect((await client.query({ text: 'SHOW pier.query_max_memory', rowMode: 'array' })).rows).toEqual([['65536']]);
    const err = await errorOf(client.query('SELECT x, s FROM big ORDER BY s DESC'));
    expect([err?.code, err?.message]).toEqual(['53200', 'out of memory']);
    expect(err?.detail).toMatch(/^Failed on request of size \d+ in memory context "Sort"/);
    // small queries still fit
    const r = await client.query({ text: 'SELECT x FROM t ORDER BY x DESC LIMIT 2', rowMode: 'array' });
    expect(r.rows).toEqual([['10'], ['9']]);
  });

  it('SET pier.query_max_memory limits hash aggregates and hash joins; RESET restores the default', async () => {
    await client.query(`SET pier.query_max_memory = '1kB'`);
    const agg = await errorOf(client.query('SELECT s, count(*) FROM big GROUP BY s'));
    expect([agg?.code, agg?.message]).toEqual(['53200', 'out of memory']);
    expect(agg?.detail).toContain('"HashAggregate"');
    const join = await errorOf(client.query('SELECT count(*) FROM big a JOIN big b ON a.x = b.x'));
    expect(join?.code).toBe('53200');
    await client.query(`SET pier.query_max_memory = '64MB'`);
    const ok = await client.query({ text: 'SELECT count(*) FROM (SELECT s, count(*) FROM big GROUP BY s) g', rowMode: 'array' });
    expect(ok.rows).toEqual([['10000']]);
    const bad = await errorOf(client.query(`SET pier.query_max_memory = 'lots'`));
    expect([bad?.code, bad?.message]).toEqual(['22023', 'invalid value for parameter "pier.query_max_memory": "lots"']);
    await client.query('RESET pier.query_max_memory');
    expect((await client.query({ text: 'SHOW pier.query_max_memory', rowMode: 'array' })).rows).toEqual([['65536']]);
  });

  it('EXPLAIN ANALYZE reports actual rows, loops and times per operator, scan files, memory and the totals', async () => {
    await client.query(`SET pier.query_max_memory = '0'`);
    const r = await client.query({ text: 'EXPLAIN ANALYZE SELECT s, count(*) FROM big WHERE x > 5000 GROUP BY s ORDER BY s', rowMode: 'array' });
    const lines = (r.rows as string[][]).map((row) => row[0]!);
    const sort = lines.find((l) => l.startsWith('Sort'));
    const groups = (await client.query({ text: 'SELECT count(DISTINCT s) FROM big WHERE x > 5000', rowMode: 'array' })).rows[0][0] as string;
    expect(sort).toMatch(new RegExp(`\\(actual time=\\d+\\.\\d{3}\\.\\.\\d+\\.\\d{3} rows=${groups} loops=1\\)$`));
    expect(lines.find((l) => l.includes('Scan public.big'))).toMatch(/\(actual time=[\d.]+\.\.[\d.]+ rows=\d+ loops=1\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^\s+Files: 1 scanned, 0 skipped \(\d+(B|kB|\.\dMB)\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+Memory: \d+/));
    expect(lines.at(-2)).toMatch(/^Planning Time: \d+\.\d{3} ms$/);
    expect(lines.at(-1)).toMatch(/^Execution Time: \d+\.\d{3} ms$/);
    const j = await client.query({ text: 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT x FROM big WHERE x < 2000 ORDER BY x', rowMode: 'array' });
    const plan = JSON.parse((j.rows as string[][])[0]![0]!) as [{ Plan: { 'Actual Rows': number; 'Actual Loops': number }; 'Execution Time': number }];
    const below = (await client.query({ text: 'SELECT count(*) FROM big WHERE x < 2000', rowMode: 'array' })).rows[0][0] as string;
    expect(plan[0].Plan['Actual Rows']).toBe(Number(below));
    expect(plan[0].Plan['Actual Loops']).toBe(1);
    expect(plan[0]['Execution Time']).toBeGreaterThan(0);
    await client.query('RESET pier.query_max_memory');
  });
});
