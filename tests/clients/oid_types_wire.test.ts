/**
 * oid and reg* over the wire (node-postgres): RowDescription carries PostgreSQL's type OIDs (oid 26, regclass
 * 2205, regtype 2206, regproc 24, regnamespace 4089, oid[] 1028, oidvector 30) with typlen 4 for the scalars;
 * text results are the names for reg* and numbers for oid. (Binary oid: asyncpg's introspection in
 * python_clients.test.ts; codecs: tests/server/pgwire/oid_codecs.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';

describe('oid / reg* types on the wire', () => {
  let pier: PierProcess;
  let client: pg.Client;
  beforeAll(async () => {
    pier = await startPier();
    client = await pier.client();
    await client.query('CREATE SCHEMA w');
    await client.query('CREATE TABLE w.t (a int)');
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });

  it('describes catalog and cast results with the PostgreSQL type OIDs, names as text', async () => {
    const r = await client.query({
      text: `SELECT c.oid, c.oid::regclass AS rel, 'int8'::regtype AS typ, 'upper'::regproc AS fn, c.relnamespace::regnamespace AS ns,
        '{1,2}'::oid[] AS oids, (SELECT proargtypes FROM pg_proc WHERE proname = 'lower' AND prorettype = 25) AS args
        FROM pg_class c WHERE c.relname = 't'`,
      rowMode: 'array',
    });
    expect(r.fields.map((f) => [f.name, f.dataTypeID, f.dataTypeSize])).toEqual([
      ['oid', 26, 4], ['rel', 2205, 4], ['typ', 2206, 4], ['fn', 24, 4], ['ns', 4089, 4], ['oids', 1028, -1], ['args', 30, -1],
    ]);
    const [oid, rel, typ, fn, ns, oids, args] = r.rows[0] as unknown[];
    expect(Number(oid)).toBeGreaterThan(0);
    expect([rel, typ, fn, ns, args]).toEqual(['w.t', 'bigint', 'upper', 'w', '25']);
    expect(oids).toBe('{1,2}');
    const back = await client.query({ text: "SELECT 'w.t'::regclass::oid AS o, pg_typeof('w.t'::regclass::oid) AS t", rowMode: 'array' });
    expect(back.rows[0]).toEqual([String(oid), 'oid']);
  });
});
