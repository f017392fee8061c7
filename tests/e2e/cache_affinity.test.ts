/**
 * Column-cache worker affinity through the wire on a 2-thread server: a scan task for a given file always runs
 * on the same thread, so the second run of the same scan is served entirely from the column caches (0 misses,
 * as EXPLAIN ANALYZE reports), and CACHE TABLE fills the caches the later scans read.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';

let pier: PierProcess;
let c: pg.Client;

/** Sum of the `Cache: hits=… misses=…` counters of an EXPLAIN ANALYZE. */
async function cacheCounters(sql: string): Promise<{ hits: number; misses: number }> {
  const r = await c.query(`EXPLAIN ANALYZE ${sql}`);
  const text = r.rows.map((row: Record<string, string>) => Object.values(row)[0]).join('\n');
  let hits = 0, misses = 0;
  for (const m of text.matchAll(/hits=(\d+) misses=(\d+)/g)) { hits += Number(m[1]); misses += Number(m[2]); }
  return { hits, misses };
}

beforeAll(async () => {
  pier = await startPier({ args: ['--workers', '2'] });
  c = await pier.client();
  await c.query('CREATE TABLE t (id int8, grp text, v float8)');
  await c.query('CREATE TABLE u (id int8, w float8)');
  // one data file per INSERT: 8 files for t, 6 for u
  for (let f = 0; f < 8; f++) await c.query(`INSERT INTO t SELECT g, 'g' || (g % 5), g * 0.5 FROM generate_series(${f * 1000}, ${f * 1000 + 999}) g`);
  for (let f = 0; f < 6; f++) await c.query(`INSERT INTO u SELECT g, g * 2.0 FROM generate_series(${f * 1000}, ${f * 1000 + 999}) g`);
}, 120_000);

afterAll(async () => {
  await c?.end();
  await pier?.stop();
});

describe('column-cache worker affinity (2 threads)', () => {
  it('the second run of the same scan misses nothing', async () => {
    for (const sql of [
      'SELECT grp, count(*), sum(v) FROM t GROUP BY grp',
      'SELECT id, v FROM t WHERE v > 3000',
      'SELECT count(*) FROM t JOIN u ON t.id = u.id WHERE u.w > 100',
    ]) {
      const first = await cacheCounters(sql);
      expect(first.misses).toBeGreaterThan(0);
      for (let run = 0; run < 3; run++) {
        const again = await cacheCounters(sql);
        expect(again).toEqual({ hits: first.hits + first.misses, misses: 0 });
      }
    }
    // and the answers are right
    const r = await c.query('SELECT count(*) AS n, sum(v) AS s FROM t');
    expect(r.rows).toEqual([{ n: '8000', s: String((7999 * 8000) / 4) }]);
  });

  it('after CLEAR CACHE, CACHE TABLE warms exactly what the next scan reads', async () => {
    await c.query('CLEAR CACHE');
    expect((await cacheCounters('SELECT sum(w) FROM u')).hits).toBe(0);
    await c.query('CLEAR CACHE');
    await c.query('CACHE TABLE u');
    const warm = await cacheCounters('SELECT sum(w), max(id) FROM u');
    expect(warm).toEqual({ hits: 12, misses: 0 });
  });
});
