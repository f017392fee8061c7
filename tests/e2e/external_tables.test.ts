/**
 * CREATE TABLE … LOCATION: a new table created at a path outside the warehouse, the same Delta table
 * registered again by location (schema from the log, or a matching column list), mismatches refused,
 * registrations surviving a restart, DROP TABLE only unregistering.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, tempDir, type PierProcess } from '../support/pier.js';

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code?: string; message: string });

describe('external tables (CREATE TABLE … LOCATION)', () => {
  const root = tempDir('pier-ext-');
  const warehouse = join(root, 'warehouse');
  const loc = join(root, 'outside', 'events');
  let pier: PierProcess;
  let client: pg.Client;
  beforeAll(async () => {
    pier = await startPier({ warehouse });
    client = await pier.client();
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });

  it('creates a new Delta table at the location', async () => {
    await client.query(`CREATE TABLE events (id bigint, kind text) LOCATION '${loc}'`);
    await client.query(`INSERT INTO events VALUES (1, 'a'), (2, 'b')`);
    expect(existsSync(join(loc, '_delta_log', '00000000000000000000.json'))).toBe(true);
    expect(existsSync(join(warehouse, 'public', 'events'))).toBe(false);
  });

  it('registers an existing table without a column list, its schema from the log', async () => {
    await client.query(`CREATE TABLE events_again LOCATION 'file://${loc}'`);
    const r = await client.query('SELECT id, kind FROM events_again ORDER BY id');
    expect(r.rows).toEqual([{ id: '1', kind: 'a' }, { id: '2', kind: 'b' }]);
  });

  it('accepts a matching column list and refuses a different one', async () => {
    await client.query(`CREATE TABLE events_typed (id bigint, kind text) LOCATION '${loc}'`);
    const err = await failure(client.query(`CREATE TABLE events_bad (id int, kind text) LOCATION '${loc}'`));
    expect(err?.code).toBe('42KD7');
    expect(err?.message).toMatch(/does not match the existing schema/);
  });

  it('refuses a location without a Delta table when no columns are given, and relative paths', async () => {
    const none = await failure(client.query(`CREATE TABLE nothing LOCATION '${join(root, 'empty')}'`));
    expect(none?.code).toBe('42P01');
    const rel = await failure(client.query(`CREATE TABLE rel LOCATION 'some/relative/path'`));
    expect(rel?.code).toBe('22023');
    const dup = await failure(client.query(`CREATE TABLE events LOCATION '${loc}'`));
    expect(dup?.code).toBe('42P07');
  });

  it('DROP TABLE only unregisters: the data stays and other registrations still read it', async () => {
    await client.query('DROP TABLE events');
    expect(existsSync(join(loc, '_delta_log', '00000000000000000001.json'))).toBe(true);
    const r = await client.query('SELECT count(*) AS n FROM events_again');
    expect(r.rows[0].n).toBe('2');
    expect((await failure(client.query('SELECT * FROM events')))?.code).toBe('42P01');
  });

  it('registrations survive a restart', async () => {
    await client.end();
    await pier.stop();
    pier = await startPier({ warehouse });
    client = await pier.client();
    await client.query(`INSERT INTO events_typed VALUES (3, 'c')`);
    const r = await client.query('SELECT count(*) AS n FROM events_again');
    expect(r.rows[0].n).toBe('3');
  }, 60_000);
});
