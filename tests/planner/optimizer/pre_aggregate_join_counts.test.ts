import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';
import { explainSql, nullableField, runSql, tinyCatalog } from '../../executor/support/tiny_lake.js';

let catalog: Catalog;
beforeAll(async () => {
  const f = nullableField;
  catalog = await tinyCatalog(
    { schema: 'public', name: 'cust', fields: [f('id', T.int8), f('name', T.text)], files: [[[1n, 'ann'], [2n, 'bob'], [2n, 'bob2'], [3n, 'cy'], [null, 'nil']]] },
    {
      schema: 'public', name: 'ord', fields: [f('oid', T.int8), f('cust', T.int8), f('note', T.text)],
      files: [[[10n, 1n, 'x'], [11n, 1n, 'special'], [12n, 2n, 'y']], [[null, 2n, 'z'], [14n, 2n, 'x'], [15n, null, 'x']]],
    },
    { schema: 'public', name: 'ord_nn', fields: [f('oid', T.int8), f('cust', T.int8)], files: [[[10n, 1n], [11n, 1n], [12n, 2n]]] },
  );
});

describe('counting a left-joined scan per join key first', () => {
  it('groups the counted scan by its join key under the join and sums the per-key counts', async () => {
    const sql = "SELECT c.id, count(o.oid) FROM cust c LEFT JOIN ord o ON c.id = o.cust AND o.note <> 'special' GROUP BY c.id";
    const text = (await explainSql(catalog, sql)).join('\n');
    expect(text).toMatch(/HashAggregate.*keys=id {2}aggs=sum\(count1\)/);
    expect(text).toMatch(/HashAggregate.*keys=cust {2}aggs=count\(oid\)/);
    expect(text).toContain('COALESCE(count, 0)');
    const r = await runSql(catalog, `${sql} ORDER BY 1 NULLS FIRST`);
    // duplicate left key 2 counts its matches once per left row; NULL oid not counted; no match → 0
    expect(r.rows).toEqual([[null, 0n], [1n, 1n], [2n, 4n], [3n, 0n]]);
  });

  it('counts rows (count(*)) when the files say the counted column has no NULLs', async () => {
    const text = (await explainSql(catalog, 'SELECT c.name, count(o.oid) FROM cust c LEFT JOIN ord_nn o ON c.id = o.cust GROUP BY c.name')).join('\n');
    expect(text).toMatch(/keys=cust {2}aggs=count\(\*\)/);
    const r = await runSql(catalog, 'SELECT c.name, count(o.oid) FROM cust c LEFT JOIN ord_nn o ON c.id = o.cust GROUP BY c.name ORDER BY 1');
    expect(r.rows).toEqual([['ann', 2n], ['bob', 1n], ['bob2', 1n], ['cy', 0n], ['nil', 0n]]);
  });

  it('leaves count(*), inner joins and right-side group keys alone', async () => {
    for (const sql of [
      'SELECT c.id, count(*) FROM cust c LEFT JOIN ord o ON c.id = o.cust GROUP BY c.id',
      'SELECT c.id, count(o.oid) FROM cust c JOIN ord o ON c.id = o.cust GROUP BY c.id',
      'SELECT o.note, count(o.oid) FROM cust c LEFT JOIN ord o ON c.id = o.cust GROUP BY o.note',
    ]) {
      expect((await explainSql(catalog, sql)).join('\n')).not.toContain('sum(count1)');
    }
  });
});
