import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';
import { explainPlan } from '../../../planner/explain.js';
import { planQuery } from '../../../planner/plan_query.js';
import { TinyLake, nullableField, parseSelect, planContext, runSql } from '../../executor/support/tiny_lake.js';

// A star: `fact` (600 rows) with keys into `dim_a` (30 rows, id 1..30) and `dim_b` (20 rows, id 1..20);
// `tiny` (3 rows) hangs off dim_b (a chain fact → dim_b → tiny).
let catalog: Catalog;
beforeAll(async () => {
  const lake = new TinyLake();
  const f = nullableField;
  const fact = Array.from({ length: 600 }, (_, i) => [BigInt(i + 1), BigInt((i % 30) + 1), BigInt((i % 20) + 1), (i % 7) * 1.5]);
  await lake.addTable({ schema: 'public', name: 'fact', fields: [f('id', T.int8), f('a', T.int8), f('b', T.int8), f('v', T.float8)], files: [fact.slice(0, 300), fact.slice(300)] });
  await lake.addTable({ schema: 'public', name: 'dim_a', fields: [f('id', T.int8), f('name', T.text)], files: [Array.from({ length: 30 }, (_, i) => [BigInt(i + 1), `a${i + 1}`])] });
  await lake.addTable({ schema: 'public', name: 'dim_b', fields: [f('id', T.int8), f('t', T.int8), f('label', T.text)], files: [Array.from({ length: 20 }, (_, i) => [BigInt(i + 1), BigInt((i % 3) + 1), `b${i + 1}`])] });
  await lake.addTable({ schema: 'public', name: 'tiny', fields: [f('id', T.int8), f('kind', T.text)], files: [[[1n, 'x'], [2n, 'y'], [3n, 'z']]] });
  await lake.addTable({ schema: 'public', name: 'lft', fields: [f('k', T.int8), f('z', T.int8)], files: [[[1n, 1n], [2n, 1n], [3n, 2n], [4n, null]]] });
  await lake.addTable({ schema: 'public', name: 'rgt', fields: [f('k', T.int8), f('y', T.int8)], files: [[[1n, 10n], [2n, 3n], [5n, 7n]]] });
  catalog = lake.catalog();
});

async function explain(sql: string): Promise<string[]> {
  const planned = await planQuery(await parseSelect(sql), planContext(catalog, sql));
  return explainPlan(planned.plan);
}

/** depth of the first line naming `text` (EXPLAIN indents two spaces per level) */
function depthOf(lines: readonly string[], text: string): number {
  const l = lines.find((x) => x.includes(text));
  if (!l) throw new Error(`${text} not in plan:\n${lines.join('\n')}`);
  return (l.length - l.trimStart().length) / 2;
}

describe('join ordering', () => {
  it('never builds a cross product when the comma list is connected through a later table', async () => {
    // fact and tiny are not connected directly; written order fact, tiny, dim_b would start with a cross join
    const sql = 'SELECT count(*) FROM fact, tiny, dim_b WHERE fact.b = dim_b.id AND dim_b.t = tiny.id';
    const lines = await explain(sql);
    expect(lines.join('\n')).not.toContain('NestedLoopJoin');
    expect(lines.filter((l) => l.includes('Hash Join inner')).length).toBe(2);
    expect((await runSql(catalog, sql)).rows).toEqual([[600n]]);
  });

  it('joins the selective dimension first in a star join', async () => {
    // dim_a filtered to one row makes fact ⋈ dim_a small: it must be the lower join, dim_b joined above it
    const sql = "SELECT sum(fact.v) FROM fact, dim_b, dim_a WHERE fact.b = dim_b.id AND fact.a = dim_a.id AND dim_a.name = 'a7'";
    const lines = await explain(sql);
    expect(depthOf(lines, 'Scan public.dim_a')).toBeGreaterThan(depthOf(lines, 'Scan public.dim_b'));
    expect(lines.find((l) => l.includes('Scan public.dim_a'))).toContain("filter=(name = 'a7'::text)");
    const expected = (await runSql(catalog, 'SELECT sum(v) FROM fact WHERE a = 7')).rows;
    expect((await runSql(catalog, sql)).rows).toEqual(expected);
  });

  it('builds hash tables on the smaller side and says so in EXPLAIN', async () => {
    const lines = await explain('SELECT fact.id FROM dim_a JOIN fact ON fact.a = dim_a.id');
    const join = lines.find((l) => l.includes('Hash Join'))!;
    expect(join).toMatch(/Hash Join inner \(build: (left|right), broadcast\) {2}on /);
    // the build side is dim_a (30 rows) whichever side it was written on
    const buildIsRight = join.includes('build: right');
    const scans = lines.filter((l) => l.includes('Scan public.'));
    expect(scans[buildIsRight ? 1 : 0]).toContain('dim_a');
    expect(join).toContain('(rows=600)');
  });

  it('estimates rows from min/max ranges, equality on key ranges and IN lists', async () => {
    const scan = async (where: string) => (await explain(`SELECT id, a FROM fact WHERE ${where}`)).find((l) => l.includes('Scan public.fact'));
    expect(await scan('id <= 150')).toContain('(rows=150)');
    expect(await scan('id BETWEEN 101 AND 400')).toContain('(rows=300)');
    expect(await scan('a = 3')).toContain('(rows=20)');
    expect(await scan('a IN (1, 2, 3)')).toContain('(rows=60)');
    expect(await scan('a = 3 OR a = 4')).toMatch(/\(rows=(39|40)\)/);
    expect((await explain('SELECT a, count(*) FROM fact GROUP BY a'))[0]).toContain('(rows=30)');
  });
});

