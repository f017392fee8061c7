import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Decimal } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import { type Field, numericType } from '../../../common/types.js';
import { getDatum, isScaledNumerics, scaledNumerics, vectorFromDatums, type Batch } from '../../../common/vector.js';
import { batchFromArrow } from '../../../executor/arrow/from_arrow.js';
import { tableFromBatches } from '../../../executor/arrow/to_arrow.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { ParquetReader } from '../../../storage/parquet/read.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

const fields: Field[] = [
  { name: 'price', type: numericType(15, 2), nullable: true },
  { name: 'wide', type: numericType(18, 0), nullable: true },
  { name: 'big', type: numericType(20, 3), nullable: true },
];

const num = (unscaled: bigint, scale: number): Datum => ({ unscaled, scale });

describe('numeric(p ≤ 18) is written as a 64-bit decimal', () => {
  let root: string;
  let store: LocalObjectStore;
  beforeAll(async () => { root = await mkdtemp(path.join(tmpdir(), 'pier-d64-')); store = new LocalObjectStore(root); });
  afterAll(async () => { await rm(root, { recursive: true, force: true }); });

  it('round-trips exact values (negative, NULL, 18 digits beyond 2^53) and keeps wider numerics at 128 bits', async () => {
    const max18 = 10n ** 18n - 1n;
    const rows: Datum[][] = [
      [num(12345n, 2), num(max18, 0), num(10n ** 19n + 7n, 3)],
      [num(-1n, 2), num(-max18, 0), num(-5n, 3)],
      [null, null, null],
      [num(-(10n ** 15n) + 1n, 2), num(2n ** 53n + 1n, 0), num(0n, 3)],
    ];
    const batch: Batch = { length: rows.length, columns: fields.map((f, c) => vectorFromDatums(f.type, rows.map((r) => r[c]!))) };
    const table = tableFromBatches([batch], fields);
    expect(table.schema.fields.map((f) => (f.type as Decimal).bitWidth)).toEqual([64, 64, 128]);
    await store.put('d.parquet', writeParquetBytes(table));
    const r = await ParquetReader.open(store, 'd.parquet');
    try {
      const back = await r.readRowGroup(0);
      expect(back.schema.fields.map((f) => (f.type as Decimal).bitWidth)).toEqual([64, 64, 128]);
      const got = batchFromArrow(back, fields);
      expect(Array.from({ length: got.length }, (_, i) => got.columns.map((v) => getDatum(v, i)))).toEqual(rows);
    } finally {
      r.close();
    }
  });

  it('reads values within 2^53 into the compact form, from several row groups', async () => {
    const n = 1000;
    const values = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : (i * 7919 - 3_000_000) * 101));
    const nulls = Uint8Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const batch: Batch = { length: n, columns: [{ type: fields[0]!.type, length: n, data: scaledNumerics(2, values), nulls }] };
    await store.put('c.parquet', writeParquetBytes(tableFromBatches([batch], [fields[0]!]), { maxRowGroupSize: 300 }));
    const r = await ParquetReader.open(store, 'c.parquet');
    try {
      const parts: Datum[] = [];
      for (let g = 0; g < r.meta.rowGroups.length; g++) {
        const v = batchFromArrow(await r.readRowGroup(g), [fields[0]!]).columns[0]!;
        expect(isScaledNumerics(v.data)).toBe(true);
        for (let i = 0; i < v.length; i++) parts.push(getDatum(v, i));
      }
      expect(parts).toEqual(Array.from({ length: n }, (_, i) => (nulls[i] ? null : num(BigInt(values[i]!), 2))));
    } finally {
      r.close();
    }
  });

  it('compact form up to ±(2^53 − 1) across the 32-bit word boundaries; −2^53 and 2^53 stay exact', async () => {
    const edge = [0n, 1n, -1n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n), -(2n ** 32n) - 1n, 2n ** 53n - 1n, -(2n ** 53n) + 1n, 2n ** 31n, -(2n ** 31n)];
    const f = { name: 'v', type: numericType(18, 0), nullable: true };
    const cases: { readonly values: readonly (bigint | null)[]; readonly compact: boolean }[] = [
      { values: [...edge, null], compact: true },
      { values: [...edge, -(2n ** 53n)], compact: false },
      { values: [2n ** 53n, ...edge], compact: false },
    ];
    for (const [k, c] of cases.entries()) {
      const batch: Batch = { length: c.values.length, columns: [vectorFromDatums(f.type, c.values.map((u) => (u === null ? null : num(u, 0))))] };
      await store.put(`e${k}.parquet`, writeParquetBytes(tableFromBatches([batch], [f])));
      const r = await ParquetReader.open(store, `e${k}.parquet`);
      try {
        const v = batchFromArrow(await r.readRowGroup(0), [f]).columns[0]!;
        expect(isScaledNumerics(v.data)).toBe(c.compact);
        expect(Array.from({ length: v.length }, (_, i) => getDatum(v, i))).toEqual(c.values.map((u) => (u === null ? null : num(u, 0))));
      } finally {
        r.close();
      }
    }
  });
});
