/**
 * Lakehouse table history through the wire: DESCRIBE HISTORY / DETAIL columns and values, RESTORE (and its
 * error when a file of the target version was deleted), CONVERT TO DELTA of a folder of Parquet files, and
 * checkpoints Pier writes read by delta-rs (deltalake) with the early JSON commits deleted.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, tempDir, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, PYTHON_SKIP_MESSAGE, pythonHasModule, runPython } from '../support/python.js';

const HAVE_DELTALAKE = HAVE_TEST_PYTHON && (await pythonHasModule('deltalake'));

let pier: PierProcess;
let c: pg.Client;
beforeAll(async () => {
  pier = await startPier();
  c = await pier.client();
});
afterAll(async () => {
  await c?.end();
  await pier?.stop();
});

function parquetFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.parquet') && !p.startsWith('_delta_log'));
}

describe('DESCRIBE HISTORY / DETAIL and RESTORE', () => {
  it('lists commits newest first with their operations, parameters and metrics', async () => {
    await c.query(`CREATE TABLE h (id int, g text) PARTITIONED BY (g) TBLPROPERTIES ('delta.appendOnly' = 'false')`);
    await c.query(`INSERT INTO h VALUES (1, 'a'), (2, 'b')`);
    await c.query(`INSERT INTO h VALUES (3, 'a')`);
    const restore = await c.query('RESTORE TABLE h TO VERSION AS OF 1');
    expect(restore.rows).toEqual([expect.objectContaining({ num_of_files_after_restore: '2', num_removed_files: '1', num_restored_files: '0' })]);
    expect((await c.query('SELECT id FROM h ORDER BY id')).rows.map((r) => r.id)).toEqual(['1', '2']);

    const h = await c.query('DESCRIBE HISTORY h');
    expect(h.fields.map((f) => f.name)).toEqual(['version', 'timestamp', 'userId', 'userName', 'operation', 'operationParameters', 'job', 'notebook', 'clusterId', 'readVersion', 'isolationLevel', 'isBlindAppend', 'operationMetrics', 'userMetadata', 'engineInfo']);
    expect(h.rows.map((r) => [r.version, r.operation, r.readVersion, r.isBlindAppend])).toEqual([
      ['3', 'RESTORE', '2', 'f'], ['2', 'WRITE', '1', 't'], ['1', 'WRITE', '0', 't'], ['0', 'CREATE TABLE', null, 't'],
    ]);
    expect(JSON.parse(h.rows[0].operationParameters)).toEqual({ version: '1' });
    expect(JSON.parse(h.rows[0].operationMetrics)).toMatchObject({ numRemovedFiles: '1', numRestoredFiles: '0', numOfFilesAfterRestore: '2' });
    expect(JSON.parse(h.rows[1].operationMetrics)).toMatchObject({ numFiles: '1', numOutputRows: '1' });
    expect(JSON.parse(h.rows[2].operationParameters)).toEqual({ mode: 'Append', partitionBy: '["g"]' });
    expect(h.rows[0].engineInfo).toMatch(/^Pier\//);
    expect(new Date(h.rows[0].timestamp).getTime()).toBeGreaterThanOrEqual(new Date(h.rows[1].timestamp).getTime());
    const limited = await c.query('DESCRIBE HISTORY h LIMIT 2');
    expect(limited.rows.map((r) => r.version)).toEqual(['3', '2']);

    const d = await c.query('DESCRIBE DETAIL h');
    expect(d.rows).toHaveLength(1);
    expect(d.rows[0]).toMatchObject({
      format: 'delta', name: 'public.h', partitionColumns: '{g}', clusteringColumns: '{}', numFiles: '2',
      minReaderVersion: '1', minWriterVersion: '2', tableFeatures: '{appendOnly,invariants}',
    });
    expect(JSON.parse(d.rows[0].properties)).toEqual({ 'delta.appendOnly': 'false' });
    expect(d.rows[0].location).toMatch(/^file:\/\/.*\/public\/h$/);
  });

  it('fails to restore a version whose files were deleted', async () => {
    await c.query('CREATE TABLE gone (id int)');
    await c.query('INSERT INTO gone VALUES (1)');
    await c.query('RESTORE gone TO VERSION AS OF 0');
    expect((await c.query('SELECT count(*) AS n FROM gone')).rows).toEqual([{ n: '0' }]);
    const dir = join(pier.warehouse, 'public', 'gone');
    for (const f of parquetFiles(dir)) rmSync(join(dir, f));
    await expect(c.query('RESTORE TABLE gone TO VERSION AS OF 1')).rejects.toMatchObject({ code: '58P01', message: expect.stringContaining('cannot be found') });
    await expect(c.query('RESTORE TABLE gone TO VERSION AS OF 5')).rejects.toMatchObject({ code: '22023', message: 'Cannot time travel Delta table to version 5. Available versions: [0, 2].' });
  });
});

describe('TIMESTAMP AS OF', () => {
  it('reads the latest version committed at or before the timestamp, in FROM and in RESTORE', async () => {
    await c.query('CREATE TABLE ts (id int)');
    for (let i = 1; i <= 3; i++) {
      await c.query(`INSERT INTO ts VALUES (${i})`);
      await new Promise((r) => setTimeout(r, 5)); // distinct commit timestamps
    }
    await c.query(`SET TIME ZONE 'UTC'`);
    const h = await c.query(`DESCRIBE HISTORY ts`);
    const at = new Map(h.rows.map((r) => [Number(r.version), r.timestamp as string]));
    const count = async (sql: string): Promise<string> => (await c.query(sql)).rows[0].n;
    expect(await count(`SELECT count(*) AS n FROM ts TIMESTAMP AS OF '${at.get(2)}'`)).toBe('2');
    expect(await count(`SELECT count(*) AS n FROM ts TIMESTAMP AS OF '${at.get(2)}'::timestamptz + interval '1 millisecond'`)).toBe('2');
    expect(await count(`SELECT count(*) AS n FROM ts FOR SYSTEM_TIME AS OF timestamptz '${at.get(1)}'`)).toBe('1');
    const compact = (at.get(3)!).replace(/[-: .]|\+00$/g, '').padEnd(17, '0');
    expect(await count(`SELECT count(*) AS n FROM ts@${compact}`)).toBe('3');
    await c.query(`RESTORE TABLE ts TO TIMESTAMP AS OF '${at.get(1)}'`);
    expect((await c.query('SELECT id FROM ts')).rows).toEqual([{ id: '1' }]);
    const restore = (await c.query('DESCRIBE HISTORY ts LIMIT 1')).rows[0];
    expect(restore.operation).toBe('RESTORE');
    expect(Object.keys(JSON.parse(restore.operationParameters))).toEqual(['timestamp']);
    await c.query(`RESET TIME ZONE`);
  });

  it('reads tables whose early commits were cleaned up from the checkpoint, and says which versions remain', async () => {
    await c.query(`CREATE TABLE cl (id int) TBLPROPERTIES ('delta.checkpointInterval' = '2')`);
    for (let i = 1; i <= 3; i++) await c.query(`INSERT INTO cl VALUES (${i})`);
    const log = join(pier.warehouse, 'public', 'cl', '_delta_log');
    expect(readdirSync(log)).toContain('00000000000000000002.checkpoint.parquet');
    rmSync(join(log, '00000000000000000000.json'));
    rmSync(join(log, '00000000000000000001.json'));
    expect((await c.query('SELECT sum(id) AS s FROM cl')).rows).toEqual([{ s: '6' }]);
    expect((await c.query('SELECT sum(id) AS s FROM cl VERSION AS OF 2')).rows).toEqual([{ s: '3' }]);
    await expect(c.query('SELECT * FROM cl VERSION AS OF 1')).rejects.toMatchObject({ code: '22023', message: 'Cannot time travel Delta table to version 1. Available versions: [2, 3].' });
    expect((await c.query('DESCRIBE HISTORY cl')).rows.map((r) => r.version)).toEqual(['3', '2']);
  });
});

describe('CONVERT TO DELTA', () => {
  it('turns a folder of Hive-partitioned Parquet files into a table, with stats from the footers', async () => {
    await c.query('CREATE TABLE src (id int, name text, g text) PARTITIONED BY (g)');
    await c.query(`INSERT INTO src VALUES (1, 'one', 'x'), (2, 'two', 'y'), (3, NULL, 'y')`);
    const srcDir = join(pier.warehouse, 'public', 'src');
    const conv = join(pier.warehouse, 'public', 'conv');
    for (const f of parquetFiles(srcDir)) {
      mkdirSync(join(conv, f, '..'), { recursive: true });
      cpSync(join(srcDir, f), join(conv, f));
    }
    await expect(c.query(`CONVERT TO DELTA parquet.\`${conv}\``)).rejects.toMatchObject({ code: '22023', message: expect.stringContaining('partition') });
    await c.query(`CONVERT TO DELTA parquet.\`${conv}\` PARTITIONED BY (g string)`);
    expect((await c.query('SELECT id, name, g FROM conv ORDER BY id')).rows).toEqual([
      { id: '1', name: 'one', g: 'x' }, { id: '2', name: 'two', g: 'y' }, { id: '3', name: null, g: 'y' },
    ]);
    const log = readFileSync(join(conv, '_delta_log', '00000000000000000000.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log[0].commitInfo).toMatchObject({ operation: 'CONVERT', operationParameters: { numFiles: '2', partitionedBy: '["g"]', collectStats: 'true' } });
    const adds = log.filter((a) => a.add).map((a) => a.add);
    const y = adds.find((a) => a.partitionValues.g === 'y');
    expect(JSON.parse(y.stats)).toEqual({ numRecords: 2, minValues: { id: 2, name: 'two' }, maxValues: { id: 3, name: 'two' }, nullCount: { id: 0, name: 1 } });
    await expect(c.query(`CONVERT TO DELTA parquet.'${conv}'`)).rejects.toMatchObject({ code: '42P07', message: expect.stringContaining('already a Delta table') });
  });

  it('converts a folder outside the warehouse, which CREATE TABLE … LOCATION then registers', async () => {
    await c.query('CREATE TABLE ext_src (x bigint, y double precision)');
    await c.query('INSERT INTO ext_src VALUES (1, 0.5), (2, NULL)');
    const dir = tempDir('pier-conv-ext-');
    const srcDir = join(pier.warehouse, 'public', 'ext_src');
    for (const f of parquetFiles(srcDir)) cpSync(join(srcDir, f), join(dir, f));
    await c.query(`CONVERT TO DELTA parquet.\`${dir}\``);
    await c.query(`CREATE TABLE ext LOCATION '${dir}'`);
    expect((await c.query('SELECT x, y FROM ext ORDER BY x')).rows).toEqual([{ x: '1', y: '0.5' }, { x: '2', y: null }]);
    expect((await c.query('DESCRIBE ext')).rows).toEqual([{ col_name: 'x', data_type: 'bigint', comment: null }, { col_name: 'y', data_type: 'double', comment: null }]);
    expect((await c.query('DESCRIBE HISTORY ext')).rows.map((r) => r.operation)).toEqual(['CONVERT']);
    // the same log by path
    expect((await c.query(`DESCRIBE HISTORY delta.\`${dir}\``)).rows.map((r) => r.operation)).toEqual(['CONVERT']);
    expect((await c.query(`DESCRIBE DETAIL '${dir}'`)).rows[0]).toMatchObject({ name: null, location: dir, numFiles: '1' });
    await expect(c.query(`DESCRIBE HISTORY '${tempDir('pier-not-delta-')}'`)).rejects.toMatchObject({ code: '42P01' });
  });

  it('rejects folders without Parquet files and files with different schemas', async () => {
    const empty = tempDir('pier-conv-empty-');
    await expect(c.query(`CONVERT TO DELTA parquet.\`${empty}\``)).rejects.toMatchObject({ code: '58P01' });
    await c.query('CREATE TABLE s1 (a int)');
    await c.query('INSERT INTO s1 VALUES (1)');
    await c.query('CREATE TABLE s2 (a text)');
    await c.query(`INSERT INTO s2 VALUES ('x')`);
    const mixed = tempDir('pier-conv-mixed-');
    for (const t of ['s1', 's2']) {
      const dir = join(pier.warehouse, 'public', t);
      for (const f of parquetFiles(dir)) cpSync(join(dir, f), join(mixed, `${t}-${f}`));
    }
    await expect(c.query(`CONVERT TO DELTA '${mixed}'`)).rejects.toMatchObject({ code: '42804', message: expect.stringContaining('incompatible schemas') });
  });
});

describe('checkpoints read by delta-rs', () => {
  it.skipIf(!HAVE_DELTALAKE)(`reads the table from Pier's checkpoint after the early commits are gone${HAVE_DELTALAKE ? '' : ` (skipped: ${PYTHON_SKIP_MESSAGE})`}`, async () => {
    await c.query(`CREATE TABLE ck (id int, g text, d date) PARTITIONED BY (g) TBLPROPERTIES ('delta.checkpointInterval' = '3')`);
    for (let i = 1; i <= 4; i++) await c.query(`INSERT INTO ck VALUES (${i}, ${i % 2 === 0 ? 'NULL' : `'odd'`}, DATE '2024-01-0${i}')`);
    const copy = join(tempDir('pier-ckpt-'), 'ck');
    cpSync(join(pier.warehouse, 'public', 'ck'), copy, { recursive: true });
    expect(readdirSync(join(copy, '_delta_log'))).toContain('00000000000000000003.checkpoint.parquet');
    for (let v = 0; v < 3; v++) rmSync(join(copy, '_delta_log', `${String(v).padStart(20, '0')}.json`));
    const { stdout } = await runPython([
      'import sys, json',
      'from deltalake import DeltaTable',
      't = DeltaTable(sys.argv[1])',
      'rows = sorted(t.to_pyarrow_table().to_pylist(), key=lambda r: r["id"])',
      'print(json.dumps({"version": t.version(), "rows": rows, "partitions": t.metadata().partition_columns}, default=str))',
    ].join('\n'), [copy]);
    expect(JSON.parse(stdout)).toEqual({
      version: 4,
      partitions: ['g'],
      rows: [
        { id: 1, g: 'odd', d: '2024-01-01' }, { id: 2, g: null, d: '2024-01-02' },
        { id: 3, g: 'odd', d: '2024-01-03' }, { id: 4, g: null, d: '2024-01-04' },
      ],
    });
  });
});
