import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ObjectMeta, ObjectStore } from '../../../storage/object_store/store.js';
import { NotFoundError } from '../../../storage/object_store/store.js';
import { DecodeTimeoutError, ParquetReader, readParquetMetadata } from '../../../storage/parquet/read.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';

/** An in-memory store whose range reads can be made to hang. */
class MemStore implements ObjectStore {
  readonly descriptor = { kind: 'local', root: '/mem' } as const;
  readonly objects = new Map<string, Uint8Array>();
  hangRangeReads = 0;
  rangeReads = 0;
  async get(p: string) { const o = this.objects.get(p); if (!o) throw new NotFoundError(p); return o; }
  async getRange(p: string, a: number, b: number) {
    this.rangeReads++;
    if (this.hangRangeReads > 0) { this.hangRangeReads--; return new Promise<Uint8Array>(() => {}); }
    return (await this.get(p)).slice(a, b);
  }
  async head(p: string): Promise<ObjectMeta | null> { const o = this.objects.get(p); return o ? { path: p, size: o.length, lastModified: 0 } : null; }
  async put(p: string, d: Uint8Array) { this.objects.set(p, d); }
  async putIfAbsent(p: string, d: Uint8Array) { if (this.objects.has(p)) return false; this.objects.set(p, d); return true; }
  async list(prefix: string) { return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort().map((k) => ({ path: k, size: this.objects.get(k)!.length, lastModified: 0 })); }
  async delete(p: string) { this.objects.delete(p); }
}

describe('parquet read over any ObjectStore', () => {
  it('reads footer stats and data through getRange, ZSTD-compressed', async () => {
    const store = new MemStore();
    const t = tableFromArrays({ x: Float64Array.from([3, 1, 2]), s: ['c', 'a', 'b'] });
    await store.put('f.parquet', writeParquetBytes(t));
    const meta = await readParquetMetadata(store, 'f.parquet');
    expect(meta.numRows).toBe(3);
    expect(meta.columnNames).toEqual(['x', 's']);
    expect(meta.rowGroups[0]!.columns['x']).toEqual({ min: 1, max: 3, nullCount: 0 });
    const r = await ParquetReader.open(store, 'f.parquet');
    try {
      const back = await r.readRowGroup(0, ['x']);
      expect(back.getChild('x')!.toArray()).toEqual(Float64Array.from([3, 1, 2]));
    } finally {
      r.close();
    }
  });

  it('a decode that hangs times out and is retried once', async () => {
    const store = new MemStore();
    await store.put('f.parquet', writeParquetBytes(tableFromArrays({ x: Int32Array.from([1, 2]) })));
    const r = await ParquetReader.open(store, 'f.parquet', { timeoutMs: 300 });
    try {
      store.hangRangeReads = 1;
      const t = await r.readRowGroup(0);
      expect(t.numRows).toBe(2);
      store.hangRangeReads = 100;
      await expect(r.readRowGroup(0)).rejects.toBeInstanceOf(DecodeTimeoutError);
    } finally {
      r.close();
    }
  });
});
