/**
 * A simple Query message with several statements (node-postgres `client.query(text)` without values, `psql -c`)
 * runs as PostgreSQL's implicit transaction: all committed at the end, all rolled back at the first error (the
 * rest skipped), BEGIN inside turns it into a regular block, COMMIT / ROLLBACK inside end it (with a warning),
 * SAVEPOINT and VACUUM are refused — compared with a throwaway PostgreSQL 15 when one is installed, and with the
 * expected values written here.
 */
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { expectSameOnPostgres, onPier, pierAndPostgres } from '../support/pier_vs_postgres.js';

type Outcome =
  | { readonly results: readonly (readonly [string | null, number | null, readonly unknown[][]])[]; readonly notices: readonly string[] }
  | { readonly error: string | undefined; readonly notices: readonly string[] };

/** Each step is one query string; `after` strings check what is committed. */
const STEPS: readonly string[] = [
  'CREATE TABLE m (k int)',
  // all committed; a SELECT in the middle sees the string's earlier rows
  'INSERT INTO m VALUES (1); INSERT INTO m VALUES (2); SELECT k FROM m ORDER BY k; INSERT INTO m VALUES (3)',
  'SELECT k FROM m ORDER BY k',
  // an error in the 3rd statement: the 1st and 2nd are rolled back, the 4th never runs
  'INSERT INTO m VALUES (10); INSERT INTO m VALUES (11); SELECT 1/0; INSERT INTO m VALUES (12)',
  'SELECT count(*) FROM m WHERE k >= 10',
  // BEGIN turns the implicit block into a regular one (the INSERT before it included); COMMIT commits both
  'INSERT INTO m VALUES (20); BEGIN; INSERT INTO m VALUES (21); COMMIT; INSERT INTO m VALUES (22); SELECT 1/0',
  'SELECT k FROM m WHERE k >= 20 ORDER BY k',
  // COMMIT / ROLLBACK without BEGIN: a warning, and they end the implicit transaction
  'INSERT INTO m VALUES (30); COMMIT; INSERT INTO m VALUES (31); SELECT 1/0',
  'INSERT INTO m VALUES (40); ROLLBACK; INSERT INTO m VALUES (41)',
  'SELECT k FROM m WHERE k >= 30 ORDER BY k',
  // an error inside a block the string opened: the block is failed, not over
  'BEGIN; INSERT INTO m VALUES (50); SELECT 1/0',
  'SELECT 1',
  'ROLLBACK',
  // a block the string opened stays open after it
  'BEGIN; INSERT INTO m VALUES (60)',
  'INSERT INTO m VALUES (61); SELECT count(*) FROM m WHERE k >= 60',
  'COMMIT',
  'SELECT k FROM m WHERE k >= 50 ORDER BY k',
  // SAVEPOINT needs a real block
  'INSERT INTO m VALUES (70); SAVEPOINT s; INSERT INTO m VALUES (71)',
  // UPDATE / DELETE in one string, then a failure: nothing of it stays
  'UPDATE m SET k = k + 100 WHERE k < 10; DELETE FROM m WHERE k = 20; SELECT k FROM m ORDER BY k; SELECT 1/0',
  'SELECT k FROM m ORDER BY k',
  // VACUUM is refused inside a (implicit) transaction block
  'SELECT 1; VACUUM m',
  'INSERT INTO m VALUES (80); VACUUM m',
  'SELECT count(*) FROM m WHERE k >= 70',
];

async function run(client: pg.Client): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let notices: string[] = [];
  client.on('notice', (n) => notices.push(n.message));
  for (const text of STEPS) {
    notices = [];
    try {
      const r = (await client.query({ text, rowMode: 'array' })) as unknown as pg.QueryResult | pg.QueryResult[];
      const all = Array.isArray(r) ? r : [r];
      out.push({ results: all.map((x) => [x.command, x.rowCount, x.rows as unknown[][]] as const), notices });
    } catch (e) {
      out.push({ error: (e as { code?: string }).code, notices });
    }
  }
  return out;
}

describe('multi-statement simple queries', () => {
  const env = pierAndPostgres();

  it('run as one implicit transaction, as in PostgreSQL', async () => {
    const got = await onPier(env.pier(), run);
    const at = (sql: string): Outcome => got[STEPS.indexOf(sql)]!;
    expect(at('INSERT INTO m VALUES (1); INSERT INTO m VALUES (2); SELECT k FROM m ORDER BY k; INSERT INTO m VALUES (3)')).toEqual({
      results: [['INSERT', 1, []], ['INSERT', 1, []], ['SELECT', 2, [['1'], ['2']]], ['INSERT', 1, []]],
      notices: [],
    });
    expect(at('INSERT INTO m VALUES (10); INSERT INTO m VALUES (11); SELECT 1/0; INSERT INTO m VALUES (12)')).toEqual({ error: '22012', notices: [] });
    expect(at('SELECT count(*) FROM m WHERE k >= 10')).toEqual({ results: [['SELECT', 1, [['0']]]], notices: [] });
    expect(at('SELECT k FROM m WHERE k >= 20 ORDER BY k')).toEqual({ results: [['SELECT', 2, [['20'], ['21']]]], notices: [] });
    expect(at('INSERT INTO m VALUES (30); COMMIT; INSERT INTO m VALUES (31); SELECT 1/0')).toEqual({ error: '22012', notices: ['there is no transaction in progress'] });
    expect(at('SELECT k FROM m WHERE k >= 30 ORDER BY k')).toEqual({ results: [['SELECT', 2, [['30'], ['41']]]], notices: [] });
    expect(at('SELECT 1')).toEqual({ error: '25P02', notices: [] });
    expect(at('SELECT k FROM m WHERE k >= 50 ORDER BY k')).toEqual({ results: [['SELECT', 2, [['60'], ['61']]]], notices: [] });
    expect(at('INSERT INTO m VALUES (70); SAVEPOINT s; INSERT INTO m VALUES (71)')).toEqual({ error: '25P01', notices: [] });
    expect(at('SELECT 1; VACUUM m')).toEqual({ error: '25001', notices: [] });
    expect(at('INSERT INTO m VALUES (80); VACUUM m')).toEqual({ error: '25001', notices: [] });
    expect(at('SELECT count(*) FROM m WHERE k >= 70')).toEqual({ results: [['SELECT', 1, [['0']]]], notices: [] });

    await expectSameOnPostgres(env.postgres(), 'multi_statement_e2e', got, run);
  });

  it('keeps VACUUM working as the only statement, and DDL commits what the string staged before it', async () => {
    await onPier(env.pier(), async (client) => {
      await client.query('CREATE TABLE v (k int)');
      await client.query('INSERT INTO v VALUES (1)');
      await expect(client.query('VACUUM v')).resolves.toBeDefined();
      // as inside BEGIN … COMMIT: CREATE TABLE first commits the INSERT before it (Pier: DDL is not transactional)
      await expect(client.query('INSERT INTO v VALUES (2); CREATE TABLE v2 (k int); INSERT INTO v VALUES (3); SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
      expect((await client.query({ text: 'SELECT k FROM v ORDER BY k', rowMode: 'array' })).rows).toEqual([['1'], ['2']]);
      expect((await client.query('SELECT count(*) AS n FROM v2')).rows).toEqual([{ n: '0' }]);
    });
  });
});
