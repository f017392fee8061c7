/**
 * Shared by the interop tests: the tables Pier writes for other engines to read (plain, partitioned by several
 * types, > 10 commits, after ADD / RENAME / DROP COLUMN, with CHECK constraints, timestamp without time zone),
 * and running tests/interop/read_delta.py with an engine.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { REPO_ROOT } from '../support/pier.js';
import { runPython } from '../support/python.js';

export const READER = readFileSync(join(REPO_ROOT, 'tests/interop/read_delta.py'), 'utf8');
/** Spark's Maven jars (delta-spark) are cached here; .ci/run warms it. */
export const IVY_DIR = join(REPO_ROOT, '.ivy2');

export interface TableRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}
export type EngineRows = Readonly<Record<string, TableRows>>;

export const PIER_TABLES = ['plain', 'parted', 'many', 'added', 'evolved', 'checked', 'ntz'] as const;
/** tables that use column mapping (RENAME / DROP COLUMN): delta-rs 1.2 cannot read them (no columnMapping reader support) */
export const COLUMN_MAPPED: readonly string[] = ['evolved'];

export async function writePierTables(client: pg.Client): Promise<void> {
  const run = async (sql: string): Promise<void> => { await client.query(sql); };
  await run(`CREATE TABLE plain (i int, l bigint, s text, d double precision, b boolean, dt date, ts timestamptz, n numeric(10,2), sm smallint)`);
  await run(`INSERT INTO plain VALUES
    (1, 10000000000, 'one', 1.5, true, '2024-01-01', '2024-01-01 10:00:00+00', 12.34, 7),
    (2, -5, 'två ☃', -0.25, false, '1999-12-31', '2024-06-30 23:59:59.123456+00', -0.01, -3),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  await run(`CREATE TABLE parted (id int, v text, p_int int, p_str text, p_date date) PARTITIONED BY (p_int, p_str, p_date)`);
  await run(`INSERT INTO parted VALUES
    (1, 'a', 1, 'x', '2024-01-01'), (2, 'b', 1, 'x', '2024-01-01'), (3, 'c', 2, 'a b/c=d', '2024-02-29'),
    (4, 'd', NULL, 'é%', NULL), (5, NULL, -7, NULL, '1970-01-01')`);
  await run(`CREATE TABLE many (id int, v text) PARTITIONED BY (v)`);
  for (let i = 0; i < 12; i++) await run(`INSERT INTO many VALUES (${i}, 'v${i % 3}'), (${i + 100}, 'w')`);
  await run(`CREATE TABLE added (a int, b text)`);
  await run(`INSERT INTO added VALUES (1, 'one')`);
  await run(`ALTER TABLE added ADD COLUMN c numeric(6,1)`);
  await run(`INSERT INTO added VALUES (2, 'two', 2.5)`);
  await run(`ALTER TABLE added ADD COLUMNS (d date COMMENT 'a day', e bigint)`);
  await run(`INSERT INTO added VALUES (3, 'three', NULL, '2024-05-05', 3)`);
  await run(`CREATE TABLE evolved (a int, b text, c double precision)`);
  await run(`INSERT INTO evolved VALUES (1, 'one', 1.0)`);
  await run(`ALTER TABLE evolved ADD COLUMN e bigint`);
  await run(`INSERT INTO evolved VALUES (2, 'two', 2.0, 20)`);
  await run(`ALTER TABLE evolved RENAME COLUMN b TO bb`);
  await run(`INSERT INTO evolved VALUES (3, 'three', 3.0, 30)`);
  await run(`ALTER TABLE evolved DROP COLUMN c`);
  await run(`INSERT INTO evolved VALUES (4, 'four', 40)`);
  await run(`ALTER TABLE evolved ADD COLUMNS (f string COMMENT 'added after the drop')`);
  await run(`INSERT INTO evolved VALUES (5, 'five', 50, 'f5')`);
  await run(`CREATE TABLE checked (a int NOT NULL CHECK (a > 0), b text)`);
  await run(`INSERT INTO checked VALUES (1, 'x'), (2, NULL)`);
  await run(`ALTER TABLE checked ADD CONSTRAINT b_short CHECK (length(b) < 5)`);
  await run(`INSERT INTO checked VALUES (3, 'y')`);
  await run(`CREATE TABLE ntz (id int, t timestamp)`);
  await run(`INSERT INTO ntz VALUES (1, '2024-03-10 02:30:00'), (2, NULL), (3, '1900-01-01 00:00:00.5')`);
}

export function tableSpecs(warehouse: string, names: readonly string[], schema = 'public'): { name: string; path: string }[] {
  return names.map((name) => ({ name, path: join(warehouse, schema, name) }));
}

export async function readWith(engine: 'pier' | 'deltalake' | 'duckdb' | 'spark', spec: Record<string, unknown>, timeoutMs = 120_000): Promise<EngineRows> {
  const res = await runPython(READER, [engine, JSON.stringify(spec)], { timeoutMs, env: { TZ: 'UTC' } });
  const last = res.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as EngineRows;
}
