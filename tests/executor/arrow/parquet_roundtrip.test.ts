import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { tableFromIPC, tableToIPC, vectorFromArray, Utf8, Dictionary, Int32, Table, makeData, makeVector, Decimal, TimestampNanosecond, DateMillisecond } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import { QueryError } from '../../../common/errors.js';
import { type Field, T, numericType } from '../../../common/types.js';
import { type Batch, getDatum, numericObjects, vectorFromDatums } from '../../../common/vector.js';
import { batchFromArrow, vectorFromArrow } from '../../../executor/arrow/from_arrow.js';
import { fieldsFromArrowSchema } from '../../../executor/arrow/schema.js';
import { arrowTypeFor, tableFromBatches } from '../../../executor/arrow/to_arrow.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { ParquetReader, readParquetSchema } from '../../../storage/parquet/read.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

const fields: Field[] = [
  { name: 'b', type: T.bool, nullable: true },
  { name: 'i2', type: T.int2, nullable: true },
  { name: 'i4', type: T.int4, nullable: false },
  { name: 'i8', type: T.int8, nullable: true },
  { name: 'f4', type: T.float4, nullable: true },
  { name: 'f8', type: T.float8, nullable: true },
  { name: 'n', type: numericType(12, 2), nullable: true },
  { name: 'nu', type: T.numeric, nullable: true },
  { name: 's', type: T.text, nullable: true },
  { name: 'v', type: { kind: 'varchar', length: 10 }, nullable: true },
  { name: 'd', type: T.date, nullable: true },
  { name: 'ts', type: T.timestamp, nullable: true },
  { name: 'tz', type: T.timestamptz, nullable: true },
];

const rows: Datum[][] = [
  [true, 1, 10, 100n, 1.5, 2.25, { unscaled: 1050n, scale: 2 }, { unscaled: 12345n, scale: 3 }, 'ann', 'x', 19723, 1704103200000000n, 1704103200123456n],
  [null, null, 20, null, null, null, null, null, null, null, null, null, null],
  [false, -32768, -2147483648, -9223372036854775808n, -0.5, -1e300, { unscaled: -999999999999n, scale: 2 }, { unscaled: -1n, scale: 0 }, 'héllo ✓', '', -1, -1n, 0n],
];

function batchOf(rs: Datum[][]): Batch {
  return { length: rs.length, columns: fields.map((f, c) => vectorFromDatums(f.type, rs.map((r) => r[c]!))) };
}

function rowsOf(b: Batch): Datum[][] {
  return Array.from({ length: b.length }, (_, i) => b.columns.map((v) => getDatum(v, i)));
}

