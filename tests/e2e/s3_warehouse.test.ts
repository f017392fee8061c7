/**
 * A Pier whose warehouse is on S3 (moto): CREATE/INSERT/SELECT, partitioned tables, a restart sees
 * everything, the files are where Delta puts them; and a store that ignores If-None-Match makes Pier
 * start read-only: writes fail with 25006 naming the store and the reason, reads still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';
import { HAVE_MOTO, HAVE_S3, S3_SKIP_MESSAGE, TEST_CREDENTIALS, startS3Server, type S3Server } from '../support/s3.js';
import { startFaultProxy, type FaultProxy } from '../support/fault_proxy.js';

describe.skipIf(!HAVE_S3)('S3 warehouse', () => {
  if (!HAVE_S3) it.skip(S3_SKIP_MESSAGE, () => undefined);
  let server: S3Server;
  let bucket: string;
  const piers: PierProcess[] = [];
  const proxies: FaultProxy[] = [];
  const extra: S3Server[] = [];
  const serverBucket = (): string => bucket;
  beforeAll(async () => {
    server = await startS3Server();
    bucket = await server.createBucket();
  });
  afterAll(async () => {
    for (const p of piers) await p.stop().catch(() => undefined);
    for (const p of proxies) await p.stop();
    for (const s of extra) await s.stop();
    await server?.stop();
  });

  it('CREATE / INSERT / SELECT on s3://bucket/prefix, partitioned tables, restart', async () => {
    const pier = await startPier({ warehouse: `s3://${bucket}/lake`, env: server.env() });
    piers.push(pier);
    expect(pier.log()).toContain(`warehouse s3://${bucket}/lake`);
    expect(pier.log()).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    const c = await pier.client();
    await c.query('CREATE TABLE items (id int, name text, price numeric(10,2))');
    await c.query(`INSERT INTO items VALUES (1, 'apple', 1.25), (2, 'pear', 2.50)`);
    await c.query(`INSERT INTO items SELECT g, 'item ' || g, g * 0.5 FROM generate_series(3, 1000) g`);
    expect((await c.query('SELECT count(*) AS n, sum(price) AS s FROM items')).rows).toEqual([{ n: '1000', s: String(1.25 + 2.5 + (500500 - 3) * 0.5) }]);
    expect((await c.query('SELECT name FROM items WHERE id = 2')).rows).toEqual([{ name: 'pear' }]);
    await c.query('CREATE TABLE sales (day date, amount int) PARTITIONED BY (day)');
    await c.query(`INSERT INTO sales SELECT DATE '2024-01-01' + (g % 3), g FROM generate_series(1, 30) g`);
    expect((await c.query(`SELECT day::text AS day, sum(amount) AS s FROM sales GROUP BY day ORDER BY day`)).rows)
      .toEqual([{ day: '2024-01-01', s: '165' }, { day: '2024-01-02', s: '145' }, { day: '2024-01-03', s: '155' }]);
    await c.query('CREATE TABLE copy AS SELECT * FROM items WHERE id <= 10');
    expect((await c.query('SELECT count(*) AS n FROM copy')).rows).toEqual([{ n: '10' }]);
    await c.end();

    const keys = (await server.store(bucket, 'lake').list('public/')).map((m) => m.path);
    expect(keys).toContain('public/items/_delta_log/00000000000000000000.json');
    expect(keys).toContain('public/items/_delta_log/00000000000000000002.json');
    expect(keys.some((k) => /^public\/sales\/day=2024-01-02\/.+\.parquet$/.test(k))).toBe(true);
    expect(keys.some((k) => k.startsWith('_pier/'))).toBe(false);

    await pier.stop();
    const again = await startPier({ warehouse: `s3://${bucket}/lake`, env: server.env() });
    piers.push(again);
    const c2 = await again.client();
    expect((await c2.query('SELECT count(*) AS n FROM items')).rows).toEqual([{ n: '1000' }]);
    expect((await c2.query(`SELECT count(*) AS n FROM sales WHERE day = DATE '2024-01-03'`)).rows).toEqual([{ n: '10' }]);
    await c2.end();
  });

  it.skipIf(!HAVE_MOTO)('a store that ignores If-None-Match: Pier starts read-only, writes fail with 25006, reads work', async () => {
    // stripping a signed header needs a server that does not check signatures: moto
    const moto = server.kind === 'moto' ? server : await startS3Server({ kind: 'moto' });
    if (moto !== server) extra.push(moto);
    const bucket = moto === server ? serverBucket() : await moto.createBucket();
    // a table written normally first
    const rw = await startPier({ warehouse: `s3://${bucket}/ro`, env: moto.env() });
    piers.push(rw);
    const c0 = await rw.client();
    await c0.query('CREATE TABLE kept (x int)');
    await c0.query('INSERT INTO kept VALUES (1), (2)');
    await c0.end();
    await rw.stop();

    const proxy = await startFaultProxy({ upstream: moto.endpoint, stripIfNoneMatch: true });
    proxies.push(proxy);
    const pier = await startPier({ warehouse: `s3://${bucket}/ro`, env: moto.env(proxy.endpoint) });
    piers.push(pier);
    expect(pier.log()).toMatch(/READ-ONLY MODE: the warehouse store s3:\/\/.+\/ro .*does not honour put-if-absent/);
    const c = await pier.client();
    expect((await c.query('SELECT sum(x) AS s FROM kept')).rows).toEqual([{ s: '3' }]);
    for (const sql of ['INSERT INTO kept VALUES (3)', 'CREATE TABLE t (x int)', 'CREATE SCHEMA s2']) {
      const err = (await c.query(sql).catch((e: unknown) => e)) as { code?: string; message?: string; detail?: string };
      expect(err.code, sql).toBe('25006');
      expect(err.message).toMatch(new RegExp(`Pier is read-only because the warehouse store s3://${bucket}/ro .*does not honour put-if-absent`));
      expect(err.detail).toMatch(/second conditional create/);
    }
    expect((await c.query('SELECT count(*) AS n FROM kept')).rows).toEqual([{ n: '2' }]);
    await c.end();
  });
});
