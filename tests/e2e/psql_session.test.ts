/**
 * The psql session, run with the real psql client against Pier and against a throwaway
 * PostgreSQL 15: the printed output (results, command tags, errors) must be the same, character for character.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, tempDir, type PierProcess } from '../support/pier.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres.js';

const script = readFileSync(join(import.meta.dirname, 'psql/session.sql'), 'utf8');
const hasPsql = spawnSync('psql', ['--version']).status === 0;

function runPsql(port: number, user: string, db: string, sql: string, host = '127.0.0.1'): string {
  const file = join(tempDir('pier-psql-'), 'script.sql');
  writeFileSync(file, sql);
  // stdout and stderr into one pipe, so errors stay in order with results
  const r = spawnSync('sh', ['-c', `psql -X -h ${host} -p ${port} -U ${user} -d ${db} -v ON_ERROR_STOP=0 -f ${file} 2>&1`], {
    encoding: 'utf8',
    env: { ...process.env, PGCONNECT_TIMEOUT: '10', PGTZ: 'UTC', PAGER: '' },
  });
  return r.stdout.replaceAll(file, 'script.sql');
}

describe.skipIf(!hasPsql)('psql session', () => {
  let pier: PierProcess;
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    pier = await startPier();
    postgres = postgresAvailable() ? await startPostgres() : null;
  });
  afterAll(async () => {
    await pier?.stop();
    await postgres?.stop();
  });

  it('prints what PostgreSQL 15 prints for the same session', async () => {
    const pierOut = runPsql(pier.port, 'pier', 'pier', script.replace('{{PARTITIONED_BY}}', ' PARTITIONED BY (day)'));
    if (postgres === null) {
      // no PostgreSQL on this machine: still check the session ran and rows came back
      expect(pierOut).toContain('INSERT 0 2');
      return;
    }
    const pgOut = runPsql(postgres.port, 'postgres', 'postgres', script.replace('{{PARTITIONED_BY}}', ''), postgres.host);
    expect(pierOut).toEqual(pgOut);
  });

  it('answers psql\'s catalog queries (\\d, \\dv, \\di, \\dT, \\df, comments) as PostgreSQL 15 does', () => {
    const sql = readFileSync(join(import.meta.dirname, 'psql/catalog_same.sql'), 'utf8');
    const pierOut = runPsql(pier.port, 'pier', 'pier', sql);
    expect(pierOut).toContain('things we sell');
    if (postgres === null) return;
    expect(pierOut).toEqual(runPsql(postgres.port, 'postgres', 'postgres', sql, postgres.host));
  });

  it('prints \\l \\dn \\dt \\du \\d+ \\dt+ as expected (owner is the Pier user, access method delta, Delta file sizes)', () => {
    // These differ from PostgreSQL by design, so they are compared with a reviewed expected file: the one database
    // is Pier's (owned by the connected user), tables use the "delta" access method and their size is the size
    // of the current version's data files.
    const sql = readFileSync(join(import.meta.dirname, 'psql/catalog_pier.sql'), 'utf8');
    const expected = readFileSync(join(import.meta.dirname, 'psql/catalog_pier.expected'), 'utf8');
    expect(runPsql(pier.port, 'pier', 'pier', sql)).toEqual(expected);
  });

  it('leaves a Delta table on disk with partition folders, stats and one commit per statement', () => {
    const table = join(pier.warehouse, 'sales', 'orders');
    const log = join(table, '_delta_log');
    const commits = readdirSync(log).filter((f) => f.endsWith('.json')).sort();
    expect(commits.slice(0, 3)).toEqual(['00000000000000000000.json', '00000000000000000001.json', '00000000000000000002.json']);
    const v0 = readFileSync(join(log, commits[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const meta = v0.find((a) => a.metaData)!.metaData;
    expect(meta.partitionColumns).toEqual(['day']);
    const schema = JSON.parse(meta.schemaString);
    expect(schema.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([
      ['id', 'long'], ['customer', 'string'], ['amount', 'decimal(12,2)'], ['ordered_at', 'timestamp_ntz'], ['day', 'date'],
    ]);
    expect(v0.some((a) => a.protocol)).toBe(true);
    expect(v0.some((a) => a.commitInfo?.operation === 'CREATE TABLE')).toBe(true);
    const v1 = readFileSync(join(log, commits[1]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const adds = v1.filter((a) => a.add).map((a) => a.add);
    expect(adds.map((a) => a.partitionValues.day).sort()).toEqual(['2024-01-01', '2024-01-02']);
    for (const add of adds) {
      expect(add.path).toMatch(/^day=2024-01-0[12]\/part-.*\.snappy\.parquet$/);
      expect(existsSync(join(table, decodeURIComponent(add.path)))).toBe(true);
      const stats = JSON.parse(add.stats);
      expect(stats.numRecords).toBe(1);
      expect(Object.keys(stats.minValues)).toContain('id');
      expect(stats.nullCount).toHaveProperty('amount');
    }
  });

  it('queries Parquet files in place with read_parquet and imports them with CREATE TABLE AS', async () => {
    const c = await pier.client();
    try {
      const files = join(pier.warehouse, 'sales', 'customers', '*.parquet');
      const r = await c.query(`SELECT * FROM read_parquet('${files}') ORDER BY name LIMIT 5`);
      expect(r.rows).toEqual([{ name: 'ann', city: 'Oslo' }, { name: 'bob', city: 'Lima' }]);
      const copied = await c.query(`CREATE TABLE sales.imported AS SELECT * FROM read_parquet('${files}')`);
      expect(copied.command).toBe('SELECT');
      expect(copied.rowCount).toBe(2);
      const back = await c.query('SELECT city FROM sales.imported ORDER BY city');
      expect(back.rows.map((x) => x.city)).toEqual(['Lima', 'Oslo']);
    } finally {
      await c.end();
    }
  });
});
