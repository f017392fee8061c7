/**
 * Columns a scan reads only for its pushed-down filter are not returned by it: projection push-down hides them
 * behind a column-only Project, lowering fuses that Project into the scan (`output=` in EXPLAIN), and partial
 * aggregation and broadcast-join probes still run in the scan tasks over the output columns.
 */
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
      fields: [f('id', T.int8), f('kind', T.text), f('score', T.float8), f('note', T.text)],
      files: [
        [[1n, 'a', 1, 'x'], [2n, 'b', 2, 'y']],
        [[3n, 'a', 30, 'x'], [4n, 'c', 40, 'y']],
        [[5n, 'b', 500, 'z'], [6n, 'b', null, 'z']],
      ],
    },
    { schema: 'public', name: 'kinds', fields: [f('kind', T.text), f('label', T.text)], files: [[['a', 'Alpha'], ['b', 'Beta']]] },
  );
});

const explain = (sql: string): Promise<string[]> => explainSql(catalog, sql);

describe('filter-only scan columns', () => {
  it('a partial aggregate over a scan does not get the filter-only column', async () => {
    const sql = 'SELECT kind, count(*) FROM events WHERE score > 1 GROUP BY kind ORDER BY kind';
    const lines = await explain(sql);
    const scan = lines.find((l) => l.includes('Scan public.events'))!;
    expect(scan).toMatch(/columns=kind, score {2}filter=\(score > .*\) {2}output=kind {2}partial=\[kind, count\(\*\)\]/);
    expect(lines.some((l) => l.includes('Project'))).toBe(false);
    expect((await runSql(catalog, sql)).rows).toEqual([['a', 1n], ['b', 2n], ['c', 1n]]);
  });

  it('a join probe side returns only the columns the join and its parents use', async () => {
    const sql = "SELECT e.id, k.label FROM events e JOIN kinds k ON k.kind = e.kind WHERE e.score > 1 AND e.note <> 'q' ORDER BY e.id";
    const lines = await explain(sql);
    const scan = lines.find((l) => l.includes('Scan public.events'))!;
    expect(scan).toContain('columns=id, kind, score, note');
    expect(scan).toContain('output=id, kind');
    expect((await runSql(catalog, sql)).rows).toEqual([[2n, 'Beta'], [3n, 'Alpha'], [5n, 'Beta']]);
  });

  it('a column used by the filter and above the scan stays in the output', async () => {
    const sql = 'SELECT id, score FROM events WHERE score > 1 ORDER BY id';
    const lines = await explain(sql);
    expect(lines.find((l) => l.includes('Scan public.events'))).not.toContain('output=');
    expect((await runSql(catalog, sql)).rows).toEqual([[2n, 2], [3n, 30], [4n, 40], [5n, 500]]);
  });

  it('a scan whose every column is filter-only returns zero-column batches of the right length', async () => {
    const sql = "SELECT count(*) FROM events WHERE score > 1 AND note = 'x'";
    const scan = (await explain(sql)).find((l) => l.includes('Scan public.events'))!;
    expect(scan).toContain('output=(none)');
    expect((await runSql(catalog, sql)).rows).toEqual([[1n]]);
  });
});
