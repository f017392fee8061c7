import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../catalog/catalog.js';
import { D, runSql, salesLake } from './support/tiny_lake.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = (await salesLake()).catalog();
});

describe('queries over a tiny Delta-like lake (inline pool)', () => {
  it('scans a partitioned table with the partition column filled', async () => {
    const r = await runSql(catalog, 'SELECT id, customer, day FROM sales.orders ORDER BY id');
    expect(r.names).toEqual(['id', 'customer', 'day']);
    expect(r.rows).toEqual([
      [1n, 'ann', D('2024-01-01')],
      [2n, 'bob', D('2024-01-02')],
      [3n, 'ann', D('2024-01-01')],
      [4n, 'bob', D('2024-01-02')],
      [5n, 'cat', D('2024-01-03')],
    ]);
  });
});

describe('SELECT features', () => {
  it('groups, aggregates, HAVING and ORDER BY (partial aggregation in scan tasks)', async () => {
    const r = await runSql(catalog, "SELECT customer, count(*), sum(amount), avg(amount), max(id) FROM sales.orders WHERE id > 0 GROUP BY customer HAVING count(*) > 1 ORDER BY customer");
    expect(r.names).toEqual(['customer', 'count', 'sum', 'avg', 'max']);
    expect(r.rows).toEqual([
      ['ann', 2n, 31, 15.5, 3n],
      ['bob', 2n, 40, 40, 4n],
    ]);
  });

  it('aggregates without GROUP BY over no rows give one row', async () => {
    const r = await runSql(catalog, 'SELECT count(*), sum(amount) FROM sales.orders WHERE id > 100');
    expect(r.rows).toEqual([[0n, null]]);
  });

  it('inner join with aliases, ORDER BY ordinal and LIMIT', async () => {
    const r = await runSql(catalog, 'SELECT o.id, c.name, c.city FROM sales.orders o JOIN sales.customers c ON c.name = o.customer ORDER BY 1 LIMIT 3');
    expect(r.names).toEqual(['id', 'name', 'city']);
    expect(r.rows).toEqual([
      [1n, 'ann', 'Oslo'],
      [2n, 'bob', 'Lima'],
      [3n, 'ann', 'Oslo'],
    ]);
  });

  it('left and right joins keep unmatched rows', async () => {
    const l = await runSql(catalog, 'SELECT o.id, c.city FROM sales.orders o LEFT JOIN sales.customers c ON c.name = o.customer ORDER BY o.id');
    expect(l.rows).toEqual([[1n, 'Oslo'], [2n, 'Lima'], [3n, 'Oslo'], [4n, 'Lima'], [5n, null]]);
    const r = await runSql(catalog, 'SELECT c.name, count(o.id) FROM sales.orders o RIGHT JOIN sales.customers c ON c.name = o.customer GROUP BY c.name ORDER BY c.name');
    expect(r.rows).toEqual([['ann', 2n], ['bob', 2n], ['dan', 0n]]);
  });

  it('USING join, comma join with WHERE, cross join count', async () => {
    const u = await runSql(catalog, 'SELECT name, id FROM sales.orders o JOIN (SELECT name AS customer, name FROM sales.customers) c USING (customer) ORDER BY id DESC');
    expect(u.rows).toEqual([['bob', 4n], ['ann', 3n], ['bob', 2n], ['ann', 1n]]);
    const w = await runSql(catalog, "SELECT o.id FROM sales.orders o, sales.customers c WHERE o.customer = c.name AND c.city = 'Lima' ORDER BY o.id");
    expect(w.rows).toEqual([[2n], [4n]]);
    const x = await runSql(catalog, 'SELECT count(*) FROM sales.orders CROSS JOIN sales.customers');
    expect(x.rows).toEqual([[15n]]);
  });

  it('non-equi join runs as a nested loop', async () => {
    const r = await runSql(catalog, 'SELECT a.id, b.id FROM sales.orders a JOIN sales.orders b ON a.id + 3 < b.id ORDER BY 1, 2');
    expect(r.rows).toEqual([[1n, 5n]]);
  });

  it('ORDER BY DESC puts NULLs first by default, NULLS LAST on request', async () => {
    const a = await runSql(catalog, 'SELECT id, amount FROM sales.orders ORDER BY amount DESC');
    expect(a.rows.map((x) => x[0])).toEqual([2n, 4n, 3n, 1n, 5n]);
    const b = await runSql(catalog, 'SELECT id FROM sales.orders ORDER BY amount DESC NULLS LAST, id');
    expect(b.rows.map((x) => x[0])).toEqual([4n, 3n, 1n, 5n, 2n]);
    const c = await runSql(catalog, 'SELECT id FROM sales.orders ORDER BY amount');
    expect(c.rows.map((x) => x[0])).toEqual([5n, 1n, 3n, 4n, 2n]);
  });

  it('ORDER BY an expression not in the select list, OFFSET and FETCH FIRST', async () => {
    const r = await runSql(catalog, 'SELECT customer FROM sales.orders ORDER BY -id OFFSET 1 FETCH FIRST 2 ROWS ONLY');
    expect(r.names).toEqual(['customer']);
    expect(r.rows).toEqual([['bob'], ['ann']]);
  });

  it('DISTINCT, GROUP BY alias and expressions', async () => {
    const d = await runSql(catalog, 'SELECT DISTINCT customer FROM sales.orders ORDER BY customer');
    expect(d.rows).toEqual([['ann'], ['bob'], ['cat']]);
    const g = await runSql(catalog, 'SELECT id % 2 AS parity, count(*) FROM sales.orders GROUP BY parity ORDER BY parity');
    expect(g.rows).toEqual([[0n, 2n], [1n, 3n]]);
    const e = await runSql(catalog, 'SELECT upper(customer), count(*) FROM sales.orders GROUP BY upper(customer) ORDER BY 1');
    expect(e.names).toEqual(['upper', 'count']);
    expect(e.rows).toEqual([['ANN', 2n], ['BOB', 2n], ['CAT', 1n]]);
  });

  it('VALUES, SELECT without FROM, subquery in FROM, * and t.*', async () => {
    const v = await runSql(catalog, "VALUES (1, 'a'), (2, NULL)");
    expect(v.names).toEqual(['column1', 'column2']);
    expect(v.rows).toEqual([[1, 'a'], [2, null]]);
    const s = await runSql(catalog, "SELECT 1 + 2, 'x' AS y");
    expect(s.names).toEqual(['?column?', 'y']);
    expect(s.rows).toEqual([[3, 'x']]);
    const q = await runSql(catalog, 'SELECT * FROM (SELECT id, customer FROM sales.orders WHERE id < 3) t ORDER BY id');
    expect(q.names).toEqual(['id', 'customer']);
    expect(q.rows).toEqual([[1n, 'ann'], [2n, 'bob']]);
    const c = await runSql(catalog, 'SELECT c.* FROM sales.customers c ORDER BY city');
    expect(c.names).toEqual(['name', 'city']);
    expect(c.rows[0]).toEqual(['bob', 'Lima']);
  });
});

describe('date literals (needs common/values date parsing)', () => {
  it('filters on the partition column with a DATE literal', async () => {
    const r = await runSql(catalog, "SELECT customer, count(*) FROM sales.orders WHERE day >= DATE '2024-01-02' GROUP BY customer ORDER BY customer");
    expect(r.rows).toEqual([['bob', 2n], ['cat', 1n]]);
  });
});
