import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../../common/errors.js';
import { harness, one, query, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => { h = await harness(); });
afterAll(async () => { await h.close(); });

async function fails(p: Promise<unknown>): Promise<QueryError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return e as QueryError;
  }
  throw new Error('expected an error');
}

const num = (unscaled: bigint, scale: number) => ({ unscaled, scale });

describe('session: the walking-skeleton script', () => {
  it('creates, inserts, queries and survives a restart', async () => {
    const s = await h.session();
    expect((await one(s, 'CREATE SCHEMA sales')).tag).toBe('CREATE SCHEMA');
    expect((await one(s, `CREATE TABLE sales.orders (id bigint NOT NULL, customer text, amount numeric(12,2), ordered_at timestamp, day date)
      PARTITIONED BY (day)`)).tag).toBe('CREATE TABLE');
    expect((await one(s, 'CREATE TABLE sales.customers (name text, city text)')).tag).toBe('CREATE TABLE');
    expect((await one(s, "INSERT INTO sales.customers VALUES ('ann','Oslo'), ('bob','Lima')")).tag).toBe('INSERT 0 2');
    expect((await one(s, "INSERT INTO sales.orders VALUES (1,'ann',10.50,'2024-01-01 10:00','2024-01-01'), (2,'bob',NULL,'2024-01-02 11:00','2024-01-02')")).tag).toBe('INSERT 0 2');
    expect((await one(s, 'INSERT INTO sales.orders SELECT id + 2, customer, amount * 2, ordered_at, day FROM sales.orders')).tag).toBe('INSERT 0 2');

    const agg = await one(s, `SELECT customer, count(*), sum(amount) FROM sales.orders WHERE day >= DATE '2024-01-01'
      GROUP BY customer HAVING count(*) > 1 ORDER BY customer`);
    expect(agg.tag).toBe('SELECT 2');
    expect(agg.fields!.map((f) => f.name)).toEqual(['customer', 'count', 'sum']);
    expect(agg.rows).toEqual([['ann', 2n, num(3150n, 2)], ['bob', 2n, null]]);

    expect((await one(s, 'CREATE TABLE sales.big AS SELECT * FROM sales.orders WHERE amount > 5')).tag).toBe('SELECT 2');
    expect((await one(s, 'SELECT id FROM sales.big ORDER BY id')).rows).toEqual([[1n], [3n]]);
    expect((await one(s, 'DROP TABLE sales.big')).tag).toBe('DROP TABLE');

    // on disk: Delta log with partition folders
    const log0 = await readFile(join(h.dir, 'sales/orders/_delta_log/00000000000000000000.json'), 'utf8');
    expect(log0).toContain('"partitionColumns":["day"]');
    const entries = await readdir(join(h.dir, 'sales/orders'));
    expect(entries).toEqual(expect.arrayContaining(['_delta_log', 'day=2024-01-01', 'day=2024-01-02']));

    await h.restart();
    const s2 = await h.session();
    const all = await one(s2, 'SELECT id, customer FROM sales.orders ORDER BY id');
    expect(all.rows).toEqual([[1n, 'ann'], [2n, 'bob'], [3n, 'ann'], [4n, 'bob']]);
    await fails(one(s2, 'SELECT * FROM sales.big'));
  });

  it('runs several statements of one query string in order (later ones see earlier DDL)', async () => {
    const s = await h.session();
    const res = await query(s, 'CREATE TABLE multi (a int, b text); INSERT INTO multi (b) VALUES (\'x\'); SELECT a, b FROM multi');
    expect(res.map((r) => r.tag)).toEqual(['CREATE TABLE', 'INSERT 0 1', 'SELECT 1']);
    expect(res[2]!.rows).toEqual([[null, 'x']]);
    expect(res[2]!.fields!.map((f) => f.name)).toEqual(['a', 'b']);
  });

  it('plans a later statement of a query string when it runs, against what earlier ones did', async () => {
    const s = await h.session();
    await one(s, 'CREATE TABLE m2 (z int)');
    const stmts = await s.prepare('DROP TABLE m2; CREATE TABLE m2 (a int, b text); SELECT * FROM m2', [], false);
    for (const st of stmts.slice(0, 2)) await (await st.execute([], new AbortController().signal)).next();
    const ex = await stmts[2]!.execute([], new AbortController().signal);
    expect(ex.fields!.map((f) => f.name)).toEqual(['a', 'b']);
    expect(await ex.next()).toBeNull();
    expect(ex.commandTag()).toBe('SELECT 0');
  });

  it('gives an empty statement for an empty query', async () => {
    const s = await h.session();
    const [st] = await s.prepare('  ', [], false);
    expect(st!.empty).toBe(true);
  });
});

