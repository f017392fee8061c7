/**
 * Copy-on-write DML through the wire, checked in the Delta log: DELETE / UPDATE / MERGE / TRUNCATE rewrite
 * only the files holding affected rows (one commit of removes + adds, never a blind append), leave every other
 * file alone, drop wholly deleted files without rewriting them, report PostgreSQL's command tags, and record
 * Delta's operation names and metrics (also shown by DESCRIBE HISTORY).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';

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

interface Commit {
  readonly info: Record<string, unknown> & { operation: string; isBlindAppend: boolean; operationMetrics: Record<string, string> };
  readonly adds: { path: string; partitionValues: Record<string, string> }[];
  readonly removes: { path: string; partitionValues: Record<string, string>; dataChange: boolean; deletionTimestamp: number; size: number }[];
}

function logDir(table: string): string {
  return join(pier.warehouse, 'public', table, '_delta_log');
}

function lastCommit(table: string): Commit {
  const files = readdirSync(logDir(table)).filter((f) => /^\d{20}\.json$/.test(f)).sort();
  const lines = readFileSync(join(logDir(table), files.at(-1)!), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, never>);
  return {
    info: lines.find((l) => 'commitInfo' in l)!.commitInfo,
    adds: lines.filter((l) => 'add' in l).map((l) => l.add),
    removes: lines.filter((l) => 'remove' in l).map((l) => l.remove),
  };
}

function commitCount(table: string): number {
  return readdirSync(logDir(table)).filter((f) => /^\d{20}\.json$/.test(f)).length;
}

/** Active data files (add paths) by replaying the JSON log. */
function activeFiles(table: string): Set<string> {
  const live = new Set<string>();
  for (const f of readdirSync(logDir(table)).filter((x) => /^\d{20}\.json$/.test(x)).sort()) {
    for (const l of readFileSync(join(logDir(table), f), 'utf8').split('\n').filter((x) => x.trim() !== '')) {
      const a = JSON.parse(l) as { add?: { path: string }; remove?: { path: string } };
      if (a.add) live.add(a.add.path);
      if (a.remove) live.delete(a.remove.path);
    }
  }
  return live;
}

async function partitionedTable(name: string): Promise<void> {
  await c.query(`CREATE TABLE ${name} (id int, p text, v int) PARTITIONED BY (p)`);
  // one file per partition and insert: a has two files
  await c.query(`INSERT INTO ${name} VALUES (1, 'a', 10), (2, 'a', 20), (3, 'b', 30), (4, 'c', 40)`);
  await c.query(`INSERT INTO ${name} VALUES (5, 'a', 50)`);
}

