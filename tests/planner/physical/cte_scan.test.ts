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
      fields: [f('id', T.int8), f('kind', T.text), f('score', T.float8)],
      files: [[[1n, 'a', 1], [2n, 'b', 2], [3n, 'a', 30]], [[4n, 'c', 40], [5n, 'b', 500]]],
    },
  );
});

const explain = (sql: string): Promise<string[]> => explainSql(catalog, sql);
const scans = (lines: readonly string[]): number => lines.filter((l) => l.includes('Scan public.events')).length;

describe('materialised CTEs (EXPLAIN text)', () => {
  it('a CTE referenced twice is planned once: CTE <name> under its first reference, CTE Scan for each', async () => {
    const lines = await explain('WITH t AS (SELECT kind, sum(score) AS s FROM events GROUP BY kind) SELECT a.kind FROM t a JOIN t b ON a.kind = b.kind WHERE a.s > 10');
    expect(lines.filter((l) => l.includes('CTE Scan on t a')).length).toBe(1);
    expect(lines.filter((l) => l.includes('CTE Scan on t b')).length).toBe(1);
    expect(lines.filter((l) => l.trim() === 'CTE t')).toHaveLength(1);
    expect(scans(lines)).toBe(1);
    // the filter of one reference stays above it: the shared plan has no filter
    expect(lines.some((l) => l.includes('Filter  (s > 10') )).toBe(true);
    expect(lines.find((l) => l.includes('Scan public.events'))).not.toContain('filter=');
  });

  it('the CTE Scan estimate comes from the CTE plan', async () => {
    const lines = await explain('WITH t AS MATERIALIZED (SELECT kind FROM events GROUP BY kind) SELECT * FROM t');
    const cteAgg = lines.find((l) => l.includes('HashAggregate'))!;
    const rows = /\(rows=(\d+)\)/.exec(cteAgg)![1];
    expect(lines[0]).toBe(`CTE Scan on t  (rows=${rows})`);
    expect(lines[1]).toBe('  CTE t');
  });

  it('referenced once, or AS NOT MATERIALIZED, a CTE is inlined (filters reach the scan)', async () => {
    const once = await explain('WITH t AS (SELECT id FROM events) SELECT id FROM t WHERE id > 3');
    expect(once.some((l) => l.includes('CTE'))).toBe(false);
    expect(once.join('\n')).toContain('filter=(id > 3)');
    const never = await explain('WITH t AS NOT MATERIALIZED (SELECT id FROM events) SELECT a.id FROM t a JOIN t b ON a.id = b.id');
    expect(never.some((l) => l.includes('CTE'))).toBe(false);
    expect(scans(never)).toBe(2);
  });

  it('a volatile CTE is materialised even when referenced once or NOT MATERIALIZED', async () => {
    expect((await explain('WITH r AS (SELECT random() AS x) SELECT x FROM r'))[0]).toContain('CTE Scan on r');
    expect((await explain('WITH r AS NOT MATERIALIZED (SELECT random() AS x) SELECT a.x FROM r a, r b')).join('\n')).toContain('CTE Scan on r a');
  });

  it('a scalar subquery reads the same CTE as the main query (same rows, one materialisation)', async () => {
    const sql = 'WITH t AS (SELECT kind, sum(score) AS s FROM events GROUP BY kind) SELECT kind FROM t WHERE s = (SELECT max(s) FROM t)';
    const lines = await explain(sql);
    expect(lines.filter((l) => l.includes('CTE Scan on t')).length).toBe(2);
    expect(scans(lines)).toBe(1);
    expect((await runSql(catalog, sql)).rows).toEqual([['b']]);
  });

  it('every reference of a volatile CTE sees the same values', async () => {
    const r = await runSql(catalog, 'WITH r AS (SELECT random() AS x FROM events) SELECT count(*) FROM r a JOIN r b ON a.x = b.x');
    expect(r.rows).toEqual([[5n]]);
  });
});
