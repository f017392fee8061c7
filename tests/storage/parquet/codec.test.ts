import { Float64, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { parquetMetadata } from 'hyparquet';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { readParquetTables } from '../../../storage/parquet/read.js';
import { codecFileTag, type ParquetCodec, writeParquetBytes } from '../../../storage/parquet/write.js';

const N = 3000;
function sample(): Table {
  return new Table({
    id: vectorFromArray(Array.from({ length: N }, (_, i) => i), new Int32()),
    x: vectorFromArray(Array.from({ length: N }, (_, i) => (i % 7 === 0 ? null : i / 3)), new Float64()),
    s: vectorFromArray(Array.from({ length: N }, (_, i) => `row ${i % 500}`), new Utf8()),
  });
}

function codecsOf(bytes: Uint8Array): Set<string> {
  const md = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return new Set(md.row_groups.flatMap((rg) => rg.columns.map((c) => String(c.meta_data?.codec))));
}

async function roundTrip(bytes: Uint8Array): Promise<Table> {
  const dir = mkdtempSync(join(tmpdir(), 'pier-codec-'));
  try {
    const store = new LocalObjectStore(dir);
    await store.put('f.parquet', bytes);
    return new Table((await readParquetTables(store, 'f.parquet')).flatMap((t) => t.batches));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Parquet page compression', () => {
  it('writes Snappy by default, as Spark and delta-rs do, and names files like Spark', () => {
    expect(codecsOf(writeParquetBytes(sample(), { maxRowGroupSize: 1000 }))).toEqual(new Set(['SNAPPY']));
    expect(codecFileTag()).toBe('.snappy');
    expect(codecFileTag('uncompressed')).toBe('');
  });

  const cases: readonly [ParquetCodec, string][] = [['snappy', 'SNAPPY'], ['zstd', 'ZSTD'], ['lz4_raw', 'LZ4_RAW'], ['gzip', 'GZIP'], ['uncompressed', 'UNCOMPRESSED']];
  for (const [codec, footer] of cases) {
    it(`${codec}: recorded in the footer and read back value for value`, async () => {
      const source = sample();
      const bytes = writeParquetBytes(source, { codec, maxRowGroupSize: 1000 });
      expect(codecsOf(bytes)).toEqual(new Set([footer]));
      const back = await roundTrip(bytes);
      expect(back.numRows).toBe(N);
      for (const name of ['id', 'x', 's']) expect(back.getChild(name)!.toArray().length).toBe(N);
      expect([...back.getChild('id')!]).toEqual([...source.getChild('id')!]);
      expect([...back.getChild('x')!]).toEqual([...source.getChild('x')!]);
      expect([...back.getChild('s')!].map(String)).toEqual([...source.getChild('s')!].map(String));
    });
  }
});
