/**
 * dbt-postgres (from the test venv) builds tests/clients/dbt/project against a real Pier twice — seed, staging
 * view, table model, incremental models (merge, delete+insert, append), a snapshot, generic tests
 * (not_null, unique, accepted_values, relationships) — and the results are checked through SQL.
 * Known gaps (not run here): the snapshot's second run needs UPDATE … FROM with `schema.table.column`
 * references (missing FROM-clause entry), `dbt docs generate` needs pg_is_other_temp_schema().
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
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
      const second = await dbt(dir, ['build', '--exclude', 'raw_items', 'items_snapshot']);
      expect(second.out).toMatch(/Done\. PASS=10 WARN=0 ERROR=0 SKIP=0 TOTAL=10/);
      const totals = await c.query('SELECT category, items, total FROM analytics.category_totals ORDER BY category');
      expect(totals.rows).toEqual([{ category: 'bakery', items: '2', total: '5.25' }, { category: 'fruit', items: '2', total: '2.25' }]);
      const counts = await c.query(`SELECT (SELECT count(*) FROM analytics.inc_merge) AS m, (SELECT count(*) FROM analytics.inc_delete_insert) AS d,
        (SELECT count(*) FROM analytics.inc_append) AS a, (SELECT count(*) FROM analytics.items_snapshot) AS s`);
      expect(counts.rows[0]).toEqual({ m: '4', d: '4', a: '7', s: '3' });
    } finally {
      await c.end();
    }
  }, 240_000);
});
