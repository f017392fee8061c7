import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DateDay, Decimal, Int64, TimeUnit, Timestamp, Utf8, makeData, makeVector, tableFromArrays, vectorFromArray, Table } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { addAction } from '../../../storage/delta/actions.js';
import { escapePartitionValue, encodeAddPath, writeDataFiles } from '../../../storage/delta/operations/write.js';
import { loadSnapshot } from '../../../storage/delta/snapshot.js';
import { computeStats, parseStats, truncateMax, truncateMin, compareCodePoints } from '../../../storage/delta/stats.js';
import { commitTransaction, createTable } from '../../../storage/delta/transaction.js';
import { readParquetTables } from '../../../storage/parquet/read.js';

function ordersTable(): Table {
  const id = vectorFromArray([1n, 2n, 3n, 4n], new Int64());
  const customer = vectorFromArray(['ann', 'bob', null, 'ann'], new Utf8());
  // 10.50, NULL, 21.00, -3.25 as decimal(12,2)
  const words = new Uint32Array(16);
  const put = (i: number, v: bigint) => { let u = v < 0n ? v + (1n << 128n) : v; for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(u & 0xffffffffn); u >>= 32n; } };
  put(0, 1050n); put(2, 2100n); put(3, -325n);
  const amount = makeVector(makeData({ type: new Decimal(2, 12, 128), length: 4, nullCount: 1, nullBitmap: new Uint8Array([0b1101]), data: words }));
  const ts = makeVector(makeData({ type: new Timestamp(TimeUnit.MICROSECOND, 'UTC'), length: 4, data: new BigInt64Array([1704103200000000n, 1704189600123456n, 1704103200000000n, 1704103200000000n]) }));
  const day = makeVector(makeData({ type: new DateDay(), length: 4, nullCount: 1, nullBitmap: new Uint8Array([0b0111]), data: new Int32Array([19723, 19724, 19723, 0]) }));
  return new Table({ id, customer, amount, ordered_at: ts, day });
}

