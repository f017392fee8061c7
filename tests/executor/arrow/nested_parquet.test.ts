/**
 * bytea, arrays, json/jsonb through Arrow and Parquet (Pier writes and reads them back), and Arrow struct /
 * map / list-of-struct data read as jsonb (how Spark's and delta-rs' nested columns reach SQL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Field as ArrowField, Int32, Int64, List, Map_, Struct, Utf8, Float64, Binary, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import { type Field, T, arrayType, numericType } from '../../../common/types.js';
import { type Batch, getDatum, vectorFromDatums } from '../../../common/vector.js';
import { batchFromArrow, vectorFromArrow } from '../../../executor/arrow/from_arrow.js';
import { fieldsFromArrowSchema } from '../../../executor/arrow/schema.js';
import { tableFromBatches } from '../../../executor/arrow/to_arrow.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { ParquetReader, readParquetSchema } from '../../../storage/parquet/read.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';
import { computeStats } from '../../../storage/delta/stats.js';
import { HAVE_TEST_PYTHON, runPython } from '../../support/python.js';

const fields: Field[] = [
  { name: 'b', type: T.bytea, nullable: true },
  { name: 'xs', type: arrayType(T.int4), nullable: true },
  { name: 'tags', type: arrayType(T.text), nullable: true },
  { name: 'ns', type: arrayType(numericType(5, 2)), nullable: true },
  { name: 'j', type: T.jsonb, nullable: true },
  { name: 'bs', type: arrayType(T.bytea), nullable: true },
];

const rows: Datum[][] = [
  ['\u0000\u00ff', [1, null, 3], ['a', '', null], [{ unscaled: 150n, scale: 2 }], '{"a": [1, 2]}', ['\u0001', null]],
  [null, null, null, null, null, null],
  ['', [], [], [], '[]', []],
];

function batchOf(rs: Datum[][]): Batch {
  return { length: rs.length, columns: fields.map((f, c) => vectorFromDatums(f.type, rs.map((r) => r[c]!))) };
}

const rowsOf = (b: Batch) => Array.from({ length: b.length }, (_, i) => b.columns.map((v) => getDatum(v, i)));

describe('nested values through Parquet', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pier-nested-'));
    store = new LocalObjectStore(root);
  });
  afterAll(async () => { await rm(root, { recursive: true, force: true }); });

  it('writes Binary, List<element> and Utf8 columns and reads the same datums back', async () => {
    const table = tableFromBatches([batchOf(rows)], fields);
    expect(table.schema.fields.map((f) => String(f.type))).toEqual(['Binary', 'List<Int32>', 'List<Utf8>', 'List<Decimal[5e+2]>', 'Utf8', 'List<Binary>']);
    expect((table.schema.fields[1]!.type as List).children[0]!.name).toBe('element');
    await store.put('n.parquet', writeParquetBytes(table));
    const reader = await ParquetReader.open(store, 'n.parquet');
    try {
      expect(rowsOf(batchFromArrow(await reader.readRowGroup(0), fields))).toEqual(rows);
    } finally {
      reader.close();
    }
    const back = fieldsFromArrowSchema(await readParquetSchema(store, 'n.parquet'));
    expect(back.map((f) => f.type)).toEqual([T.bytea, arrayType(T.int4), arrayType(T.text), arrayType(numericType(5, 2)), T.text, arrayType(T.bytea)]);
    // stats: null counts only for binary and list columns
    const stats = JSON.parse(computeStats(table)) as { minValues: Record<string, unknown>; nullCount: Record<string, number> };
    expect(stats.nullCount).toEqual({ b: 1, xs: 1, tags: 1, ns: 1, j: 1, bs: 1 });
    expect(Object.keys(stats.minValues)).toEqual(['j']);
  });

  it('reads struct, map and list<struct> Arrow data as jsonb', () => {
    const structType = new Struct([new ArrowField('name', new Utf8(), true), new ArrowField('n', new Int64(), true), new ArrowField('f', new Float64(), true), new ArrowField('raw', new Binary(), true)]);
    const structs = vectorFromArray([{ name: 'x', n: 9007199254740993n, f: 1.5, raw: Uint8Array.of(1, 2) }, null, { name: null, n: null, f: NaN, raw: null }], structType);
    expect([0, 1, 2].map((i) => getDatum(vectorFromArrow(structs, { name: 's', type: T.jsonb, nullable: true }), i))).toEqual([
      '{"f": 1.5, "n": 9007199254740993, "raw": "\\\\x0102", "name": "x"}',
      null,
      '{"f": "NaN", "n": null, "raw": null, "name": null}',
    ]);
    const stringKeys = vectorFromArray([new Map([['b', 1], ['a', 2]]), new Map<string, number>()], new Map_(new ArrowField('entries', new Struct([new ArrowField('key', new Utf8(), false), new ArrowField('value', new Int32(), true)]), false)));
    expect([0, 1].map((i) => getDatum(vectorFromArrow(stringKeys, { name: 'm', type: T.jsonb, nullable: true }), i))).toEqual(['{"a": 2, "b": 1}', '{}']);
    const intKeys = vectorFromArray([new Map([[2, 'x'], [1, 'y']])], new Map_(new ArrowField('entries', new Struct([new ArrowField('key', new Int32(), false), new ArrowField('value', new Utf8(), true)]), false)));
    expect(getDatum(vectorFromArrow(intKeys, { name: 'm', type: T.jsonb, nullable: true }), 0)).toBe('[{"key": 2, "value": "x"}, {"key": 1, "value": "y"}]');
    const listOfStruct = vectorFromArray([[{ v: 1 }, null], null], new List(new ArrowField('element', new Struct([new ArrowField('v', new Int32(), true)]), true)));
    const v = vectorFromArrow(listOfStruct, { name: 'l', type: arrayType(T.jsonb), nullable: true });
    expect([getDatum(v, 0), getDatum(v, 1)]).toEqual([['{"v": 1}', null], null]);
  });
});

describe.skipIf(!HAVE_TEST_PYTHON)('nested Parquet written by pyarrow', () => {
  it('reads non-standard list naming (item), large lists, fixed-size binary, maps and structs', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'pier-pyarrow-'));
    try {
      await runPython(`
import sys, pyarrow as pa, pyarrow.parquet as pq
t = pa.table({
    "xs": pa.array([[1, None], None, []], pa.list_(pa.int32())),
    "big": pa.array([["a"], ["b", None], None], pa.large_list(pa.string())),
    "fx": pa.array([b"ab", None, b"\\x00\\xff"], pa.binary(2)),
    "m": pa.array([[("k", 1.5)], None, []], pa.map_(pa.string(), pa.float64())),
    "s": pa.array([{"d": 1, "t": "x"}, None, {"d": None, "t": None}], pa.struct([("d", pa.int64()), ("t", pa.string())])),
})
pq.write_table(t, sys.argv[1] + "/legacy.parquet", use_compliant_nested_type=False)
`, [root]);
      const store = new LocalObjectStore(root);
      const schemaFields = fieldsFromArrowSchema(await readParquetSchema(store, 'legacy.parquet'));
      expect(schemaFields.map((f) => f.type)).toEqual([arrayType(T.int4), arrayType(T.text), T.bytea, T.jsonb, T.jsonb]);
      const reader = await ParquetReader.open(store, 'legacy.parquet');
      try {
        expect(rowsOf(batchFromArrow(await reader.readRowGroup(0), schemaFields))).toEqual([
          [[1, null], ['a'], 'ab', '{"k": 1.5}', '{"d": 1, "t": "x"}'],
          [null, ['b', null], null, null, null],
          [[], null, '\u0000\u00ff', '{}', '{"d": null, "t": null}'],
        ]);
      } finally {
        reader.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);
});
