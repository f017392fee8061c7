/**
 * Scan tasks and Delta reader features: deletion vectors drop rows by file position, the metadata columns
 * `_pier_file` / `_pier_row` give each row's file and position (before deletion vectors and filters, also in a
 * split file), column mapping reads Parquet columns by physical name, and narrower physical types widen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field as ArrowField, RecordBatch, Schema, Struct, Table, makeData, vectorFromArray, Int32, Float32 } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum } from '../../../common/vector.js';
import { runScanTask, type ScanTask } from '../../../executor/scan/scan_task.js';
import { keepMask } from '../../../executor/scan/deleted_rows.js';
import { METADATA_FIELDS } from '../../../catalog/metadata_columns.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';
import { ROARING_ARRAY_MAGIC } from '../../../storage/delta/roaring.js';

let base: ScanTask;
let store: LocalObjectStore;

/** A RoaringBitmapArray with `rows` (< 65536) in one array container, as a Delta DV file at `offset` 1. */
function dvFile(rows: readonly number[]): { bytes: Uint8Array; size: number } {
  const body: number[] = [];
  const u16 = (v: number) => body.push(v & 255, v >>> 8);
  const u32 = (v: number) => { for (let i = 0; i < 4; i++) body.push((v >>> (8 * i)) & 255); };
  u32(ROARING_ARRAY_MAGIC); u32(1); u32(0); // magic, count (u64)
  u32(0); // key
  u32(12346); u32(1); u16(0); u16(rows.length - 1); u32(0);
  for (const r of rows) u16(r);
  const out = new Uint8Array(1 + 4 + body.length + 4);
  out[0] = 1; // format version
  new DataView(out.buffer).setUint32(1, body.length, false);
  out.set(body, 5);
  return { bytes: out, size: body.length };
}

beforeAll(async () => {
  store = new LocalObjectStore(mkdtempSync(join(tmpdir(), 'pier-dv-')));
  const ids = Array.from({ length: 7 }, (_, i) => i);
  // physical column names as column mapping writes them; narrower types than the table's (int → bigint, float → double)
  const table = new Table({
    'col-5f0c': vectorFromArray(ids, new Int32()),
    'col-9a1b': vectorFromArray(ids.map((i) => i + 0.5), new Float32()),
  });
  const bytes = writeParquetBytes(table, { maxRowGroupSize: 3 }); // row groups [0..2] [3..5] [6]
  await store.put('t/part-0.parquet', bytes);
  base = {
    store: store.descriptor, path: 't/part-0.parquet', size: bytes.length,
    fields: [{ name: 'id', type: T.int8, nullable: true }, { name: 'x', type: T.float8, nullable: true }, ...METADATA_FIELDS],
    columnNames: ['id', 'x', '_pier_file', '_pier_row'],
    fileColumnNames: ['col-5f0c', 'col-9a1b', '_pier_file', '_pier_row'],
    metadataColumns: true,
    partitionColumns: [], partitionValues: {},
    filter: null, limit: null, partialAggregate: null,
    eval: { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n },
  };
});

const rows = (r: Awaited<ReturnType<typeof runScanTask>>) => r.batches.flatMap((b) => Array.from({ length: b.length }, (_, i) => b.columns.map((c) => getDatum(c, i))));

describe('scan tasks with Delta reader features', () => {
  it('reads physical columns under logical names, widened, with file and row positions', async () => {
    expect(rows(await runScanTask(base))).toEqual(Array.from({ length: 7 }, (_, i) => [BigInt(i), i + 0.5, 't/part-0.parquet', BigInt(i)]));
  });

  it('drops the rows a deletion vector holds; positions stay file positions', async () => {
    const dv = dvFile([1, 4, 6]);
    await store.put('t/deletion_vector_x.bin', dv.bytes);
    const r = await runScanTask({ ...base, deletionVector: { kind: 'file', path: 't/deletion_vector_x.bin', offset: 1, sizeInBytes: dv.size, cardinality: 3 } });
    expect(rows(r).map((x) => x[3])).toEqual([0n, 2n, 3n, 5n]);
    expect(rows(r).map((x) => x[0])).toEqual([0n, 2n, 3n, 5n]);
    expect(r.counters).toMatchObject({ rowGroupsSkipped: 1 }); // the last row group is all deleted
  });

  it('counts positions from the file start in every part of a split file, before filters', async () => {
    const filter: BoundExpr = { kind: 'compare', op: '<>', left: { kind: 'column', index: 0, type: T.int8 }, right: { kind: 'const', value: 4n, type: T.int8 }, type: T.bool };
    const parts = await Promise.all([0, 1, 2].map((index) => runScanTask({ ...base, filter, split: { index, count: 3 } })));
    expect(parts.map((p) => rows(p).map((x) => x[3]))).toEqual([[0n, 1n, 2n], [3n, 5n], [6n]]);
  });

  it('matches columns by Parquet field id when the names differ (column mapping id mode)', async () => {
    const values = vectorFromArray([10, 20, 30], new Int32());
    const field = new ArrowField('written_as', new Int32(), true, new Map([['PARQUET:field_id', '7']]));
    const schema = new Schema([field]);
    const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 3, nullCount: 0, children: [values.data[0]!] }));
    const bytes = writeParquetBytes(new Table([batch]));
    await store.put('t/ids.parquet', bytes);
    const task: ScanTask = {
      ...base, path: 't/ids.parquet', size: bytes.length,
      fields: [{ name: 'v', type: T.int4, nullable: true }], columnNames: ['v'], fileColumnNames: ['col-v'], fileFieldIds: [7], metadataColumns: false,
    };
    expect(rows(await runScanTask(task))).toEqual([[10], [20], [30]]);
    expect(rows(await runScanTask({ ...task, fileFieldIds: [8] }))).toEqual([[null], [null], [null]]);
  });

  it('keepMask selects the surviving rows of one row group', () => {
    const deleted = Float64Array.from([2, 5, 9, 10]);
    expect(keepMask(deleted, 0, 5)).toEqual({ sel: Int32Array.from([0, 1, 3, 4]), count: 4 });
    expect(keepMask(deleted, 5, 5)).toEqual({ sel: Int32Array.from([1, 2, 3]), count: 3 });
    expect(keepMask(deleted, 11, 5)).toBeNull();
  });
});