describe('partitioned data-file writes and stats', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-write-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => { await rm(root, { recursive: true, force: true }); });

  it('groups rows by partition into Hive folders, drops partition columns, writes stats', async () => {
    await createTable(store, 'sales/orders', {
      schema: { type: 'struct', fields: [
        { name: 'id', type: 'long', nullable: false, metadata: {} },
        { name: 'customer', type: 'string', nullable: true, metadata: {} },
        { name: 'amount', type: 'decimal(12,2)', nullable: true, metadata: {} },
        { name: 'ordered_at', type: 'timestamp', nullable: true, metadata: {} },
        { name: 'day', type: 'date', nullable: true, metadata: {} },
      ] },
      partitionColumns: ['day'],
    });
    const adds = await writeDataFiles(store, 'sales/orders', ordersTable(), { partitionColumns: ['day'] });
    expect(adds).toHaveLength(3);
    expect(adds.map((a) => a.partitionValues)).toEqual([{ day: '2024-01-01' }, { day: '2024-01-02' }, { day: null }]);
    expect(adds[0]!.path).toMatch(/^day=2024-01-01\/part-00000-[0-9a-f-]{36}\.c000\.snappy\.parquet$/);
    expect(adds[2]!.path).toMatch(/^day=__HIVE_DEFAULT_PARTITION__\/part-00002-/);
    expect(adds.every((a) => a.dataChange && a.size > 0)).toBe(true);

    const stats = JSON.parse(adds[0]!.stats!);
    expect(stats).toEqual({
      numRecords: 2,
      minValues: { id: 1, customer: 'ann', amount: 10.5, ordered_at: '2024-01-01T10:00:00.000Z' },
      maxValues: { id: 3, customer: 'ann', amount: 21, ordered_at: '2024-01-01T10:00:00.000Z' },
      nullCount: { id: 0, customer: 1, amount: 0, ordered_at: 0 },
    });
    // decimals are written as exact JSON number text
    expect(adds[0]!.stats).toContain('"amount":10.50');
    expect(adds[1]!.stats).toContain('"ordered_at":"2024-01-02T10:00:00.123Z"');

    // the files hold only the data columns
    const files = await store.list('sales/orders/day=2024-01-01/');
    expect(files).toHaveLength(1);
    const [t] = await readParquetTables(store, files[0]!.path);
    expect(t!.schema.fields.map((f) => f.name)).toEqual(['id', 'customer', 'amount', 'ordered_at']);
    expect(t!.numRows).toBe(2);

    await commitTransaction(store, 'sales/orders', { readVersion: 0, actions: adds.map(addAction), operation: 'WRITE', operationParameters: { mode: 'Append' } });
    const snap = await loadSnapshot(store, 'sales/orders');
    expect(snap.files.map((f) => snap.fileKey(f.path)).sort()).toEqual((await store.list('sales/orders/day')).map((m) => m.path).sort());
  });

  it('escapes partition values the way Spark does and URL-encodes add.path', async () => {
    expect(escapePartitionValue('a b:c/d=e%f')).toBe('a b%3Ac%2Fd%3De%25f');
    expect(encodeAddPath('ts=2024-01-01 10%3A00%3A00/part-0.parquet')).toBe('ts=2024-01-01%2010%253A00%253A00/part-0.parquet');
    const t = tableFromArrays({ k: ['x y/z', 'x y/z'], v: Int32Array.from([1, 2]) });
    const adds = await writeDataFiles(store, 'e', t, { partitionColumns: ['k'] });
    expect(adds).toHaveLength(1);
    expect(adds[0]!.partitionValues).toEqual({ k: 'x y/z' });
    expect(adds[0]!.path.startsWith('k=x%20y%252Fz/')).toBe(true);
    expect((await store.list('e/k=x y%2Fz/')).length).toBe(1);
  });

  it('truncates long strings: min is a prefix, max stays an upper bound', () => {
    const long = 'a'.repeat(40);
    expect(truncateMin(long)).toBe('a'.repeat(32));
    const mx = truncateMax(long);
    expect(mx).toBe('a'.repeat(32) + '\uFFFD');
    expect(compareCodePoints(mx, long)).toBeGreaterThan(0);
    const high = 'a'.repeat(32) + '\uFFFF' + 'b';
    expect(compareCodePoints(truncateMax(high), high)).toBeGreaterThanOrEqual(0);
    const t = tableFromArrays({ s: ['zz', long, 'b'.repeat(50)] });
    const stats = JSON.parse(computeStats(t));
    expect(stats.minValues.s).toBe('a'.repeat(32));
    expect(stats.maxValues.s).toBe('zz');
  });

  it('timestamp_ntz stats have no Z, dates are ISO, big decimals keep every digit', () => {
    const ts = makeVector(makeData({ type: new Timestamp(TimeUnit.MICROSECOND, null), length: 1, data: new BigInt64Array([1704103200000000n]) }));
    const words = new Uint32Array([0xffffffff, 0xffffffff, 0x0000ffff, 0]); // 2^80-1
    const dec = makeVector(makeData({ type: new Decimal(3, 38, 128), length: 1, data: words }));
    const day = makeVector(makeData({ type: new DateDay(), length: 1, data: new Int32Array([-1]) }));
    const json = computeStats(new Table({ ts, dec, day }));
    expect(json).toContain('"ts":"2024-01-01T10:00:00.000"');
    expect(json).toContain('"day":"1969-12-31"');
    expect(json).toContain('"dec":1208925819614629174706.175');
    expect(parseStats(json).minValues['dec']).toBe('1208925819614629174706.175');
    expect(parseStats('{"numRecords":2,"minValues":{"x":1.5,"y":"s"},"maxValues":{},"nullCount":{}}').minValues).toEqual({ x: 1.5, y: 's' });
  });

  it('interleaved partitions: rows are gathered with every value and NULL intact', async () => {
    const n = 1000;
    const k = vectorFromArray(Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'a' : 'b')), new Utf8());
    const v = vectorFromArray(Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : BigInt(i))), new Int64());
    const s = vectorFromArray(Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `s${i}`)), new Utf8());
    const adds = await writeDataFiles(store, 'i', new Table({ k, v, s }), { partitionColumns: ['k'] });
    expect(adds.map((a) => a.partitionValues['k'])).toEqual(['a', 'b']);
    for (const a of adds) {
      const [t] = await readParquetTables(store, `i/${decodeURIComponent(a.path)}`);
      const want = Array.from({ length: n }, (_, i) => i).filter((i) => (i % 3 === 0 ? 'a' : 'b') === a.partitionValues['k']);
      expect(t!.numRows).toBe(want.length);
      expect(t!.getChild('v')!.toArray().length).toBe(want.length);
      const got = Array.from({ length: t!.numRows }, (_, j) => [t!.getChild('v')!.get(j), t!.getChild('s')!.get(j)]);
      expect(got).toEqual(want.map((i) => [i % 7 === 0 ? null : BigInt(i), i % 5 === 0 ? null : `s${i}`]));
      const st = JSON.parse(a.stats!);
      expect(st.nullCount).toEqual({ v: want.filter((i) => i % 7 === 0).length, s: want.filter((i) => i % 5 === 0).length });
    }
  });
});
