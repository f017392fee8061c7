/**
 * Runs every tests/sql/**\/*.test sqllogictest file through the wire (node-postgres): on a fresh Pier per
 * file, and — when PostgreSQL 15 is installed — on a fresh database of a throwaway PostgreSQL, so every
 * expectation is proven to be PostgreSQL's answer (records marked `onlyif pier` run on Pier only).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres.js';
import { formatRows, parseSlt, type SltRecord } from '../support/slt.js';

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return findTests(p);
    return name.endsWith('.test') ? [p] : [];
  }).sort();
}

async function check(client: pg.Client, rec: SltRecord): Promise<void> {
  switch (rec.kind) {
    case 'statement_ok':
      await client.query(rec.sql);
      return;
    case 'statement_error': {
      const err = await client.query(rec.sql).then(() => null, (e: Error & { code?: string }) => e);
      expect(err, 'statement should fail').not.toBeNull();
      expect(err!.code).toBe(rec.sqlstate);
      if (rec.message) expect(err!.message).toContain(rec.message);
      return;
    }
    case 'query': {
      const res = await client.query({ text: rec.sql, rowMode: 'array' });
      expect(res.fields.length, 'column count').toBe(rec.types.length);
      let rows = formatRows(res.rows as unknown[][]);
      let expected = [...rec.expected];
      if (rec.sort) {
        rows = rows.sort();
        expected = expected.sort();
      }
      expect(rows.join('\n')).toBe(expected.join('\n'));
      return;
    }
  }
}

const rawTypes = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;
const root = import.meta.dirname;
const files = findTests(root);
let postgres: TestPostgres | null = null;
let dbCounter = 0;

beforeAll(async () => {
  if (postgresAvailable()) postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

for (const file of files) {
  const records = parseSlt(readFileSync(file, 'utf8'));
  const name = relative(root, file);

  describe(`${name} on Pier`, () => {
    let pier: PierProcess;
    let client: pg.Client;
    beforeAll(async () => {
      pier = await startPier();
      client = await pier.client();
    });
    afterAll(async () => {
      await client?.end();
      await pier?.stop();
    });
    for (const rec of records) {
      it(`line ${rec.line}: ${rec.sql.split('\n')[0]!.slice(0, 80)}`, () => check(client, rec));
    }
  });

  describe(`${name} on PostgreSQL (the reference)`, () => {
    let client: pg.Client | null = null;
    beforeAll(async () => {
      if (postgres === null) return;
      const db = `slt_${++dbCounter}`;
      await postgres.query(`CREATE DATABASE ${db}`);
      client = new pg.Client({ host: postgres.host, port: postgres.port, user: 'postgres', database: db, types: rawTypes });
      await client.connect();
    });
    afterAll(async () => {
      await client?.end();
    });
    for (const rec of records.filter((r) => !r.pierOnly)) {
      it.skipIf(!postgresAvailable())(`line ${rec.line}: ${rec.sql.split('\n')[0]!.slice(0, 80)}`, () => check(client!, rec));
    }
  });
}
