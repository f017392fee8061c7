import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../catalog/catalog.js';
import { QueryError } from '../../../common/errors.js';
import { planQuery } from '../../../planner/plan_query.js';
import { parseSelect, planContext, salesLake } from '../../executor/support/tiny_lake.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = (await salesLake()).catalog();
});

async function planError(sql: string): Promise<QueryError> {
  try {
    await planQuery(await parseSelect(sql), { ...planContext(catalog, sql), searchPath: ['sales'] });
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`expected an error for: ${sql}`);
}

async function fields(sql: string) {
  return (await planQuery(await parseSelect(sql), { ...planContext(catalog, sql), searchPath: ['sales'] })).fields;
}

describe('SELECT binder errors', () => {
  it('42P01 for a missing relation, with its position', async () => {
    const e = await planError('SELECT * FROM nope');
    expect([e.sqlstate, e.message, e.position]).toEqual(['42P01', 'relation "nope" does not exist', 15]);
    const q = await planError('SELECT * FROM sales.nope');
    expect(q.message).toBe('relation "sales.nope" does not exist');
  });

  it('42703 for a missing column and 42702 for an ambiguous one', async () => {
    const e = await planError('SELECT idd FROM orders');
    expect([e.sqlstate, e.message, e.position]).toEqual(['42703', 'column "idd" does not exist', 8]);
    const q = await planError('SELECT o.idd FROM orders o');
    expect([q.sqlstate, q.message]).toEqual(['42703', 'column o.idd does not exist']);
    const a = await planError('SELECT id FROM orders a, orders b');
    expect([a.sqlstate, a.message]).toEqual(['42702', 'column reference "id" is ambiguous']);
    const m = await planError('SELECT x.id FROM orders o');
    expect([m.sqlstate, m.message]).toEqual(['42P01', 'missing FROM-clause entry for table "x"']);
  });

  it('42803 for a column that is neither grouped nor aggregated', async () => {
    const e = await planError('SELECT o.id, count(*) FROM orders o GROUP BY o.customer');
    expect([e.sqlstate, e.message, e.position]).toEqual(['42803', 'column "o.id" must appear in the GROUP BY clause or be used in an aggregate function', 8]);
    const f = await planError('SELECT id, count(*) FROM orders');
    expect(f.message).toBe('column "orders.id" must appear in the GROUP BY clause or be used in an aggregate function');
  });

  it('42P10 for a bad ORDER BY position, 42804 for a non-boolean WHERE', async () => {
    const e = await planError('SELECT id FROM orders ORDER BY 2');
    expect([e.sqlstate, e.message]).toEqual(['42P10', 'ORDER BY position 2 is not in select list']);
    const w = await planError('SELECT id FROM orders WHERE id');
    expect([w.sqlstate, w.message]).toEqual(['42804', 'argument of WHERE must be type boolean, not type bigint']);
  });

  it('names output columns as PostgreSQL does', async () => {
    const f = await fields('SELECT count(*), sum(amount), avg(amount), id + 1, id AS x, customer, upper(customer), amount::int, 1 FROM orders GROUP BY id, customer, amount');
    expect(f.map((x) => x.name)).toEqual(['count', 'sum', 'avg', '?column?', 'x', 'customer', 'upper', 'amount', '?column?']);
    expect(f.map((x) => x.type.kind)).toEqual(['int8', 'float8', 'float8', 'int8', 'int8', 'text', 'text', 'int4', 'int4']);
  });

  it('VALUES with INSERT target types', async () => {
    const sql = "VALUES (1, '2024-01-01', 10.5)";
    const planned = await planQuery(await parseSelect(sql), planContext(catalog, sql), {
      targetTypes: [{ kind: 'int8' }, { kind: 'text' }, { kind: 'numeric', precision: 12, scale: 2 }],
      targetNames: ['id', 'day', 'amount'],
    });
    expect(planned.fields.map((x) => x.type)).toEqual([{ kind: 'int8' }, { kind: 'text' }, { kind: 'numeric', precision: 12, scale: 2 }]);
  });
});
