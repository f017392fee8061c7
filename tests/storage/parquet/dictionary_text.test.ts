import { Table, Type, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { ParquetReader } from '../../../storage/parquet/read.js';
import { writeParquetBytes } from '../../../storage/parquet/write.js';
import { DICTIONARY_MIN_REPEAT, dictionaryEncodeText } from '../../../storage/parquet/dictionary_text.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODES = ['AIR', 'MAIL', 'SHIP', 'TRÜCK', ''];

function sample(n: number): Table {
  const mode = Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : MODES[i % MODES.length]!));
  const comment = Array.from({ length: n }, (_, i) => `comment ${i}`);
  return new Table({ mode: vectorFromArray(mode, new Utf8()), comment: vectorFromArray(comment, new Utf8()) });
}

async function readBack(bytes: Uint8Array): Promise<Table> {
  const dir = mkdtempSync(join(tmpdir(), 'pier-dict-'));
  try {
    const store = new LocalObjectStore(dir);
    await store.put('f.parquet', bytes);
    const r = await ParquetReader.open(store, 'f.parquet');
    try {
      const parts: Table[] = [];
      for await (const t of r.readAll()) parts.push(t);
      return new Table(parts.flatMap((t) => t.batches));
    } finally {
      r.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('low-cardinality text columns are written as Arrow dictionaries', () => {
  it('reads back as Dictionary<Int32, Utf8> with the same values and NULLs; unique values stay Utf8', async () => {
    // several batches, one of them a slice (non-zero offsets), several row groups
    const whole = sample(5000);
    const input = new Table([...whole.slice(7, 3000).batches, ...whole.slice(3100, 5000).batches]);
    const back = await readBack(writeParquetBytes(input, { maxRowGroupSize: 1000 }));
    expect((back.getChild('mode')!.type as DataType).typeId).toBe(Type.Dictionary);
    expect((back.getChild('comment')!.type as DataType).typeId).toBe(Type.Utf8);
    expect(back.numRows).toBe(input.numRows);
    expect(back.getChild('mode')!.toArray()).toEqual(input.getChild('mode')!.toArray());
    expect(back.getChild('comment')!.toArray()).toEqual(input.getChild('comment')!.toArray());
    expect(back.getChild('mode')!.nullCount).toBe(input.getChild('mode')!.nullCount);
  });

  it('leaves columns whose values repeat too little, and can be turned off', () => {
    const few = new Table({ s: vectorFromArray(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'a'], new Utf8()) });
    expect(few.numRows).toBeGreaterThanOrEqual(DICTIONARY_MIN_REPEAT);
    expect(dictionaryEncodeText(few)).toBe(few);
    const t = sample(100);
    expect((dictionaryEncodeText(t).getChild('mode')!.type as DataType).typeId).toBe(Type.Dictionary);
  });

  it('dictionaryText: false writes plain Utf8', async () => {
    const back = await readBack(writeParquetBytes(sample(500), { dictionaryText: false }));
    expect((back.getChild('mode')!.type as DataType).typeId).toBe(Type.Utf8);
  });
});