describe('session: DDL details', () => {
  it('IF [NOT] EXISTS skips with a NOTICE', async () => {
    const s = await h.session();
    await one(s, 'CREATE TABLE notice_t (a int)');
    expect((await one(s, 'CREATE TABLE IF NOT EXISTS notice_t (a int)')).tag).toBe('CREATE TABLE');
    expect((await one(s, 'DROP TABLE IF EXISTS nope_t, notice_t')).tag).toBe('DROP TABLE');
    expect((await one(s, 'CREATE SCHEMA IF NOT EXISTS public')).tag).toBe('CREATE SCHEMA');
    expect(s.notices.map((n) => [n.severity, n.message])).toEqual([
      ['NOTICE', 'relation "notice_t" already exists, skipping'],
      ['NOTICE', 'table "nope_t" does not exist, skipping'],
      ['NOTICE', 'schema "public" already exists, skipping'],
    ]);
  });

  it('reports PostgreSQL errors', async () => {
    const s = await h.session();
    await one(s, 'CREATE TABLE err_t (id bigint NOT NULL, d date)');
    let e = await fails(one(s, 'DROP TABLE nope_t'));
    expect([e.sqlstate, e.message]).toEqual(['42P01', 'table "nope_t" does not exist']);
    e = await fails(one(s, 'CREATE TABLE err_t (a int)'));
    expect([e.sqlstate, e.message]).toEqual(['42P07', 'relation "err_t" already exists']);
    e = await fails(one(s, 'INSERT INTO err_t VALUES (NULL, NULL)'));
    expect([e.sqlstate, e.message]).toEqual(['23502', 'null value in column "id" of relation "err_t" violates not-null constraint']);
    e = await fails(one(s, 'INSERT INTO err_t (d) VALUES (NULL)'));
    expect(e.sqlstate).toBe('23502');
    e = await fails(one(s, 'select 1; INSERT INTO nope_t VALUES (1)'));
    expect([e.sqlstate, e.message, e.position]).toEqual(['42P01', 'relation "nope_t" does not exist', 23]);
    e = await fails(one(s, 'INSERT INTO err_t (zz) VALUES (1)'));
    expect([e.sqlstate, e.message]).toEqual(['42703', 'column "zz" of relation "err_t" does not exist']);
    e = await fails(one(s, 'INSERT INTO err_t VALUES (1, NULL, 3)'));
    expect([e.sqlstate, e.message]).toEqual(['42601', 'INSERT has more expressions than target columns']);
    e = await fails(one(s, 'CREATE TABLE p_t (a int) PARTITION BY LIST (zz)'));
    expect([e.sqlstate, e.message]).toEqual(['42703', 'column "zz" named in partition key does not exist']);
    e = await fails(one(s, 'CREATE SEQUENCE err_seq'));
    expect([e.sqlstate, e.message]).toEqual(['0A000', 'CREATE SEQUENCE is not supported']);
    e = await fails(one(s, 'SELECT * FROMM err_t'));
    expect([e.sqlstate, e.message, e.position]).toEqual(['42601', 'syntax error at or near "FROMM"', 10]);
    expect((await one(s, 'SELECT count(*) FROM err_t')).rows).toEqual([[0n]]);
  });

  it('supports PARTITION BY LIST like PARTITIONED BY', async () => {
    const s = await h.session();
    await one(s, 'CREATE TABLE plist (v int, day date) PARTITION BY LIST (day)');
    await one(s, "INSERT INTO plist VALUES (1, '2024-03-01')");
    expect(await readdir(join(h.dir, 'public/plist'))).toContain('day=2024-03-01');
  });

  it('drops schemas', async () => {
    const s = await h.session();
    await one(s, 'CREATE SCHEMA tmp_s');
    await one(s, 'CREATE TABLE tmp_s.t (a int)');
    const e = await fails(one(s, 'DROP SCHEMA tmp_s'));
    expect(e.sqlstate).toBe('2BP01');
    expect((await one(s, 'DROP SCHEMA tmp_s CASCADE')).tag).toBe('DROP SCHEMA');
    expect(s.notices.at(-1)?.message).toBe('drop cascades to table tmp_s.t');
  });
});

