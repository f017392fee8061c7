import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float64, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../catalog/catalog.js';
import { writeParquetBytes } from '../../storage/parquet/write.js';
import { runSql, TinyLake } from './support/tiny_lake.js';

let dir: string;
let catalog: Catalog;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pier-rp-'));
  mkdirSync(join(dir, 'sub'));
  const file = (ids: bigint[], names: string[], scores: (number | null)[]) =>
    writeParquetBytes(new Table({ id: vectorFromArray(ids, new Int64()), name: vectorFromArray(names, new Utf8()), score: vectorFromArray(scores, new Float64()) }));
  writeFileSync(join(dir, 'a.parquet'), file([1n, 2n], ['x', 'y'], [1.5, null]));
  writeFileSync(join(dir, 'b.parquet'), file([3n], ['z'], [3]));
  writeFileSync(join(dir, 'sub', 'c.parquet'), file([4n], ['w'], [4]));
  writeFileSync(join(dir, 'notes.txt'), 'not parquet');
  catalog = new TinyLake().catalog();
});

describe('read_parquet()', () => {
  it('reads one file with its schema', async () => {
    const r = await runSql(catalog, `SELECT * FROM read_parquet('${dir}/a.parquet') ORDER BY id`);
    expect(r.names).toEqual(['id', 'name', 'score']);
    expect(r.rows).toEqual([[1n, 'x', 1.5], [2n, 'y', null]]);
  });

  it('reads a glob of files, filters, aggregates, limits', async () => {
    const all = await runSql(catalog, `SELECT count(*), sum(score) FROM read_parquet('${dir}/*.parquet')`);
    expect(all.rows).toEqual([[3n, 4.5]]);
    const deep = await runSql(catalog, `SELECT id FROM read_parquet('${dir}/**/*.parquet') p WHERE p.id > 1 ORDER BY id`);
    expect(deep.rows).toEqual([[2n], [3n], [4n]]);
    const lim = await runSql(catalog, `SELECT name FROM read_parquet('${dir}/*.parquet') LIMIT 1`);
    expect(lim.rows.length).toBe(1);
  });

  it('58P01 when nothing matches', async () => {
    await expect(runSql(catalog, `SELECT * FROM read_parquet('${dir}/*.nothing')`)).rejects.toMatchObject({ sqlstate: '58P01' });
  });
});
