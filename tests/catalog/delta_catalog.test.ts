import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeltaCatalog } from '../../catalog/delta_catalog.js';
import { QueryError } from '../../common/errors.js';
import { T, numericType, type Field } from '../../common/types.js';
import { vectorFromDatums, type Batch } from '../../common/vector.js';
import { LocalObjectStore } from '../../storage/object_store/local.js';

let dir: string;
let catalog: DeltaCatalog;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pier-catalog-'));
  catalog = new DeltaCatalog(new LocalObjectStore(dir));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ORDERS: Field[] = [
  { name: 'id', type: T.int8, nullable: false },
  { name: 'customer', type: T.text, nullable: true },
  { name: 'amount', type: numericType(12, 2), nullable: true },
  { name: 'day', type: T.date, nullable: true },
];

function ordersBatch(ids: (bigint | null)[], days: number[]): Batch {
  return {
    length: ids.length,
    columns: [
      vectorFromDatums(T.int8, ids),
      vectorFromDatums(T.text, ids.map((i) => (i === null ? null : `c${i}`))),
      vectorFromDatums(numericType(12, 2), ids.map((i) => (i === null ? null : { unscaled: i * 100n + 50n, scale: 2 }))),
      vectorFromDatums(T.date, days),
    ],
  };
}

async function* stream(...batches: Batch[]): AsyncGenerator<Batch> {
  yield* batches;
}

async function expectError(p: Promise<unknown>, sqlstate: string, message: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).sqlstate).toBe(sqlstate);
    expect((e as QueryError).message).toBe(message);
    return;
  }
  throw new Error('expected an error');
}

async function filesUnder(p: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(p, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(p.length + 1));
  }
  return out.sort();
}

describe('DeltaCatalog: schemas', () => {
  it('has public from the start and records created schemas on disk', async () => {
    expect(await catalog.listSchemas()).toEqual(['public']);
    expect(await catalog.schemaExists('public')).toBe(true);
    expect(await catalog.createSchema('sales', false)).toBe(true);
    expect(await catalog.schemaExists('sales')).toBe(true);
    expect(await catalog.listSchemas()).toEqual(['public', 'sales']);
    await expectError(catalog.createSchema('sales', false), '42P06', 'schema "sales" already exists');
    expect(await catalog.createSchema('sales', true)).toBe(false);
    // an empty schema survives a restart
    const again = new DeltaCatalog(new LocalObjectStore(dir));
    expect(await again.listSchemas()).toEqual(['public', 'sales']);
  });

  it('drops schemas: missing → 3F000, non-empty → 2BP01 unless CASCADE', async () => {
    await expectError(catalog.dropSchema('nope', false, false), '3F000', 'schema "nope" does not exist');
    expect(await catalog.dropSchema('nope', true, false)).toBe(false);
    await catalog.createSchema('s', false);
    await catalog.createTable({ ref: { schema: 's', name: 't' }, fields: ORDERS, partitionColumns: [], ifNotExists: false });
    await expectError(catalog.dropSchema('s', false, false), '2BP01', 'cannot drop schema s because other objects depend on it');
    expect(await catalog.dropSchema('s', false, true)).toBe(true);
    expect(await catalog.schemaExists('s')).toBe(false);
    expect(await catalog.getTable({ schema: 's', name: 't' })).toBeNull();
    expect(await new DeltaCatalog(new LocalObjectStore(dir)).listSchemas()).toEqual(['public']);
  });
});

