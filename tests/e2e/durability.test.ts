/**
 * Durability through the wire: committed rows survive a restart, a second connection sees committed data,
 * and a server killed in the middle of writes leaves every table readable at its last committed version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';

const running: PierProcess[] = [];
async function start(warehouse?: string): Promise<PierProcess> {
  const p = await startPier(warehouse === undefined ? {} : { warehouse });
  running.push(p);
  return p;
}
afterEach(async () => {
  while (running.length) await running.pop()!.kill();
});

describe('durability', () => {
  it('keeps every committed row across a restart', async () => {
    const a = await start();
    const c = await a.client();
    await c.query('CREATE SCHEMA s');
    await c.query('CREATE TABLE s.t (id int NOT NULL, name varchar(10), price numeric(8,3), day date) PARTITIONED BY (day)');
    await c.query(`INSERT INTO s.t VALUES (1, 'one', 1.5, '2024-01-01'), (2, NULL, NULL, NULL), (3, 'three', -0.125, '2024-02-29')`);
    await c.query('CREATE SCHEMA empty_schema');
    await c.end();
    await a.stop();

    const b = await start(a.warehouse);
    const d = await b.client();
    const r = await d.query('SELECT id, name, price, day FROM s.t ORDER BY id');
    expect(r.rows).toEqual([
      { id: '1', name: 'one', price: '1.500', day: '2024-01-01' },
      { id: '2', name: null, price: null, day: null },
      { id: '3', name: 'three', price: '-0.125', day: '2024-02-29' },
    ]);
    // the empty schema survives too: creating it again is an error
    await expect(d.query('CREATE SCHEMA empty_schema')).rejects.toMatchObject({ code: '42P06' });
    await d.end();
  });

  it('shows a second connection what the first committed', async () => {
    const p = await start();
    const w = await p.client();
    const r = await p.client();
    await w.query('CREATE TABLE shared (x bigint)');
    expect((await r.query('SELECT count(*) AS n FROM shared')).rows).toEqual([{ n: '0' }]);
    await w.query('INSERT INTO shared VALUES (1), (2), (3)');
    expect((await r.query('SELECT count(*) AS n, sum(x) AS s FROM shared')).rows).toEqual([{ n: '3', s: '6' }]);
    await w.end();
    await r.end();
  });

  it('leaves tables at their last committed version when killed during writes', async () => {
    const p = await start();
    const c = await p.client();
    c.on('error', () => undefined); // the server is killed under this connection on purpose
    await c.query('CREATE TABLE grow (id bigint NOT NULL, pad text, day date) PARTITIONED BY (day)');
    await c.query(`INSERT INTO grow VALUES (1, 'x', '2024-01-01'), (2, 'y', '2024-01-02'), (3, 'z', '2024-01-03')`);
    for (let i = 0; i < 9; i++) await c.query(`INSERT INTO grow SELECT id, pad || 'p', day FROM grow`);
    const before = Number((await c.query('SELECT count(*) AS n FROM grow')).rows[0].n);
    expect(before).toBe(3 * 2 ** 9);
    // start a doubling insert and kill the server while it runs
    const pending = c.query('INSERT INTO grow SELECT id, pad, day FROM grow').catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 15));
    await p.kill();
    await pending;
    await c.end().catch(() => undefined);

    // every commit file on disk is complete JSON
    const log = join(p.warehouse, 'public', 'grow', '_delta_log');
    for (const f of readdirSync(log).filter((n) => n.endsWith('.json'))) {
      for (const line of readFileSync(join(log, f), 'utf8').trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    }
    const again = await start(p.warehouse);
    const d = await again.client();
    const after = Number((await d.query('SELECT count(*) AS n FROM grow')).rows[0].n);
    expect([before, before * 2]).toContain(after);
    // and the table still takes writes
    await d.query(`INSERT INTO grow VALUES (0, 'after', '2024-01-01')`);
    expect(Number((await d.query('SELECT count(*) AS n FROM grow')).rows[0].n)).toBe(after + 1);
    await d.end();
  });
});