describe('session: settings and transactions', () => {
  it('SET / SHOW / RESET with ParameterStatus for reported settings', async () => {
    const s = await h.session();
    expect((await one(s, "SET TimeZone = 'europe/oslo'")).tag).toBe('SET');
    expect(s.params).toEqual([['TimeZone', 'Europe/Oslo']]);
    const shown = await one(s, 'SHOW timezone');
    expect(shown.fields!.map((f) => f.name)).toEqual(['TimeZone']);
    expect(shown.rows).toEqual([['Europe/Oslo']]);
    expect(shown.tag).toBe('SHOW');
    expect(s.valueContext().timeZone).toBe('Europe/Oslo');
    await one(s, 'SET extra_float_digits = 3');
    expect((await one(s, 'SHOW extra_float_digits')).rows).toEqual([['3']]);
    expect((await one(s, 'RESET extra_float_digits')).tag).toBe('RESET');
    expect((await one(s, 'SHOW extra_float_digits')).rows).toEqual([['1']]);
    await one(s, 'CREATE SCHEMA sp');
    await one(s, "CREATE TABLE sp.only_here (a int); INSERT INTO sp.only_here VALUES (1), (2)");
    await one(s, 'SET search_path TO sp, public');
    expect((await one(s, 'SHOW search_path')).rows).toEqual([['sp, public']]);
    expect((await one(s, 'SELECT count(*) FROM only_here')).rows).toEqual([[2n]]);
    await one(s, 'CREATE TABLE made_in_sp (a int)');
    expect(await readdir(join(h.dir, 'sp'))).toContain('made_in_sp');
    await one(s, 'SET myapp.flag = on');
    expect((await one(s, 'SHOW myapp.flag')).rows).toEqual([['on']]);
    const e = await fails(one(s, 'SET no_such_thing = 1'));
    expect([e.sqlstate, e.message]).toEqual(['42704', 'unrecognized configuration parameter "no_such_thing"']);
    const e2 = await fails(one(s, "SET TimeZone = 'Foo/Bar'"));
    expect([e2.sqlstate, e2.message]).toEqual(['22023', 'invalid value for parameter "TimeZone": "Foo/Bar"']);
  });

  it('tracks BEGIN / COMMIT / ROLLBACK status', async () => {
    const s = await h.session();
    expect((await one(s, 'COMMIT')).tag).toBe('COMMIT');
    expect(s.notices.at(-1)).toMatchObject({ severity: 'WARNING', sqlstate: '25P01', message: 'there is no transaction in progress' });
    expect((await one(s, 'BEGIN')).tag).toBe('BEGIN');
    expect(s.transactionStatus()).toBe('T');
    await fails(one(s, 'SELECT 1/0'));
    expect(s.transactionStatus()).toBe('E');
    const e = await fails(one(s, 'SELECT 1'));
    expect(e.sqlstate).toBe('25P02');
    expect((await one(s, 'COMMIT')).tag).toBe('ROLLBACK');
    expect(s.transactionStatus()).toBe('I');
    await one(s, 'START TRANSACTION');
    expect((await one(s, 'ROLLBACK')).tag).toBe('ROLLBACK');
  });

  it('prepares with parameters (extended protocol) and re-plans at execute', async () => {
    const s = await h.session();
    await one(s, "CREATE TABLE prep_t (id bigint, name text); INSERT INTO prep_t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
    const [st] = await s.prepare('SELECT id FROM prep_t WHERE id > $1 ORDER BY id', [], true);
    expect(st!.paramTypes.map((t) => t.kind)).toEqual(['int8']);
    expect(st!.fields!.map((f) => f.name)).toEqual(['id']);
    const ex = await st!.execute([2n], new AbortController().signal);
    const b = await ex.next();
    expect(b!.length).toBe(2);
    expect(await ex.next()).toBeNull();
    expect(ex.commandTag()).toBe('SELECT 2');
    const e = await fails(s.prepare('SELECT 1; SELECT 2', [], true));
    expect([e.sqlstate, e.message]).toEqual(['42601', 'cannot insert multiple commands into a prepared statement']);
    const [ins] = await s.prepare('INSERT INTO prep_t VALUES ($1, $2)', [], true);
    expect(ins!.paramTypes.map((t) => t.kind)).toEqual(['int8', 'text']);
    expect(ins!.fields).toBeNull();
    expect((await ins!.execute([9n, 'Rome'], new AbortController().signal)).commandTag()).toBe('INSERT 0 1');
  });

  it('EXPLAIN returns one QUERY PLAN column', async () => {
    const s = await h.session();
    await one(s, 'CREATE TABLE expl_t (id int)');
    const r = await one(s, 'EXPLAIN SELECT * FROM expl_t WHERE id = 1');
    expect(r.fields!.map((f) => f.name)).toEqual(['QUERY PLAN']);
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((row) => typeof row[0] === 'string')).toBe(true);
  });

  it('rejects an unknown database and cancels by pid/secret', async () => {
    const e = await fails(h.factory.create({ user: 'pier', database: 'other', applicationName: '', options: {} }));
    expect([e.sqlstate, e.message]).toEqual(['3D000', 'database "other" does not exist']);
    const s = await h.session();
    await one(s, 'CREATE TABLE cancel_t AS SELECT 1 AS a');
    const [st] = await s.prepare('SELECT * FROM cancel_t', [], true);
    const ex = await st!.execute([], new AbortController().signal);
    h.factory.cancel(s.processId, s.secretKey + 1); // wrong secret: ignored
    h.factory.cancel(s.processId, s.secretKey);
    const err = await fails((async () => { for (let b = await ex.next(); b !== null; b = await ex.next()); })());
    expect([err.sqlstate, err.message]).toEqual(['57014', 'canceling statement due to user request']);
  });
});
