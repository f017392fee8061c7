import * as pw from 'parquet-wasm';
import { Field as ArrowField, List, Bool, Date_, DateUnit, Decimal, Dictionary, Float32, Float64, Int16, Int32, Int64, LargeUtf8, Table, TimeUnit, Timestamp, Utf8, Binary, makeData, makeVector, tableFromIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ObjectMeta, ObjectStore } from '../../../storage/object_store/store.js';
import { ParquetReader } from '../../../storage/parquet/read.js';
import { batchFromArrow, convertsByCopy } from '../../../executor/arrow/from_arrow.js';
import { getDatum } from '../../../common/vector.js';
import type { Field } from '../../../common/types.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

class MemStore implements ObjectStore {
  readonly descriptor = { kind: 'local', root: '/mem' } as const;
  readonly objects = new Map<string, Uint8Array>();
  async get(p: string) { return this.objects.get(p)!; }
  async getRange(p: string, a: number, b: number) { return this.objects.get(p)!.slice(a, b); }
  async head(p: string): Promise<ObjectMeta | null> { const o = this.objects.get(p); return o ? { path: p, size: o.length, lastModified: 0 } : null; }
  async put(p: string, d: Uint8Array) { this.objects.set(p, d); }
  async putIfAbsent(p: string, d: Uint8Array) { this.objects.set(p, d); return true; }
  async list() { return []; }
  async delete(p: string) { this.objects.delete(p); }
}

const N = 1000;
const nullAt = (i: number) => i % 7 === 3;
function col<T>(type: never, f: (i: number) => T): Vector {
  return vectorFromArray(Array.from({ length: N }, (_, i) => (nullAt(i) ? null : f(i))), type);
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array || v instanceof Uint32Array) return Array.from(v);
  return v;
}

describe('parquet-wasm → arrow-js through the C Data Interface', () => {
  it('gives the same columns as the IPC path, NULLs included, for every flat type Pier reads', async () => {
    const dec = makeData({ type: new Decimal(2, 15, 128), length: N, nullCount: 0, data: Uint32Array.from({ length: N * 4 }, (_, k) => (k % 4 === 0 ? k * 37 : k % 4 === 1 ? 0 : 0)) });
    const dict = makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32()), length: N, nullCount: 0, data: Int32Array.from({ length: N }, (_, i) => i % 3), dictionary: vectorFromArray(['x', 'yy', 'zzz'], new Utf8()) }));
    const t = new Table({
      i16: col(new Int16() as never, (i) => i - 500),
      i32: col(new Int32() as never, (i) => i * 1000),
      i64: col(new Int64() as never, (i) => BigInt(i) * 10000000000n),
      f32: col(new Float32() as never, (i) => i / 4),
      f64: col(new Float64() as never, (i) => i / 3),
      b: col(new Bool() as never, (i) => i % 2 === 0),
      d: col(new Date_(DateUnit.DAY) as never, (i) => new Date(Date.UTC(2000, 0, 1 + i))),
      ts: col(new Timestamp(TimeUnit.MICROSECOND, 'UTC') as never, (i) => 1_600_000_000_000 + i),
      s: col(new Utf8() as never, (i) => (i % 5 === 0 ? '' : `s-${i}-é`)),
      ls: col(new LargeUtf8() as never, (i) => `large ${i}`),
      bin: col(new Binary() as never, (i) => Uint8Array.from([i & 255, 1, 2])),
      dec: makeVector(dec),
      dict,
    });
    const store = new MemStore();
    const bytes = writeParquetBytes(t, { maxRowGroupSize: 400 });
    await store.put('f.parquet', bytes);
    const r = await ParquetReader.open(store, 'f.parquet');
    try {
      for (let rg = 0; rg < r.meta.rowGroups.length; rg++) {
        const got = await r.readRowGroup(rg, ['s', 'dec', 'i16', 'i32', 'i64', 'f32', 'f64', 'b', 'd', 'ts', 'ls', 'bin', 'dict']);
        const ref = tableFromIPC(pw.readParquet(bytes, { rowGroups: [rg] }).intoIPCStream());
        expect(got.numRows).toBe(ref.numRows);
        for (const f of ref.schema.fields) {
          const a = ref.getChild(f.name)!, b = got.getChild(f.name)!;
          expect(String(b.type), f.name).toBe(String(a.type));
          expect(b.nullCount, f.name).toBe(a.nullCount);
          expect(Array.from({ length: b.length }, (_, i) => plain(b.get(i))), f.name).toEqual(Array.from({ length: a.length }, (_, i) => plain(a.get(i))));
        }
      }
      // the C Data Interface path was taken, not the IPC fallback
      expect((r as unknown as { ffi: boolean }).ffi).toBe(true);
      // views on wasm memory, converted inside the callback: the same Pier vectors as from the copied table
      const fields: Field[] = [
        { name: 'dec', type: { kind: 'numeric', precision: 15, scale: 2 } }, { name: 's', type: { kind: 'text' } },
        { name: 'i64', type: { kind: 'int8' } }, { name: 'd', type: { kind: 'date' } }, { name: 'b', type: { kind: 'bool' } },
        { name: 'dict', type: { kind: 'text' } }, { name: 'f64', type: { kind: 'float8' } },
      ] as Field[];
      expect(convertsByCopy(fields)).toBe(true);
      const names = fields.map((f) => f.name);
      for (let rg = 0; rg < r.meta.rowGroups.length; rg++) {
        const viaViews = await r.readRowGroupWith(rg, names, (t) => batchFromArrow(t, fields), true);
        await r.readRowGroup(rg, ['ls', 'bin']); // more wasm work after the views are gone
        const copied = batchFromArrow(await r.readRowGroup(rg, names), fields);
        expect(viaViews.columns.map((c, i) => Array.from({ length: c.length }, (_, k) => getDatum(c, k)))).toEqual(copied.columns.map((c) => Array.from({ length: c.length }, (_, k) => getDatum(c, k))));
        expect(viaViews.columns[1]!.nulls).not.toBe(null);
      }
      const first = await r.readRowGroup(0, ['i32']);
      expect(first.getChild('i32')!.get(3)).toBe(null);
      expect(first.getChild('i32')!.get(4)).toBe(4000);
    } finally {
      r.close();
    }
  });

  it('falls back to the IPC path for layouts it does not cover (nested lists)', async () => {
    const t = new Table({
      l: vectorFromArray([[1, 2], null, [3]], new List(new ArrowField('item', new Int32(), true))),
      x: vectorFromArray([10, null, 30], new Int32()),
    });
    const store = new MemStore();
    await store.put('n.parquet', writeParquetBytes(t));
    const r = await ParquetReader.open(store, 'n.parquet');
    try {
      const got = await r.readRowGroup(0, ['x', 'l']);
      expect((r as unknown as { ffi: boolean }).ffi).toBe(false);
      expect([got.getChild('x')!.get(0), got.getChild('x')!.get(2)]).toEqual([10, 30]);
      expect(got.getChild('x')!.get(1)).toBe(null);
      expect(Array.from(got.getChild('l')!.get(0)!.toArray() as Int32Array)).toEqual([1, 2]);
      expect(got.getChild('l')!.get(1)).toBe(null);
    } finally {
      r.close();
    }
  });
});
