import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';
import { explainPlan } from '../../../planner/explain.js';
import { planQuery } from '../../../planner/plan_query.js';
import { TinyLake, nullableField, parseSelect, planContext, runSql } from '../../executor/support/tiny_lake.js';

let catalog: Catalog;
beforeAll(async () => {
  const lake = new TinyLake();
  const f = nullableField;
  await lake.addTable({ schema: 'public', name: 'li', fields: [f('pk', T.int8), f('qty', T.int8)], files: [[[1n, 5n], [2n, 7n]]] });
  await lake.addTable({ schema: 'public', name: 'pa', fields: [f('id', T.int8), f('brand', T.text)], files: [[[1n, 'a'], [2n, 'b']]] });
  catalog = lake.catalog();
});

async function explain(sql: string): Promise<string> {
  const planned = await planQuery(await parseSelect(sql), planContext(catalog, sql));
  return explainPlan(planned.plan).join('\n');
}

describe('decorrelated scalar aggregate restricted to the outer keys (q17 shape)', () => {
  it('semi-joins the aggregate input with the filtered table that supplies the correlation key', async () => {
    const text = await explain("SELECT sum(qty) FROM li, pa WHERE pa.id = li.pk AND brand = 'a' AND qty < (SELECT avg(qty) FROM li l2 WHERE l2.pk = pa.id)");
    const agg = text.indexOf('HashAggregate  keys=pk');
    expect(agg).toBeGreaterThan(0);
    const below = text.slice(agg);
    expect(below).toMatch(/Hash Semi Join {2}on pk = id/);
    expect(below).toMatch(/Scan public\.pa .*filter=\(brand = 'a'/);
  });

  it('leaves the aggregate alone when no outer conjunct filters the key table', async () => {
    const text = await explain('SELECT sum(qty) FROM li, pa WHERE pa.id = li.pk AND qty < (SELECT avg(qty) FROM li l2 WHERE l2.pk = pa.id)');
    expect(text).toMatch(/HashAggregate/);
    expect(text).not.toMatch(/Semi Join/);
  });

  it('restricts by a semi join over the key table (q20 shape: IN, then a correlated sum)', async () => {
    const sql = 'SELECT pa.id FROM pa WHERE pa.id IN (SELECT pk FROM li WHERE qty > 6) AND 3 < (SELECT sum(qty) FROM li l2 WHERE l2.pk = pa.id)';
    const text = await explain(sql);
    const agg = text.indexOf('HashAggregate  keys=pk');
    expect(agg).toBeGreaterThan(0);
    expect(text.slice(agg)).toMatch(/Hash Semi Join {2}on pk = id/);
    expect((await runSql(catalog, sql)).rows).toEqual([[2n]]);
  });
});
