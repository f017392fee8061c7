/**
 * Transaction blocks across connections: staged changes are invisible to other sessions until COMMIT, a
 * concurrent conflicting commit makes COMMIT fail with 40001 (and the block is rolled back), blind appends of two
 * blocks both commit, DDL commits the block's staged changes first, and a disconnect discards the block.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';

const errorOf = (p: Promise<unknown>): Promise<(Error & { code?: string; detail?: string }) | null> =>
  p.then(() => null, (e: Error & { code?: string; detail?: string }) => e);

const rows = async (c: pg.Client, sql: string): Promise<unknown[][]> => (await c.query({ text: sql, rowMode: 'array' })).rows as unknown[][];

const parquetFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.parquet')).sort();

describe('transaction blocks across connections', () => {
  let pier: PierProcess;
  let a: pg.Client;
  let b: pg.Client;
  beforeAll(async () => {
    pier = await startPier();
    a = await pier.client();
    b = await pier.client();
  });
  afterAll(async () => {
    await a?.end().catch(() => undefined);
    await b?.end().catch(() => undefined);
    await pier?.stop();
  });

  it('keeps uncommitted rows invisible to other sessions until COMMIT', async () => {
    await a.query('CREATE TABLE vis (k int, v text)');
    await a.query("INSERT INTO vis VALUES (1, 'a')");
    await a.query('BEGIN');
    await a.query("INSERT INTO vis VALUES (2, 'b')");
    await a.query("UPDATE vis SET v = 'A' WHERE k = 1");
    expect(await rows(a, 'SELECT k, v FROM vis ORDER BY k')).toEqual([['1', 'A'], ['2', 'b']]);
    expect(await rows(b, 'SELECT k, v FROM vis ORDER BY k')).toEqual([['1', 'a']]);
    // the other session's commits meanwhile do not change what the block reads (its snapshot is pinned)
    await b.query("INSERT INTO vis VALUES (3, 'c')");
    expect(await rows(a, 'SELECT k FROM vis ORDER BY k')).toEqual([['1'], ['2']]);
    await a.query('COMMIT');
    expect(await rows(b, 'SELECT k, v FROM vis ORDER BY k')).toEqual([['1', 'A'], ['2', 'b'], ['3', 'c']]);
  });

  it('reads other sessions\' commits at each statement under READ COMMITTED, not under REPEATABLE READ', async () => {
    await a.query('CREATE TABLE feed (n int)');
    await a.query('BEGIN');
    expect(await rows(a, 'SELECT count(*) FROM feed')).toEqual([['0']]);
    await b.query('INSERT INTO feed VALUES (1)');
    expect(await rows(a, 'SELECT count(*) FROM feed')).toEqual([['1']]);
    await a.query('COMMIT');
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    expect(await rows(a, 'SELECT count(*) FROM feed')).toEqual([['1']]);
    await b.query('INSERT INTO feed VALUES (2)');
    expect(await rows(a, 'SELECT count(*) FROM feed')).toEqual([['1']]);
    await a.query('COMMIT');
    expect(await rows(a, 'SELECT count(*) FROM feed')).toEqual([['2']]);
  });

  it('fails COMMIT with 40001 when another session changed the same rows, and rolls the block back', async () => {
    await a.query('CREATE TABLE acct (id int, balance int)');
    await a.query('INSERT INTO acct VALUES (1, 100), (2, 100)');
    await a.query('BEGIN');
    await a.query('UPDATE acct SET balance = balance - 10 WHERE id = 1');
    await b.query('UPDATE acct SET balance = balance + 5 WHERE id = 1');
    const err = await errorOf(a.query('COMMIT'));
    expect(err?.code).toBe('40001');
    expect(err?.message).toMatch(/could not serialize access due to concurrent update/);
    // the block is over: the session is usable and nothing of the block was committed
    expect(await rows(a, 'SELECT id, balance FROM acct ORDER BY id')).toEqual([['1', '105'], ['2', '100']]);
  });

  it('commits blind appends of two concurrent blocks', async () => {
    await a.query('CREATE TABLE events (n int)');
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query('INSERT INTO events VALUES (1)');
    await b.query('INSERT INTO events VALUES (2)');
    await b.query('COMMIT');
    await a.query('COMMIT');
    expect(await rows(b, 'SELECT n FROM events ORDER BY n')).toEqual([['1'], ['2']]);
  });

  it('commits tables one by one: when the second conflicts, the first stays committed and the error says so', async () => {
    await a.query('CREATE TABLE first_t (n int)');
    await a.query('CREATE TABLE second_t (n int)');
    await a.query('INSERT INTO second_t VALUES (1)');
    await a.query('BEGIN');
    await a.query('INSERT INTO first_t VALUES (1)');
    await a.query('DELETE FROM second_t WHERE n = 1');
    await b.query('UPDATE second_t SET n = 2');
    const err = await errorOf(a.query('COMMIT'));
    expect(err?.code).toBe('40001');
    expect(err?.detail).toContain('changes to public.first_t were committed before the failure; changes to public.second_t were discarded');
    expect(await rows(b, 'SELECT n FROM first_t')).toEqual([['1']]);
    expect(await rows(b, 'SELECT n FROM second_t')).toEqual([['2']]);
  });

  it('removes the data files of a rolled back block', async () => {
    await a.query('CREATE TABLE gone (n int)');
    await a.query('INSERT INTO gone VALUES (1)');
    const dir = join(pier.warehouse, 'public', 'gone');
    const before = parquetFiles(dir);
    await a.query('BEGIN');
    await a.query('INSERT INTO gone SELECT g FROM generate_series(1, 1000) g');
    await a.query('UPDATE gone SET n = n + 1');
    expect(parquetFiles(dir).length).toBeGreaterThan(before.length);
    await a.query('ROLLBACK');
    expect(parquetFiles(dir)).toEqual(before);
    expect(await rows(a, 'SELECT n FROM gone')).toEqual([['1']]);
  });

  it('commits staged changes before a DDL statement in the block (implicit commit)', async () => {
    await a.query('CREATE TABLE ddl_t (n int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO ddl_t VALUES (1)');
    await a.query('CREATE TABLE ddl_other AS SELECT n FROM ddl_t');
    await a.query('INSERT INTO ddl_t VALUES (2)');
    await a.query('ROLLBACK');
    expect(await rows(b, 'SELECT n FROM ddl_t')).toEqual([['1']]);
    expect(await rows(b, 'SELECT n FROM ddl_other')).toEqual([['1']]);
  });

  it('discards an open block when its connection closes', async () => {
    await a.query('CREATE TABLE quit_t (n int)');
    const c = await pier.client();
    await c.query('BEGIN');
    await c.query('INSERT INTO quit_t VALUES (1)');
    await c.end();
    expect(await rows(a, 'SELECT count(*)::int FROM quit_t')).toEqual([['0']]);
  });
});