describe('DeltaCatalog: tables', () => {
  it('creates a Delta table with version 0 on disk, and refuses duplicates', async () => {
    await catalog.createSchema('sales', false);
    const t = await catalog.createTable({ ref: { schema: 'sales', name: 'orders' }, fields: ORDERS, partitionColumns: ['day'], ifNotExists: false });
    expect(t).not.toBeNull();
    const log = await readFile(join(dir, 'sales/orders/_delta_log/00000000000000000000.json'), 'utf8');
    const actions = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const meta = actions.find((a) => a.metaData)!.metaData;
    expect(meta.partitionColumns).toEqual(['day']);
    expect(JSON.parse(meta.schemaString).fields.map((f: { name: string }) => f.name)).toEqual(['id', 'customer', 'amount', 'day']);
    expect(actions.some((a) => a.protocol)).toBe(true);
    expect(actions.some((a) => a.commitInfo)).toBe(true);
    await expectError(catalog.createTable({ ref: { schema: 'sales', name: 'orders' }, fields: ORDERS, partitionColumns: [], ifNotExists: false }), '42P07', 'relation "orders" already exists');
    expect(await catalog.createTable({ ref: { schema: 'sales', name: 'orders' }, fields: ORDERS, partitionColumns: [], ifNotExists: true })).toBeNull();
    await expectError(catalog.createTable({ ref: { schema: 'nope', name: 'x' }, fields: ORDERS, partitionColumns: [], ifNotExists: false }), '3F000', 'schema "nope" does not exist');
    expect(await catalog.listTables('sales')).toEqual(['orders']);
    const snap = await t!.snapshot();
    expect(snap.version).toBe(0);
    expect(snap.fields).toEqual(ORDERS);
    expect(snap.partitionColumns).toEqual(['day']);
    expect(snap.files).toEqual([]);
  });

  it('appends batches as partitioned data files with stats, visible after a restart', async () => {
    const t = (await catalog.createTable({ ref: { schema: 'public', name: 'orders' }, fields: ORDERS, partitionColumns: ['day'], ifNotExists: false }))!;
    const res = await t.append(stream(ordersBatch([1n, 2n], [19723, 19724]), ordersBatch([3n], [19723])));
    expect(res).toEqual({ rows: 3, version: 1 });
    const files = await filesUnder(join(dir, 'public/orders'));
    expect(files.filter((f) => f.endsWith('.parquet')).every((f) => /^day=2024-01-0[12]\//.test(f))).toBe(true);
    expect(files).toContain('_delta_log/00000000000000000001.json');

    const again = new DeltaCatalog(new LocalObjectStore(dir));
    const t2 = (await again.getTable({ schema: 'public', name: 'orders' }))!;
    const snap = await t2.snapshot();
    expect(snap.version).toBe(1);
    expect(snap.files.length).toBeGreaterThanOrEqual(2);
    const jan1 = snap.files.filter((f) => f.partitionValues['day'] === 19723);
    expect(jan1.reduce((s, f) => s + (f.stats?.numRecords ?? 0), 0)).toBe(2);
    const s0 = jan1[0]!.stats!;
    expect(s0.nullCount['id']).toBe(0);
    expect(typeof s0.min['id']).toBe('bigint');
    expect((await snap.store.head(snap.files[0]!.path))?.size).toBe(snap.files[0]!.size);
    // the older version is still readable
    expect((await t2.snapshot(0)).files).toEqual([]);
  });

  it('refuses NULL in a NOT NULL column before anything is committed', async () => {
    const t = (await catalog.createTable({ ref: { schema: 'public', name: 'orders' }, fields: ORDERS, partitionColumns: [], ifNotExists: false }))!;
    await expectError(
      t.append(stream(ordersBatch([1n], [1]), ordersBatch([null], [2]))),
      '23502',
      'null value in column "id" of relation "orders" violates not-null constraint',
    );
    const snap = await t.snapshot();
    expect(snap.version).toBe(0);
    expect((await filesUnder(join(dir, 'public/orders'))).filter((f) => f.endsWith('.parquet'))).toEqual([]);
  });

  it('drops a table and its files', async () => {
    const t = (await catalog.createTable({ ref: { schema: 'public', name: 'orders' }, fields: ORDERS, partitionColumns: [], ifNotExists: false }))!;
    await t.append(stream(ordersBatch([1n], [1])));
    expect(await catalog.dropTable({ schema: 'public', name: 'orders' }, false)).toBe(true);
    expect(await catalog.getTable({ schema: 'public', name: 'orders' })).toBeNull();
    expect(await filesUnder(join(dir, 'public/orders')).catch(() => [])).toEqual([]);
    await expectError(catalog.dropTable({ schema: 'public', name: 'orders' }, false), '42P01', 'table "orders" does not exist');
    expect(await catalog.dropTable({ schema: 'public', name: 'orders' }, true)).toBe(false);
    // the name can be used again
    expect(await catalog.createTable({ ref: { schema: 'public', name: 'orders' }, fields: ORDERS, partitionColumns: [], ifNotExists: false })).not.toBeNull();
  });
});
