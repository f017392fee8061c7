import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';
import { explainPlan } from '../../../planner/explain.js';
import { planQuery } from '../../../planner/plan_query.js';
import { TinyLake, nullableField, parseSelect, planContext } from '../../executor/support/tiny_lake.js';

let catalog: Catalog;
beforeAll(async () => {
  const lake = new TinyLake();
  const f = nullableField;
  await lake.addTable({ schema: 'public', name: 'orders', fields: [f('id', T.int8), f('cust', T.int8), f('amount', T.int8)], files: [[[1n, 1n, 10n], [2n, 2n, 20n], [3n, 1n, 30n]]] });
  await lake.addTable({ schema: 'public', name: 'custs', fields: [f('id', T.int8), f('name', T.text)], files: [[[1n, 'ann'], [2n, 'bob']]] });
  await lake.addTable({ schema: 'public', name: 'items', fields: [f('order_id', T.int8), f('qty', T.int8)], files: [[[1n, 5n], [3n, 7n]]] });
  catalog = lake.catalog();
});

async function explain(sql: string): Promise<string> {
  const planned = await planQuery(await parseSelect(sql), planContext(catalog, sql));
  return explainPlan(planned.plan).join('\n');
}

describe('subquery decorrelation', () => {
  it('turns correlated EXISTS into a hash semi join with the correlation as keys', async () => {
    const text = await explain('SELECT id FROM orders o WHERE EXISTS (SELECT 1 FROM items i WHERE i.order_id = o.id AND i.qty > 1)');
    expect(text).toMatch(/Hash Semi Join {2}on id = order_id/);
    expect(text).not.toContain('Subquery Apply');
    expect(text).toMatch(/Scan public\.items .*filter=\(qty > 1/);
  });

  it('turns NOT EXISTS into an anti join, keeping non-equi correlation as the residual', async () => {
    const text = await explain('SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.cust = o.cust AND o2.id <> o.id)');
    expect(text).toMatch(/Hash Anti Join {2}on cust = cust {2}residual=\(id <> id\)/);
  });

  it('turns IN into a semi join and NOT IN into a null-aware anti join', async () => {
    expect(await explain('SELECT id FROM orders WHERE cust IN (SELECT id FROM custs)')).toMatch(/Hash Semi Join {2}on cust = id/);
    expect(await explain('SELECT id FROM orders WHERE cust NOT IN (SELECT id FROM custs)')).toMatch(/Hash Anti Join \(null-aware\) {2}on cust = id/);
  });

  it('turns a correlated aggregate subquery into a left join against the grouped aggregate', async () => {
    const text = await explain('SELECT id FROM orders o WHERE amount > (SELECT avg(amount) FROM orders o2 WHERE o2.cust = o.cust)');
    expect(text).toMatch(/Hash Join left/);
    expect(text).toMatch(/HashAggregate.*keys=cust {2}aggs=avg\(amount\)/);
    expect(text).not.toContain('Subquery Apply');
  });

  it('joins a correlated aggregate in the SELECT list against the grouped aggregate too', async () => {
    const text = await explain('SELECT id, (SELECT count(*) FROM items i WHERE i.order_id = o.id) FROM orders o');
    expect(text).toMatch(/Hash Join left/);
    expect(text).toContain('COALESCE(count, 0)');
    expect(text).not.toContain('Subquery Apply');
  });

  it('moves a semi join below the join to the input it filters', async () => {
    const text = await explain('SELECT o.id, c.name FROM orders o, custs c WHERE o.cust = c.id AND o.id IN (SELECT order_id FROM items)');
    const lines = text.split('\n');
    const semi = lines.findIndex((l) => l.includes('Semi Join'));
    const join = lines.findIndex((l) => l.includes('Hash Join inner') || l.includes('HashJoin inner'));
    expect(semi).toBeGreaterThan(join);
  });

  it('keeps uncorrelated scalar subqueries as a subplan run once', async () => {
    const text = await explain('SELECT id FROM orders WHERE amount > (SELECT avg(amount) FROM orders)');
    expect(text).toContain('Subquery Apply  SubPlan 1 (scalar, once)');
  });

  it('falls back to a per-row subplan for correlation it cannot decorrelate', async () => {
    const text = await explain('SELECT id, (SELECT name FROM custs c WHERE c.id = o.cust) FROM orders o');
    expect(text).toContain('SubPlan 1 (scalar, correlated on cust)');
  });
});
