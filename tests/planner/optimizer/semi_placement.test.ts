/**
 * Semi/anti joins (EXISTS / NOT EXISTS / IN) placed after the joins that shrink their input most
 * (planner/optimizer/join_order/semi_placement.ts), and run flipped when the left side is much smaller than
 * the right (executor/join/flipped_semi.ts): the plans, and the same rows as a brute-force evaluation, with
 * and without worker threads, NULL keys included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../catalog/catalog.js';
import { T } from '../../../common/types.js';
import type { Datum } from '../../../common/datum.js';
import { createWorkerPool, type WorkerPool } from '../../../executor/pool.js';
import { explainPlan } from '../../../planner/explain.js';
import { planQuery } from '../../../planner/plan_query.js';
import { TinyLake, nullableField, parseSelect, planContext, runSql } from '../../executor/support/tiny_lake.js';

// li: a lineitem-like table (ord, supp, late) with NULL ords; sup: 40 suppliers in 8 nations; nat: 8 nations
type Li = { ord: bigint | null; supp: bigint; late: bigint };
const li: Li[] = Array.from({ length: 1200 }, (_, i) => ({
  ord: i % 97 === 5 ? null : BigInt(Math.floor(i / 3) % 250),
  supp: BigInt(((i * 7) % 40) + 1),
  late: BigInt((i * 13) % 5 === 0 ? 1 : 0),
}));
const sup = Array.from({ length: 40 }, (_, i) => ({ id: BigInt(i + 1), nation: BigInt((i % 8) + 1) }));

let catalog: Catalog;
let pool: WorkerPool;
beforeAll(async () => {
  const lake = new TinyLake();
  const f = nullableField;
  const liRows = li.map((r) => [r.ord, r.supp, r.late]);
  await lake.addTable({ schema: 'public', name: 'li', fields: [f('ord', T.int8), f('supp', T.int8), f('late', T.int8)], files: [liRows.slice(0, 600), liRows.slice(600)] });
  await lake.addTable({ schema: 'public', name: 'sup', fields: [f('id', T.int8), f('nation', T.int8)], files: [sup.map((s) => [s.id, s.nation])] });
  await lake.addTable({ schema: 'public', name: 'nat', fields: [f('id', T.int8), f('name', T.text)], files: [Array.from({ length: 8 }, (_, i) => [BigInt(i + 1), `n${i + 1}`])] });
  catalog = lake.catalog();
  pool = createWorkerPool({ threads: 2 });
});

afterAll(async () => {
  await pool.close();
});

async function explain(sql: string): Promise<string[]> {
  const planned = await planQuery(await parseSelect(sql), planContext(catalog, sql));
  return explainPlan(planned.plan);
}

function depthOf(lines: readonly string[], text: string): number {
  const l = lines.find((x) => x.includes(text));
  if (!l) throw new Error(`${text} not in plan:\n${lines.join('\n')}`);
  return (l.length - l.trimStart().length) / 2;
}

/** q21's shape: l1 of one nation's suppliers with another supplier in the order, none of them late */
const Q21 = `SELECT s.id, count(*) FROM li l1, sup s, nat n
  WHERE l1.supp = s.id AND s.nation = n.id AND n.name = 'n3'
    AND EXISTS (SELECT * FROM li l2 WHERE l2.ord = l1.ord AND l2.supp <> l1.supp)
    AND NOT EXISTS (SELECT * FROM li l3 WHERE l3.ord = l1.ord AND l3.supp <> l1.supp AND l3.late = 1)
  GROUP BY s.id ORDER BY s.id`;

function bruteQ21(): Datum[][] {
  const counts = new Map<bigint, number>();
  for (const l1 of li) {
    const s = sup.find((x) => x.id === l1.supp)!;
    if (s.nation !== 3n) continue;
    const same = (l: Li) => l1.ord !== null && l.ord === l1.ord && l.supp !== l1.supp;
    if (!li.some(same)) continue;
    if (li.some((l) => same(l) && l.late === 1n)) continue;
    counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => Number(a[0] - b[0])).map(([id, n]) => [id, BigInt(n)]);
}

describe('semi/anti join placement', () => {
  it('puts EXISTS / NOT EXISTS above the join that shrinks their input (q21)', async () => {
    const lines = await explain(Q21);
    const semi = depthOf(lines, 'Hash Semi Join');
    const anti = depthOf(lines, 'Hash Anti Join');
    const supJoin = depthOf(lines, 'Scan public.sup') - 1;
    expect(semi).toBeLessThan(supJoin);
    expect(anti).toBeLessThan(supJoin);
  });

  it('keeps an IN on its relation when no join shrinks that relation', async () => {
    // every li row has a supplier: li ⋈ sup is as big as li, so the IN stays right on li
    const sql = 'SELECT count(*) FROM li, sup WHERE li.supp = sup.id AND li.ord IN (SELECT ord FROM li WHERE late = 1 AND supp < 3)';
    const lines = await explain(sql);
    expect(depthOf(lines, 'Hash Semi Join')).toBeGreaterThan(depthOf(lines, 'Hash Join inner'));
    const expected = li.filter((l) => l.ord !== null && li.some((x) => x.late === 1n && x.supp < 3n && x.ord === l.ord)).length;
    expect((await runSql(catalog, sql)).rows).toEqual([[BigInt(expected)]]);
  });
});

describe('flipped semi/anti joins', () => {
  it('give the brute-force answer inline and on worker threads', async () => {
    const expected = bruteQ21();
    expect(expected.length).toBeGreaterThan(0);
    expect((await runSql(catalog, Q21)).rows).toEqual(expected);
    expect((await runSql(catalog, Q21, pool)).rows).toEqual(expected);
  });

  it('keep NULL-key rows for NOT EXISTS and drop them for EXISTS', async () => {
    const base = "FROM li l1, sup s WHERE l1.supp = s.id AND s.nation = 2";
    const left = li.filter((l) => sup.find((s) => s.id === l.supp)!.nation === 2n);
    const has = (l: Li) => l.ord !== null && li.some((x) => x.ord === l.ord && x.late === 1n && x.supp !== l.supp);
    const exists = `SELECT count(*), count(l1.ord) ${base} AND EXISTS (SELECT 1 FROM li x WHERE x.ord = l1.ord AND x.late = 1 AND x.supp <> l1.supp)`;
    const notExists = exists.replace('AND EXISTS', 'AND NOT EXISTS');
    const yes = left.filter(has);
    const no = left.filter((l) => !has(l));
    expect(no.some((l) => l.ord === null)).toBe(true);
    for (const p of [undefined, pool]) {
      expect((await runSql(catalog, exists, p)).rows).toEqual([[BigInt(yes.length), BigInt(yes.length)]]);
      expect((await runSql(catalog, notExists, p)).rows).toEqual([[BigInt(no.length), BigInt(no.filter((l) => l.ord !== null).length)]]);
    }
  });
});
