import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeltaCatalog } from '../../../catalog/delta_catalog.js';
import type { Table } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';
import { vectorFromDatums, type Batch } from '../../../common/vector.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { readParquetTables } from '../../../storage/parquet/read.js';
import { listLog, readCommit } from '../../../storage/delta/replay.js';
import { optimizeTable } from '../../../storage/delta/operations/optimize.js';
import { vacuumTable, VacuumError } from '../../../storage/delta/operations/vacuum.js';

let dir: string;
let store: LocalObjectStore;
let table: Table;

async function* rows(ks: number[]): AsyncIterable<Batch> {
  yield { length: ks.length, columns: [vectorFromDatums(T.int4, ks), vectorFromDatums(T.text, ks.map((k) => `v${k}`))] };
}

async function scanCount(version?: number): Promise<number> {
  const snap = await table.snapshot(version);
  let n = 0;
  for (const f of snap.files) for (const t of await readParquetTables(snap.store, f.path)) n += t.numRows;
  return n;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pier-vacuum-'));
  store = new LocalObjectStore(dir);
  const catalog = new DeltaCatalog(store);
  await catalog.createSchema('s', true);
  table = (await catalog.createTable({ ref: { schema: 's', name: 't' }, fields: [{ name: 'k', type: T.int4, nullable: true }, { name: 'v', type: T.text, nullable: true }], partitionColumns: [], ifNotExists: false }))!;
  await table.append(rows([1, 2]));
  await table.append(rows([3]));
  await table.append(rows([4, 5, 6]));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('VACUUM over a real table', () => {
  it('keeps what versions inside the window need, deletes the rest, records VACUUM START/END', async () => {
    const path = table.deltaLocation!().path;
    const t0 = Date.now();
    const opt = await optimizeTable(store, path);
    expect(opt.metrics.numFilesRemoved).toBe(3);
    expect(opt.metrics.numFilesAdded).toBe(1);
    expect(await scanCount()).toBe(6);

    // default retention: the files OPTIMIZE removed a moment ago stay; version 2 still scans
    expect((await vacuumTable(store, path, { dryRun: true })).files).toEqual([]);
    expect((await vacuumTable(store, path)).files).toEqual([]);
    expect(await scanCount(2)).toBe(3);

    // a stray file of a write that never committed, old enough
    await store.put(`${path}/part-stray.parquet`, new Uint8Array([1, 2, 3]));
    expect((await vacuumTable(store, path, { retentionHours: 0, retentionCheck: false, dryRun: true, now: () => t0 })).files).toEqual([]);

    await expect(vacuumTable(store, path, { retentionHours: 1 })).rejects.toBeInstanceOf(VacuumError);
    const dry = await vacuumTable(store, path, { retentionHours: 0, retentionCheck: false, dryRun: true, now: () => Date.now() + 1000 });
    expect(dry.files.length).toBe(4);
    expect(dry.files).toContain(`${path}/part-stray.parquet`);
    const real = await vacuumTable(store, path, { retentionHours: 0, retentionCheck: false, now: () => Date.now() + 1000 });
    expect([...real.files].sort()).toEqual([...dry.files].sort());
    for (const f of real.files) expect(await store.head(f)).toBeNull();

    // the current version still reads; the old one's files are gone
    expect(await scanCount()).toBe(6);
    await expect(scanCount(2)).rejects.toThrow();

    const log = await listLog(store, path);
    const ops = [];
    for (const c of log.commits) for (const a of await readCommit(store, c)) if (a.kind === 'commitInfo') ops.push(a.commitInfo);
    const names = ops.map((c) => c.operation);
    expect(names.slice(-2)).toEqual(['VACUUM START', 'VACUUM END']);
    expect(names).toContain('OPTIMIZE');
    const end = ops[ops.length - 1]!;
    expect(end.operationMetrics).toMatchObject({ numDeletedFiles: '4' });
    const optCommit = ops.find((c) => c.operation === 'OPTIMIZE')!;
    expect(optCommit.operationParameters).toMatchObject({ predicate: '[]', zOrderBy: '[]' });
    expect(optCommit.operationMetrics).toMatchObject({ numRemovedFiles: '3', numAddedFiles: '1' });
  });

  it('OPTIMIZE commits dataChange=false removes and adds, and commits over a concurrent append', async () => {
    const path = table.deltaLocation!().path;
    const appended = optimizeTable(store, path, { writeFiles: undefined });
    await table.append(rows([7]));
    const res = await appended;
    expect(res.version).not.toBeNull();
    expect(await scanCount()).toBe(7);
    const log = await listLog(store, path);
    const last = await readCommit(store, log.commits.find((c) => c.version === res.version)!);
    for (const a of last) {
      if (a.kind === 'add') expect(a.add.dataChange).toBe(false);
      if (a.kind === 'remove') expect(a.remove.dataChange).toBe(false);
    }
  });
});
