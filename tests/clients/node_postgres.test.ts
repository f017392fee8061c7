/**
 * node-postgres with pg-cursor and pg-copy-streams against a real Pier process: portals read in chunks
 * (Execute with a row limit → PortalSuspended), COPY FROM STDIN / TO STDOUT streams, a bad COPY row that
 * commits nothing, typed parameters and TLS (sslmode=require with a certificate made by openssl at test time).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import Cursor from 'pg-cursor';
import copyStreams from 'pg-copy-streams';
import { startPier, tempDir, type PierProcess } from '../support/pier.js';

const { from: copyFrom, to: copyTo } = copyStreams as unknown as {
  from(sql: string): Writable & pg.Submittable;
  to(sql: string): Readable & pg.Submittable;
};

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

describe('node-postgres, pg-cursor, pg-copy-streams', () => {
  let pier: PierProcess;
  let client: pg.Client;
  beforeAll(async () => {
    pier = await startPier();
    client = await pier.client();
    await client.query('CREATE TABLE nc (id int, label text, price numeric(8,2))');
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });

  it('COPY FROM STDIN streams many rows in one commit; COPY TO STDOUT gives them back', async () => {
    const lines = (function* () {
      for (let i = 1; i <= 20000; i++) yield `${i}\tlabel ${i}\t${(i % 1000) / 4}\n`;
    })();
    const stream = client.query(copyFrom('COPY nc FROM STDIN'));
    await pipeline(Readable.from(lines), stream);
    expect((stream as unknown as { rowCount: number }).rowCount).toBe(20000);
    const { rows } = await client.query('SELECT count(*) AS n, sum(id) AS s, max(price) AS p FROM nc');
    expect(rows[0]).toEqual({ n: '20000', s: '200010000', p: '249.75' });

    const chunks: Buffer[] = [];
    const out = client.query(copyTo("COPY (SELECT id, label, price FROM nc WHERE id <= 3 ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)"));
    await pipeline(out, new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } }));
    expect(Buffer.concat(chunks).toString()).toBe('id,label,price\n1,label 1,0.25\n2,label 2,0.50\n3,label 3,0.75\n');
  }, 60_000);

  it('a bad row fails the whole COPY with the CONTEXT line and commits nothing', async () => {
    const stream = client.query(copyFrom('COPY nc (id, label) FROM STDIN WITH (FORMAT csv)'));
    const err = await pipeline(Readable.from(['100001,ok\n', '100002,"two\nlines"\n', 'x,bad\n']), stream).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: '22P02', message: 'invalid input syntax for type integer: "x"', where: 'COPY nc, line 3, column id: "x"' });
    const { rows } = await client.query('SELECT count(*) AS n FROM nc WHERE id > 100000');
    expect(rows[0].n).toBe('0');
  });

  it('pg-cursor reads a portal in chunks inside a transaction', async () => {
    await client.query('BEGIN');
    const cursor = client.query(new Cursor('SELECT id FROM nc WHERE id <= $1 ORDER BY id', [7]));
    const first = await cursor.read(3);
    const second = await cursor.read(3);
    const third = await cursor.read(3);
    const fourth = await cursor.read(3);
    await cursor.close();
    await client.query('COMMIT');
    expect([first, second, third, fourth].map((r) => r.map((x: { id: string }) => x.id))).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7'], []]);
  });

  it('typed parameters and empty queries', async () => {
    const typed = await client.query({ text: 'SELECT $1::int8 + 1 AS a, $2::date AS d, $3 AS t', values: ['41', '2024-02-29', 'x'], types: undefined });
    expect(typed.rows[0]).toEqual({ a: '42', d: '2024-02-29', t: 'x' });
    const empty = await client.query('-- ping');
    expect(empty.command).toBeNull();
    expect(empty.rows).toEqual([]);
  });

  it.skipIf(!haveOpenssl())('TLS: sslmode=require works with a configured certificate', async () => {
    const dir = tempDir('pier-tls-');
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const tlsPier = await startPier({ env: { PIER_TLS_CERT: cert, PIER_TLS_KEY: key } });
    try {
      const secure = await tlsPier.client({ ssl: { rejectUnauthorized: false } });
      const socket = (secure as unknown as { connection: { stream: { encrypted?: boolean; getProtocol?: () => string } } }).connection.stream;
      expect(socket.encrypted).toBe(true);
      expect((await secure.query('SELECT 1 AS one')).rows).toEqual([{ one: '1' }]);
      await secure.end();
      const plain = await tlsPier.client({ ssl: false });
      expect((await plain.query('SELECT 2 AS two')).rows).toEqual([{ two: '2' }]);
      await plain.end();
      // psql with sslmode=require
      const psql = spawnSync('psql', ['-X', `host=127.0.0.1 port=${tlsPier.port} user=pier dbname=pier sslmode=require`, '-c', '\\conninfo', '-c', 'SELECT 40 + 2 AS answer'], { encoding: 'utf8' });
      if (psql.error === undefined) {
        expect(psql.stdout).toMatch(/SSL connection \(protocol: TLSv1\.[23]/);
        expect(psql.stdout).toContain('42');
      }
      // without a certificate, SSLRequest is refused and sslmode=require fails
      await expect(pier.client({ ssl: { rejectUnauthorized: false } })).rejects.toThrow(/does not support SSL/);
    } finally {
      await tlsPier.stop();
    }
  }, 60_000);
});
