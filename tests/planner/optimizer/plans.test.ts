import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';
import { explainSql, nullableField, runSql, tinyCatalog } from '../../executor/support/tiny_lake.js';

let catalog: Catalog;
beforeAll(async () => {
  const f = nullableField;
  catalog = await tinyCatalog(
    {
      schema: 'public',
      name: 'events',
      fields: [f('id', T.int8), f('kind', T.text), f('score', T.float8), f('region', T.text)],
      partitionColumns: ['region'],
      files: [
        [[1n, 'a', 1, 'eu'], [2n, 'b', 2, 'eu']],
        [[3n, 'a', 30, 'us'], [4n, 'c', 40, 'us']],
        [[5n, 'b', 500, 'apac'], [6n, 'b', null, 'apac']],
      ],
    },
    { schema: 'public', name: 'kinds', fields: [f('kind', T.text), f('label', T.text)], files: [[['a', 'Alpha'], ['b', 'Beta']]] },
  );
});

const explain = (sql: string): Promise<string[]> => explainSql(catalog, sql);

describe('optimizer plans (EXPLAIN text)', () => {
  it('pushes a filter into the scan, prunes partitions and reads only needed columns', async () => {
    const lines = await explain("SELECT id FROM events WHERE region = 'us'");
    // region is read for the filter only: the scan returns id alone (the Project is fused into it)
    expect(lines).toEqual([
      "Scan public.events  files=1/3  columns=id, region  filter=(region = 'us'::text)  output=id  (rows=2)",
    ]);
  });

  it('skips files by min/max stats and by null counts', async () => {
    expect((await explain('SELECT id FROM events WHERE score > 100'))[0]).toContain('files=1/3');
    expect((await explain('SELECT id FROM events WHERE score <= 2'))[0]).toContain('files=1/3');
    expect((await explain('SELECT id FROM events WHERE score IS NULL'))[0]).toContain('files=1/3');
    expect((await explain('SELECT id FROM events WHERE score > 0'))[0]).toContain('files=3/3');
  });

  it('aggregates partially in the scan tasks', async () => {
    const lines = await explain('SELECT kind, count(*) FROM events GROUP BY kind');
    expect(lines[0]).toBe('HashAggregate (final)  keys=kind  aggs=count(*)  (rows=3)');
    expect(lines[1]).toBe('  ->  Scan public.events  files=3/3  columns=kind  partial=[kind, count(*)]  (rows=6)');
  });

  it('pushes WHERE conjuncts into join sides and uses a hash join on the equi-condition', async () => {
    const lines = await explain("SELECT e.id, k.label FROM events e JOIN kinds k ON k.kind = e.kind WHERE k.label = 'Beta' AND e.region = 'apac'");
    expect(lines.join('\n')).toMatch(/Hash Join inner \(build: right, broadcast\) {2}on kind = kind {2}\(rows=2\)/);
    expect(lines.some((l) => l.includes("Scan public.events  files=1/3  columns=id, kind, region  filter=(region = 'apac'::text)"))).toBe(true);
    expect(lines.some((l) => l.includes("Scan public.kinds  files=1/1  columns=kind, label  filter=(label = 'Beta'::text)"))).toBe(true);
  });

  it('pushes a filter through a subquery projection', async () => {
    const lines = await explain("SELECT x FROM (SELECT id AS x, region FROM events) s WHERE region = 'eu'");
    expect(lines[lines.length - 1]).toContain("files=1/3  columns=id, region  filter=(region = 'eu'::text)");
  });

  it('caps an unfiltered scan under LIMIT', async () => {
    const lines = await explain('SELECT id FROM events LIMIT 2');
    expect(lines).toEqual(['Limit  2  (rows=2)', '  ->  Scan public.events  files=3/3  columns=id  limit=2  (rows=2)']);
  });

  it('cross join with a WHERE equality becomes an inner hash join', async () => {
    const lines = await explain('SELECT e.id FROM events e, kinds k WHERE e.kind = k.kind');
    expect(lines.join('\n')).toContain('Hash Join inner');
    expect(lines.join('\n')).not.toContain('NestedLoopJoin');
  });

  it('pruned queries return the right rows', async () => {
    const r = await runSql(catalog, "SELECT id, region FROM events WHERE region IN ('eu', 'apac') AND score IS NOT NULL ORDER BY id");
    expect(r.rows).toEqual([[1n, 'eu'], [2n, 'eu'], [5n, 'apac']]);
    const k = await runSql(catalog, "SELECT e.id, k.label FROM events e JOIN kinds k ON k.kind = e.kind WHERE k.label = 'Beta' AND e.region = 'apac' ORDER BY 1");
    expect(k.rows).toEqual([[5n, 'Beta'], [6n, 'Beta']]);
  });
});
