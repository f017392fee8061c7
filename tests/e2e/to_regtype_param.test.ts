/**
 * to_regtype with a parameter (the extended protocol), as psycopg 3's TypeInfo.fetch sends it at connect
 * (SQLAlchemy's psycopg dialect looks up hstore this way): the built-in types' spellings resolve, anything else is
 * NULL — the same rows as PostgreSQL 15 (compared with a throwaway PostgreSQL when one is installed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres.js';

const TYPE_INFO = `SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter
  FROM pg_type t WHERE t.oid = to_regtype($1) ORDER BY t.oid`;

const NAMES = ['int4', 'integer', 'bigint', 'text', 'character varying', 'pg_catalog.numeric', 'int4[]', 'jsonb', 'hstore', 'no_such_type'];

async function run(client: pg.Client): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const name of NAMES) {
    const r = await client.query({ text: 'SELECT to_regtype($1)::oid::int8 AS oid, to_regtype($1)::text AS name', values: [name], rowMode: 'array' });
    out.push([name, ...r.rows]);
  }
  out.push((await client.query({ text: TYPE_INFO, values: ['int4'], rowMode: 'array' })).rows);
  out.push((await client.query({ text: TYPE_INFO, values: ['hstore'], rowMode: 'array' })).rows);
  return out;
}

const raw = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

describe('to_regtype($1)', () => {
  let pier: PierProcess;
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    pier = await startPier();
    if (postgresAvailable()) postgres = await startPostgres();
  });
  afterAll(async () => {
    await pier?.stop();
    await postgres?.stop();
  });

  it('resolves built-in type names given as parameters, NULL for unknown ones', async () => {
    const client = await pier.client();
    let got: unknown[];
    try {
      got = await run(client);
    } finally {
      await client.end();
    }
    expect(got[0]).toEqual(['int4', ['23', 'integer']]);
    expect(got[4]).toEqual(['character varying', ['1043', 'character varying']]);
    expect(got[6]).toEqual(['int4[]', ['1007', 'integer[]']]);
    expect(got[8]).toEqual(['hstore', [null, null]]);
    expect(got[10]).toEqual([['int4', '23', '1007', 'integer', ',']]);
    expect(got[11]).toEqual([]);
    if (postgres !== null) {
      const ref = new pg.Client({ host: postgres.host, port: postgres.port, user: 'postgres', database: 'postgres', types: raw });
      await ref.connect();
      try {
        expect(JSON.stringify(got)).toEqual(JSON.stringify(await run(ref)));
      } finally {
        await ref.end();
      }
    }
  });
});
