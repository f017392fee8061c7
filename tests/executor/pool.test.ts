import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../catalog/catalog.js';
import { createWorkerPool, resolveWorkerScript, type WorkerPool } from '../../executor/pool.js';
import { runSql, salesLake } from './support/tiny_lake.js';

let catalog: Catalog;
let pool: WorkerPool;
beforeAll(async () => {
  catalog = (await salesLake()).catalog();
  pool = createWorkerPool({ threads: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe('worker pool', () => {
  it('threads: 0 runs tasks inline', async () => {
    const p = createWorkerPool({ threads: 0 });
    expect(p.mode).toBe('inline');
    const r = await runSql(catalog, 'SELECT count(*) FROM sales.orders', p);
    expect(r.rows).toEqual([[5n]]);
    await p.close();
  });

  it('runs scans and partial aggregates in worker threads (needs `npm run build`)', async () => {
    // the compiled worker must exist for this test to mean anything
    expect(resolveWorkerScript()).not.toBeNull();
    expect(pool.mode).toBe('threads');
    const scan = await runSql(catalog, 'SELECT id, customer, amount, day FROM sales.orders WHERE id <> 3 ORDER BY id', pool);
    expect(scan.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      [1n, 'ann', 10],
      [2n, 'bob', null],
      [4n, 'bob', 40],
      [5n, 'cat', 5],
    ]);
    const agg = await runSql(catalog, 'SELECT customer, count(*), sum(amount), min(id) FROM sales.orders GROUP BY customer ORDER BY customer', pool);
    expect(agg.rows).toEqual([
      ['ann', 2n, 31, 1n],
      ['bob', 2n, 40, 2n],
      ['cat', 1n, 5, 5n],
    ]);
    const distinctCount = await runSql(catalog, 'SELECT count(DISTINCT customer) FROM sales.orders', pool);
    expect(distinctCount.rows).toEqual([[3n]]);
  });
});
