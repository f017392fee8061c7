/**
 * TxCatalog over a real DeltaCatalog: appends and changes are staged (the Delta log does not move), the
 * block's snapshot overlays them (partition values and stats of staged files typed like committed ones),
 * savepoints cut the log, COMMIT makes one commit per changed table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeltaCatalog } from '../../../catalog/delta_catalog.js';
import { TxCatalog } from '../../../catalog/transaction/tx_catalog.js';
import type { Table } from '../../../catalog/catalog.js';
import { T, type Field } from '../../../common/types.js';
import { vectorFromDatums, type Batch } from '../../../common/vector.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';

const FIELDS: Field[] = [
  { name: 'id', type: T.int4, nullable: true },
  { name: 'day', type: T.text, nullable: true },
];
const ref = { schema: 'public', name: 'events' };

async function* batches(ids: number[], day: string): AsyncGenerator<Batch> {
  yield { length: ids.length, columns: [vectorFromDatums(T.int4, ids), vectorFromDatums(T.text, ids.map(() => day))] };
}

let dir: string;
let base: DeltaCatalog;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pier-tx-'));
  base = new DeltaCatalog(new LocalObjectStore(dir));
  await base.createTable({ ref, fields: FIELDS, partitionColumns: ['day'], ifNotExists: false });
  await (await base.getTable(ref))!.append(batches([1, 2], 'mon'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const table = async (c: TxCatalog | DeltaCatalog): Promise<Table> => (await c.getTable(ref))!;

describe('TxCatalog', () => {
  it('stages appends: the block sees typed staged files, the warehouse does not move until COMMIT', async () => {
    const tx = new TxCatalog(base);
    const t = await table(tx);
    const res = await t.append(batches([3], 'tue'));
    expect(res.rows).toBe(1);
    const seen = await t.snapshot();
    expect(seen.version).toBe(1);
    expect(seen.files).toHaveLength(2);
    const added = seen.files.find((f) => f.partitionValues['day'] === 'tue')!;
    expect(added.stats?.numRecords).toBe(1);
    expect(added.stats?.min['id']).toBe(3);
    expect((await (await table(base)).snapshot()).files).toHaveLength(1);
    await tx.state.commit();
    const after = await (await table(base)).snapshot();
    expect(after.version).toBe(2);
    expect(after.files.map((f) => f.partitionValues['day']).sort()).toEqual(['mon', 'tue']);
  });

  it('ROLLBACK TO a savepoint drops the changes after it; a removed staged file is never committed', async () => {
    const tx = new TxCatalog(base);
    const t = await table(tx);
    await t.append(batches([3], 'tue'));
    tx.state.savepoint('s');
    const snap = await t.snapshot();
    await t.commitChange!({ readVersion: snap.version, removes: snap.files.map((f) => f.path), adds: [], operation: 'DELETE' });
    expect((await t.snapshot()).files).toHaveLength(0);
    await tx.state.rollbackTo('s');
    expect((await t.snapshot()).files).toHaveLength(2);
    // remove only the staged file: the commit is then a rewrite with nothing to add or remove
    const staged = (await t.snapshot()).files.find((f) => f.partitionValues['day'] === 'tue')!;
    await t.commitChange!({ readVersion: 1, removes: [staged.path], adds: [], operation: 'DELETE' });
    await tx.state.commit();
    expect((await (await table(base)).snapshot()).version).toBe(1);
  });

  it('rolls back: nothing committed, nothing staged afterwards', async () => {
    const tx = new TxCatalog(base);
    await (await table(tx)).append(batches([9], 'wed'));
    expect(tx.state.hasStaged()).toBe(true);
    await tx.state.rollback();
    expect(tx.state.hasStaged()).toBe(false);
    expect((await (await table(base)).snapshot()).version).toBe(1);
  });
});
