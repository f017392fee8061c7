/**
 * to_regtype with a parameter (the extended protocol), as psycopg 3's TypeInfo.fetch sends it at connect
 * (SQLAlchemy's psycopg dialect looks up hstore this way): the built-in types' spellings resolve, anything else is
 * NULL — the same rows as PostgreSQL 15 (compared with a throwaway PostgreSQL when one is installed).
 */
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { expectSameOnPostgres, onPier, pierAndPostgres } from '../support/pier_vs_postgres.js';

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

describe('to_regtype($1)', () => {
  const env = pierAndPostgres();

  it('resolves built-in type names given as parameters, NULL for unknown ones', async () => {
    const got = await onPier(env.pier(), run);
    expect(got[0]).toEqual(['int4', ['23', 'integer']]);
    expect(got[4]).toEqual(['character varying', ['1043', 'character varying']]);
    expect(got[6]).toEqual(['int4[]', ['1007', 'integer[]']]);
    expect(got[8]).toEqual(['hstore', [null, null]]);
    expect(got[10]).toEqual([['int4', '23', '1007', 'integer', ',']]);
    expect(got[11]).toEqual([]);
    // compared as JSON: the rows' shapes differ per statement
    await expectSameOnPostgres(env.postgres(), null, JSON.stringify(got), async (c) => JSON.stringify(await run(c)));
  });
});
