/**
 * Concurrent blind appends on an S3 warehouse (moto): 8 clients × 50 INSERTs into one table through one Pier,
 * and the same split across two Pier processes sharing the bucket → exactly 400 commits after the CREATE
 * and every row, with put-if-absent commits on `_delta_log/NNN.json`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';
import { HAVE_S3, S3_SKIP_MESSAGE, startS3Server, type S3Server } from '../support/s3.js';

const CLIENTS = 8;
const INSERTS = 50;

async function insertLoop(c: pg.Client, table: string, client: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await c.query(`INSERT INTO ${table} VALUES (${client}, ${i})`);
}

async function checkTable(server: S3Server, bucket: string, prefix: string, c: pg.Client, table: string): Promise<void> {
  const log = (await server.store(bucket, prefix).list(`public/${table}/_delta_log/`)).map((m) => m.path).filter((p) => p.endsWith('.json'));
  // version 0 is the CREATE; 1..400 the INSERTs, no gaps
  expect(log).toHaveLength(CLIENTS * INSERTS + 1);
  expect(log.at(-1)).toBe(`public/${table}/_delta_log/${String(CLIENTS * INSERTS).padStart(20, '0')}.json`);
  const r = await c.query(`SELECT count(*) AS n, count(DISTINCT client * 1000 + i) AS d, sum(i) AS s FROM ${table}`);
  expect(r.rows[0]).toEqual({ n: String(CLIENTS * INSERTS), d: String(CLIENTS * INSERTS), s: String(CLIENTS * ((INSERTS * (INSERTS - 1)) / 2)) });
  const per = await c.query(`SELECT client, count(*) AS n FROM ${table} GROUP BY client ORDER BY client`);
  expect(per.rows).toEqual(Array.from({ length: CLIENTS }, (_, k) => ({ client: String(k), n: String(INSERTS) })));
}

describe.skipIf(!HAVE_S3)('S3 warehouse: concurrent INSERTs', () => {
  if (!HAVE_S3) it.skip(S3_SKIP_MESSAGE, () => undefined);
  let server: S3Server;
  let bucket: string;
  const piers: PierProcess[] = [];
  const clients: pg.Client[] = [];
  beforeAll(async () => {
    server = await startS3Server();
    bucket = await server.createBucket();
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    for (const p of piers) await p.stop();
    await server?.stop();
  });

  it(`${CLIENTS} clients × ${INSERTS} INSERTs into one table: ${CLIENTS * INSERTS} commits, every row`, async () => {
    const pier = await startPier({ warehouse: `s3://${bucket}/one`, env: server.env() });
    piers.push(pier);
    const conns = await Promise.all(Array.from({ length: CLIENTS }, () => pier.client()));
    clients.push(...conns);
    await conns[0]!.query('CREATE TABLE t (client int, i int)');
    await Promise.all(conns.map((c, k) => insertLoop(c, 't', k, INSERTS)));
    await checkTable(server, bucket, 'one', conns[0]!, 't');
  }, 600_000);

  it('the same split across two Pier processes sharing the bucket', async () => {
    const [a, b] = await Promise.all([
      startPier({ warehouse: `s3://${bucket}/two`, env: server.env() }),
      startPier({ warehouse: `s3://${bucket}/two`, env: server.env() }),
    ]);
    piers.push(a!, b!);
    const conns = await Promise.all(Array.from({ length: CLIENTS }, (_, k) => (k % 2 === 0 ? a! : b!).client()));
    clients.push(...conns);
    await conns[0]!.query('CREATE TABLE t2 (client int, i int)');
    await Promise.all(conns.map((c, k) => insertLoop(c, 't2', k, INSERTS)));
    await checkTable(server, bucket, 'two', conns[1]!, 't2');
    // the other process sees the same table
    await checkTable(server, bucket, 'two', conns[0]!, 't2');
  }, 600_000);
});
