/**
 * A BI-tool smoke test: the catalog queries Metabase and DBeaver send when they connect, sync and browse
 * (tests/clients/bi/catalog_queries.ts, each naming its source) all run on Pier through node-postgres'
 * extended protocol, and what they report about a schema with a table, a view and comments is right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';
import { BI_CATALOG_QUERIES } from './bi/catalog_queries.js';

describe('BI tool catalog queries (Metabase, DBeaver)', () => {
  let pier: PierProcess;
  let client: pg.Client;
  const oids: Record<'schemaOid' | 'tableOid' | 'viewOid', string> = { schemaOid: '', tableOid: '', viewOid: '' };
  const results = new Map<string, pg.QueryResult>();
  beforeAll(async () => {
    pier = await startPier();
    client = await pier.client(); // values arrive as PostgreSQL's text output (no type parsers)
    await client.query('CREATE SCHEMA bi');
    await client.query('CREATE TABLE bi.orders (id bigint NOT NULL, amount numeric(10,2), placed date)');
    await client.query("INSERT INTO bi.orders VALUES (1, 9.50, '2024-01-02'), (2, 20.00, NULL)");
    await client.query('CREATE VIEW bi.big AS SELECT id, amount FROM bi.orders WHERE amount > 10');
    await client.query("COMMENT ON TABLE bi.orders IS 'one row per order'");
    await client.query("COMMENT ON COLUMN bi.orders.amount IS 'in euros'");
    const r = await client.query(`SELECT n.oid::bigint AS s, (SELECT oid FROM pg_class WHERE relname = 'orders' AND relnamespace = n.oid)::bigint AS t,
      (SELECT oid FROM pg_class WHERE relname = 'big' AND relnamespace = n.oid)::bigint AS v FROM pg_namespace n WHERE nspname = 'bi'`);
    Object.assign(oids, { schemaOid: r.rows[0].s, tableOid: r.rows[0].t, viewOid: r.rows[0].v });
    for (const q of BI_CATALOG_QUERIES) {
      try {
        results.set(q.what, await client.query(q.sql, (q.params ?? []).map((p) => oids[p])));
      } catch (e) {
        results.set(q.what, { error: (e as Error).message } as unknown as pg.QueryResult);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });

  it('runs every query without an error', () => {
    const failed = BI_CATALOG_QUERIES.filter((q) => 'error' in results.get(q.what)!).map((q) => `${q.tool} ${q.what}: ${(results.get(q.what) as unknown as { error: string }).error}`);
    expect(failed).toEqual([]);
  });

  it('Metabase sees the table and view with descriptions, columns with types and comments, no keys or indexes', () => {
    const rows = (what: string) => results.get(what)?.rows ?? [];
    expect(rows('describe-database: tables with descriptions and row estimates').map((r) => [r.schema, r.name, r.type, r.description])).toEqual([
      ['bi', 'orders', 'TABLE', 'one row per order'], ['bi', 'big', 'VIEW', null],
    ]);
    const fields = rows('describe-fields: columns, primary keys, comments (information_schema), then materialized views');
    expect(fields.filter((r) => r['table-name'] === 'orders').map((r) => [r.name, r['database-type'], r['database-position'], r['pk?'], r['field-comment'], r['database-required']])).toEqual([
      ['id', 'int8', '0', 'f', null, 't'], ['amount', 'numeric', '1', 'f', 'in euros', 'f'], ['placed', 'date', '2', 'f', null, 'f'],
    ]);
    const privileges = rows('table privileges of the current user').filter((r) => r.schema === 'bi');
    expect(privileges.map((r) => [r.table, r.select, r.insert, r.update, r.delete]).sort()).toEqual([
      ['big', 't', 't', 't', 't'], ['orders', 't', 't', 't', 't'],
    ]);
    expect(rows('describe-fks: foreign keys from pg_constraint')).toEqual([]);
    expect(rows('describe-indexes: first column of each unfiltered index')).toEqual([]);
  });

  it('DBeaver browses the schema: tables, columns, constraints, indexes, view definition', () => {
    const rows = (what: string) => results.get(what)?.rows ?? [];
    expect(rows('schemas with comments').map((r) => r.nspname)).toContain('bi');
    expect(rows('databases').map((r) => r.datname)).toEqual(['pier']);
    const tables = rows('tables and views of a schema, with parents and partition info');
    expect(tables.map((r) => [r.relname, r.relkind, r.description]).sort()).toEqual([['big', 'v', null], ['orders', 'r', 'one row per order']]);
    const columns = rows("columns of a schema's tables, with defaults and comments").filter((r) => r.relname === 'orders');
    expect(columns.map((r) => [r.attname, r.attnum, r.attnotnull, r.description])).toEqual([
      ['id', '1', 't', null], ['amount', '2', 'f', 'in euros'], ['placed', '3', 'f', null],
    ]);
    expect(rows('constraints of a table')).toEqual([]);
    expect(rows('indexes of a table')).toEqual([]);
    expect(String(rows('view definition')[0]?.pg_get_viewdef)).toMatch(/amount > 10/);
    expect(rows('data types').some((r) => r.typname === 'int4')).toBe(true);
  });
});