describe('copy-on-write DML in the Delta log', () => {
  it('DELETE in one partition rewrites only the file holding the row', async () => {
    await partitionedTable('d1');
    const before = activeFiles('d1');
    const r = await c.query('DELETE FROM d1 WHERE p = $1 AND id = $2', ['a', 2]);
    expect(r.command).toBe('DELETE');
    expect(r.rowCount).toBe(1);
    const k = lastCommit('d1');
    expect(k.info.operation).toBe('DELETE');
    expect(k.info.isBlindAppend).toBe(false);
    expect(k.removes).toHaveLength(1);
    expect(k.removes[0]!.partitionValues).toEqual({ p: 'a' });
    expect(k.removes[0]!.dataChange).toBe(true);
    expect(k.removes[0]!.deletionTimestamp).toBeGreaterThan(0);
    expect(k.removes[0]!.size).toBeGreaterThan(0);
    expect(k.adds.map((a) => a.partitionValues)).toEqual([{ p: 'a' }]);
    expect(k.info.operationMetrics).toMatchObject({ numDeletedRows: '1', numRemovedFiles: '1', numAddedFiles: '1', numCopiedRows: '1' });
    // every other file is still active, untouched
    const after = activeFiles('d1');
    for (const f of before) if (f !== k.removes[0]!.path) expect(after.has(f)).toBe(true);
    expect((await c.query('SELECT id FROM d1 ORDER BY id')).rows.map((x) => Number(x.id))).toEqual([1, 3, 4, 5]);
  });

  it('DELETE of whole files removes them without writing any', async () => {
    await partitionedTable('d2');
    const r = await c.query(`DELETE FROM d2 WHERE p = 'a'`);
    expect(r.rowCount).toBe(3);
    const k = lastCommit('d2');
    expect(k.removes).toHaveLength(2);
    expect(k.adds).toHaveLength(0);
    expect(k.info.operationMetrics).toMatchObject({ numDeletedRows: '3', numRemovedFiles: '2', numAddedFiles: '0', numCopiedRows: '0' });
    const n = commitCount('d2');
    expect((await c.query(`DELETE FROM d2 WHERE p = 'zzz'`)).rowCount).toBe(0);
    expect(commitCount('d2')).toBe(n);
  });

  it('UPDATE in one partition rewrites that partition only; moving a row changes its partition', async () => {
    await partitionedTable('u1');
    const r = await c.query(`UPDATE u1 SET v = v + 1 WHERE p = 'b'`);
    expect(r.command).toBe('UPDATE');
    expect(r.rowCount).toBe(1);
    let k = lastCommit('u1');
    expect(k.info.operation).toBe('UPDATE');
    expect(k.removes.map((x) => x.partitionValues)).toEqual([{ p: 'b' }]);
    expect(k.info.operationMetrics).toMatchObject({ numUpdatedRows: '1', numCopiedRows: '0', numRemovedFiles: '1', numAddedFiles: '1' });
    await c.query(`UPDATE u1 SET p = 'c' WHERE id = 5`);
    k = lastCommit('u1');
    expect(k.removes.map((x) => x.partitionValues)).toEqual([{ p: 'a' }]);
    expect(k.adds.map((x) => x.partitionValues)).toEqual([{ p: 'c' }]);
    expect((await c.query(`SELECT id FROM u1 WHERE p = 'c' ORDER BY id`)).rows.map((x) => Number(x.id))).toEqual([4, 5]);
  });

  it('MERGE rewrites only the files whose key range the source touches', async () => {
    await c.query('CREATE TABLE m1 (id int, v int)');
    await c.query('INSERT INTO m1 SELECT g, 0 FROM generate_series(1, 100) g');
    await c.query('INSERT INTO m1 SELECT g, 0 FROM generate_series(101, 200) g');
    const before = activeFiles('m1');
    const r = await c.query('MERGE INTO m1 t USING (VALUES (150, 1), (300, 3)) s(id, v) ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)');
    expect(r.command).toBe('MERGE');
    expect(r.rowCount).toBe(2);
    const k = lastCommit('m1');
    expect(k.info.operation).toBe('MERGE');
    expect(k.removes).toHaveLength(1);
    expect(k.info.operationMetrics).toMatchObject({ numTargetRowsInserted: '1', numTargetRowsUpdated: '1', numTargetRowsDeleted: '0', numTargetFilesRemoved: '1', numTargetRowsCopied: '99' });
    const after = activeFiles('m1');
    expect([...before].filter((f) => after.has(f))).toHaveLength(1);
    expect((await c.query('SELECT sum(v) AS s, count(*) AS n FROM m1')).rows[0]).toEqual({ s: '4', n: '201' });
  });

  it('TRUNCATE removes every file in one commit; DESCRIBE HISTORY lists the operations', async () => {
    await partitionedTable('t1');
    const r = await c.query('TRUNCATE TABLE t1');
    expect(r.command).toBe('TRUNCATE');
    const k = lastCommit('t1');
    expect(k.info.operation).toBe('TRUNCATE');
    expect(k.removes).toHaveLength(4);
    expect((await c.query('SELECT count(*) AS n FROM t1')).rows[0].n).toBe('0');
    const h = await c.query('DESCRIBE HISTORY d1');
    expect(h.rows.map((x) => x.operation as string)).toContain('DELETE');
  });
});
