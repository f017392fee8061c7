/**
 * dbt-postgres (from the test venv) builds tests/clients/dbt/project against a real Pier twice — seed, staging
 * view, table model, incremental models (merge, delete+insert, append), a snapshot (its second run closes the
 * changed row with UPDATE … FROM and inserts the new versions), generic tests (not_null, unique,
 * accepted_values, relationships) — and the results are checked through SQL; then `dbt docs generate` reads
 * the catalog (pg_namespace / pg_class / pg_attribute / pg_description) into target/catalog.json.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startPier, tempDir, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, TEST_PYTHON } from '../support/python.js';

const DBT = join(dirname(TEST_PYTHON), 'dbt');
const haveDbt = HAVE_TEST_PYTHON && existsSync(DBT);

function dbt(dir: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(DBT, [...args, '--profiles-dir', dir, '--project-dir', join(dir, 'project'), '--no-use-colors'], { timeout: 180_000, cwd: dir }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : (typeof err.code === 'number' ? err.code : 1), out: stdout + stderr });
    });
  });
}

describe.skipIf(!haveDbt)('dbt-postgres', () => {
  let pier: PierProcess;
  let dir: string;
  beforeAll(async () => {
    pier = await startPier();
    dir = tempDir('pier-dbt-');
    cpSync(join(REPO_ROOT, 'tests/clients/dbt/project'), join(dir, 'project'), { recursive: true });
    writeFileSync(join(dir, 'profiles.yml'), [
      'pier:', '  target: dev', '  outputs:', '    dev:', '      type: postgres', '      host: 127.0.0.1',
      `      port: ${pier.port}`, '      user: pier', "      password: ''", '      dbname: pier', '      schema: analytics',
      '      threads: 1', '      sslmode: disable', '',
    ].join('\n'));
  }, 60_000);
  afterAll(async () => {
    await pier?.stop();
  });

  it('dbt build runs green, and again incrementally', async () => {
    const first = await dbt(dir, ['build']);
    expect(first.out).toMatch(/Done\. PASS=12 WARN=0 ERROR=0 SKIP=0 TOTAL=12/);
    expect(first.code).toBe(0);
    const c = await pier.client();
    try {
      await c.query("INSERT INTO analytics.raw_items VALUES (4, 'donut', 'bakery', 3.00)");
      await c.query("UPDATE analytics.raw_items SET name = 'green apple' WHERE id = 1");
      const second = await dbt(dir, ['build', '--exclude', 'raw_items']);
      expect(second.out).toMatch(/Done\. PASS=11 WARN=0 ERROR=0 SKIP=0 TOTAL=11/);
      const snapshot = await c.query('SELECT id, name, dbt_valid_to IS NULL AS current FROM analytics.items_snapshot ORDER BY id, name');
      expect(snapshot.rows.map((r) => [r.id, r.name, r.current])).toEqual([
        ['1', 'apple', 'f'], ['1', 'green apple', 't'], ['2', 'bread', 't'], ['3', 'cherry', 't'], ['4', 'donut', 't'],
      ]);
      const totals = await c.query('SELECT category, items, total FROM analytics.category_totals ORDER BY category');
      expect(totals.rows).toEqual([{ category: 'bakery', items: '2', total: '5.25' }, { category: 'fruit', items: '2', total: '2.25' }]);
      const counts = await c.query(`SELECT (SELECT count(*) FROM analytics.inc_merge) AS m, (SELECT count(*) FROM analytics.inc_delete_insert) AS d,
        (SELECT count(*) FROM analytics.inc_append) AS a, (SELECT count(*) FROM analytics.items_snapshot) AS s`);
      expect(counts.rows[0]).toEqual({ m: '4', d: '4', a: '7', s: '5' });
    } finally {
      await c.end();
    }
    const docs = await dbt(dir, ['docs', 'generate', '--no-compile']);
    expect(docs.out).toMatch(/Catalog written to/);
    expect(docs.code).toBe(0);
    const catalog = JSON.parse(readFileSync(join(dir, 'project', 'target', 'catalog.json'), 'utf8')) as {
      nodes: Record<string, { metadata: { type: string; schema: string }; columns: Record<string, { type: string; index: number }> }>;
      errors: unknown;
    };
    expect(catalog.errors).toBeNull();
    const totals = Object.entries(catalog.nodes).find(([k]) => k.endsWith('.category_totals'))![1];
    expect(totals.metadata).toMatchObject({ type: 'BASE TABLE', schema: 'analytics' });
    expect(Object.entries(totals.columns).map(([n, col]) => [n, col.type, col.index])).toEqual([
      ['category', 'text', 1], ['items', 'bigint', 2], ['total', 'double precision', 3],
    ]);
    const staging = Object.entries(catalog.nodes).find(([k]) => k.endsWith('.stg_items'))![1];
    expect(staging.metadata.type).toBe('VIEW');
  }, 240_000);
});