describe('predicate placement around joins', () => {
  it('left join: WHERE on the preserved side and ON conditions on the nullable side go into the scans', async () => {
    const sql = 'SELECT lft.k, rgt.y FROM lft LEFT JOIN rgt ON lft.k = rgt.k AND rgt.y > 5 WHERE lft.z = 1 ORDER BY 1';
    const lines = await explain(sql);
    expect(lines.find((l) => l.includes('Scan public.lft'))).toContain('filter=(z = 1)');
    expect(lines.find((l) => l.includes('Scan public.rgt'))).toContain('filter=(y > 5)');
    expect((await runSql(catalog, sql)).rows).toEqual([[1n, 10n], [2n, null]]);
  });

  it('left join: a WHERE test of the nullable side stays above the join', async () => {
    const sql = 'SELECT lft.k FROM lft LEFT JOIN rgt ON lft.k = rgt.k WHERE rgt.y IS NULL ORDER BY 1';
    const lines = await explain(sql);
    expect(lines.find((l) => l.includes('Scan public.rgt'))).not.toContain('filter=');
    expect(depthOf(lines, 'Filter')).toBeLessThan(depthOf(lines, 'Hash Join left'));
    expect((await runSql(catalog, sql)).rows).toEqual([[3n], [4n]]);
  });

  it('OR-factoring finds the join key repeated in every branch and derives per-table filters', async () => {
    const sql = 'SELECT fact.id FROM fact, dim_b WHERE (fact.b = dim_b.id AND dim_b.t = 1 AND fact.v > 7) OR (fact.b = dim_b.id AND dim_b.t = 2 AND fact.v < 1)';
    const lines = await explain(sql);
    const text = lines.join('\n');
    expect(text).toContain('Hash Join inner');
    expect(text).not.toContain('NestedLoopJoin');
    expect(lines.find((l) => l.includes('Scan public.dim_b'))).toContain('filter=((t = 1) OR (t = 2))');
    expect(lines.find((l) => l.includes('Scan public.fact'))).toContain('filter=((v > 7) OR (v < 1))');
    const got = (await runSql(catalog, `${sql} ORDER BY 1`)).rows;
    const want = (await runSql(catalog, 'SELECT id FROM fact WHERE (((b - 1) % 3 = 0) AND v > 7) OR (((b - 1) % 3 = 1) AND v < 1) ORDER BY 1')).rows;
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  it('propagates a constant across an equi-join (a = b AND a = 5 ⇒ b = 5 in both scans)', async () => {
    const sql = 'SELECT fact.id FROM fact JOIN dim_a ON fact.a = dim_a.id JOIN tiny ON tiny.id = dim_a.id WHERE dim_a.id = 2 ORDER BY 1';
    const lines = await explain(sql);
    expect(lines.find((l) => l.includes('Scan public.fact'))).toContain('filter=(a = 2)');
    expect(lines.find((l) => l.includes('Scan public.tiny'))).toContain('filter=(id = 2)');
    const rows = (await runSql(catalog, sql)).rows;
    expect(rows.length).toBe(20);
    expect(rows[0]).toEqual([2n]);
  });
});

describe('top-N', () => {
  it('ORDER BY … LIMIT becomes a Top-N node with the same rows as a full sort', async () => {
    const sql = 'SELECT id, v FROM fact ORDER BY v DESC, id LIMIT 5 OFFSET 2';
    const lines = await explain(sql);
    expect(lines[0]).toBe('Top-N  5 offset=2  by v DESC, id  (rows=5)');
    const rows = (await runSql(catalog, sql)).rows;
    const all = (await runSql(catalog, 'SELECT id, v FROM fact ORDER BY v DESC, id')).rows;
    expect(rows).toEqual(all.slice(2, 7));
  });
});
