/**
 * CREATE TABLE AS over Parquet with 128-bit decimals (what DuckDB and older Arrow writers produce) through a real
 * server: the scan tasks hand row groups straight to the writer, narrowing numeric(p ≤ 18) to the 64-bit decimals
 * Pier writes — every value, NULLs included, must survive (a mismatch once halved every sum).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal, Int64, Table, makeData, makeVector, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeParquetBytes } from '../../storage/parquet/write.js';
import { pierWithClient } from '../support/pier.js';

const N = 5000;
let dir: string;
const env = pierWithClient();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pier-ctas-dec-'));
  const words = new Uint32Array(N * 4);
  const valid = new Uint8Array(Math.ceil(N / 8));
  let nulls = 0;
  for (let i = 0; i < N; i++) {
    const v = (i - 2000) * 12345; // unscaled at scale 2; negatives in two's complement
    const ext = v < 0 ? 0xffffffff : 0;
    words[4 * i] = v >>> 0; words[4 * i + 1] = ext; words[4 * i + 2] = ext; words[4 * i + 3] = ext;
    if (i % 9 === 4) nulls++;
    else valid[i >> 3]! |= 1 << (i & 7);
  }
  const amount = makeVector(makeData({ type: new Decimal(2, 12, 128), length: N, nullCount: nulls, nullBitmap: valid, data: words }));
  const id = vectorFromArray(Array.from({ length: N }, (_, i) => BigInt(i)), new Int64());
  writeFileSync(join(dir, 'd.parquet'), writeParquetBytes(new Table({ id, amount }), { maxRowGroupSize: 1000 }));
}, 60_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

describe('CTAS over 128-bit decimals', () => {
  it('keeps every value and NULL', async () => {
    const src = `read_parquet('${join(dir, 'd.parquet')}')`;
    await env.client.query(`CREATE TABLE dec AS SELECT * FROM ${src}`);
    const check = 'SELECT count(*) AS n, count(amount) AS vals, sum(amount) AS total, min(amount) AS lo, max(amount) AS hi';
    const [a, b] = await Promise.all([env.client.query(`${check} FROM dec`), env.client.query(`${check} FROM ${src}`)]);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows[0]).toMatchObject({ n: String(N), lo: '-246900.00', hi: '370103.10' });
    const rows = await env.client.query('SELECT id, amount FROM dec WHERE id IN (0, 4, 4998) ORDER BY id');
    expect(rows.rows).toEqual([{ id: '0', amount: '-246900.00' }, { id: '4', amount: null }, { id: '4998', amount: '370103.10' }]);
  });
});