describe('Pier Batch → Arrow → Parquet → Arrow → Batch', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-pq-'));
    store = new LocalObjectStore(root);
  });
  afterAll(async () => { await rm(root, { recursive: true, force: true }); });

  it('round-trips every type incl. NULLs', async () => {
    const table = tableFromBatches([batchOf(rows)], fields);
    expect(table.schema.fields.map((f) => String(f.type))).toEqual([
      'Bool', 'Int16', 'Int32', 'Int64', 'Float32', 'Float64', 'Decimal[12e+2]', 'Decimal[38e+18]', 'Utf8', 'Utf8', 'Date32<DAY>',
      'Timestamp<MICROSECOND>', 'Timestamp<MICROSECOND, UTC>',
    ]);
    await store.put('all.parquet', writeParquetBytes(table));
    const reader = await ParquetReader.open(store, 'all.parquet');
    try {
      expect(reader.meta.numRows).toBe(3);
      const back = await reader.readRowGroup(0);
      const batch = batchFromArrow(back, fields);
      const got = rowsOf(batch);
      const want = rows.map((r) => r.map((d, c) => (fields[c]!.name === 'nu' && d !== null ? { unscaled: (d as { unscaled: bigint; scale: number }).unscaled * 10n ** BigInt(18 - (d as { scale: number }).scale), scale: 18 } : d)));
      expect(got).toEqual(want);
      // schema of the file maps back to Pier types (varchar comes back as text, numeric as numeric(38,18))
      const schemaFields = fieldsFromArrowSchema(await readParquetSchema(store, 'all.parquet'));
      expect(schemaFields.map((f) => f.type.kind)).toEqual(['bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'numeric', 'text', 'text', 'date', 'timestamp', 'timestamptz']);
      expect(schemaFields[6]!.type).toEqual(numericType(12, 2));
    } finally {
      reader.close();
    }
  });

  it('reads one row group at a time, with projection in the requested order', async () => {
    const many: Datum[][] = Array.from({ length: 10 }, (_, i) => [i % 2 === 0, i, i * 10, BigInt(i), i, i, { unscaled: BigInt(i), scale: 2 }, null, `s${i}`, 'v', i, BigInt(i), BigInt(i)]);
    await store.put('rg.parquet', writeParquetBytes(tableFromBatches([batchOf(many)], fields), { maxRowGroupSize: 4 }));
    const reader = await ParquetReader.open(store, 'rg.parquet');
    try {
      expect(reader.meta.rowGroups.map((g) => g.numRows)).toEqual([4, 4, 2]);
      // per-column footer statistics
      expect(reader.meta.rowGroups[1]!.columns['i4']).toMatchObject({ min: 40, max: 70, nullCount: 0 });
      expect(reader.meta.rowGroups[0]!.columns['s']).toMatchObject({ min: 's0', max: 's3' });
      const t = await reader.readRowGroup(1, ['s', 'i4']);
      expect(t.schema.fields.map((f) => f.name)).toEqual(['s', 'i4']);
      const b = batchFromArrow(t, [{ name: 'i4', type: T.int4, nullable: false }, { name: 's', type: T.text, nullable: true }]);
      expect(rowsOf(b)).toEqual([[40, 's4'], [50, 's5'], [60, 's6'], [70, 's7']]);
      await expect(reader.readRowGroup(3)).rejects.toThrow(/out of range/);
    } finally {
      reader.close();
    }
  });

  it('converts dictionary strings, nanosecond timestamps, date64, negative decimal128 and widens ints', () => {
    const dict = makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32()), length: 3, data: new Int32Array([1, 0, 1]), dictionary: vectorFromArray(['a', 'b'], new Utf8()) }));
    expect(vectorFromArrow(dict, { name: 'x', type: T.text, nullable: true }).data).toEqual(['b', 'a', 'b']);
    const ns = makeVector(makeData({ type: new TimestampNanosecond(), length: 2, data: new BigInt64Array([1_500n, -1_500n]) }));
    expect(Array.from(vectorFromArrow(ns, { name: 't', type: T.timestamp, nullable: true }).data as BigInt64Array)).toEqual([1n, -2n]);
    const d64 = makeVector(makeData({ type: new DateMillisecond(), length: 1, data: new BigInt64Array([86_400_000n * 3n]) }));
    expect(Array.from(vectorFromArrow(d64, { name: 'd', type: T.date, nullable: true }).data as Int32Array)).toEqual([3]);
    // -1.05 as decimal(5,2): two's complement 128-bit
    const dec = makeVector(makeData({ type: new Decimal(2, 5, 128), length: 1, data: new Uint32Array([0xffffff97, 0xffffffff, 0xffffffff, 0xffffffff]) }));
    expect(numericObjects(vectorFromArrow(dec, { name: 'n', type: numericType(6, 3), nullable: true }))).toEqual([{ unscaled: -1050n, scale: 3 }]);
    const i32 = vectorFromArray([1, null, 3], new Int32());
    const asInt8 = vectorFromArrow(i32, { name: 'i', type: T.int8, nullable: true });
    expect(Array.from(asInt8.data as BigInt64Array)[2]).toBe(3n);
    expect(Array.from(asInt8.nulls!)).toEqual([0, 1, 0]);
  });

  it('rejects interval columns and mismatched types', () => {
    expect(() => arrowTypeFor(T.interval)).toThrow(QueryError);
    const s = vectorFromArray(['a'], new Utf8());
    expect(() => vectorFromArrow(s, { name: 's', type: T.int4, nullable: true })).toThrow(/cannot be read as integer/);
  });

  it('a table survives IPC (what workers exchange)', () => {
    const t = tableFromBatches([batchOf(rows)], fields);
    const back = tableFromIPC(tableToIPC(t, 'stream')) as Table;
    expect(rowsOf(batchFromArrow(back, fields))[0]![6]).toEqual({ unscaled: 1050n, scale: 2 });
  });
});
