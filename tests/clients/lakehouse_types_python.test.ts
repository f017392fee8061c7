/**
 * bytea, stored arrays, json and jsonb through asyncpg (binary format for results and parameters) and psycopg 3
 * (text and binary results): the script's observations on Pier must equal its observations on PostgreSQL 15.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startPier, type PierProcess } from '../support/pier.js';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres.js';
import { HAVE_TEST_PYTHON, runPython } from '../support/python.js';

const script = readFileSync(join(REPO_ROOT, 'tests/clients/python/lakehouse_types_client.py'), 'utf8');

async function observe(dsn: string): Promise<Record<string, unknown>> {
  const { stdout } = await runPython(script, [dsn], { timeoutMs: 60_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe.skipIf(!HAVE_TEST_PYTHON)('bytea / arrays / json(b) through Python drivers', () => {
  let pier: PierProcess;
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    pier = await startPier();
    if (postgresAvailable()) postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pier?.stop();
    await postgres?.stop();
  });

  it('asyncpg and psycopg 3 see the same values as on PostgreSQL', async () => {
    const got = await observe(`postgresql://pier@127.0.0.1:${pier.port}/pier?sslmode=disable`);
    expect(got.asyncpg_rows).toEqual([
      [1, '00ff41', [1, null, 3], ['a', 'b c', null, ''], ['01', null], '{"a": null, "b": [1, 2]}', '{"k" :  1}'],
      [2, null, [], null, null, null, null],
    ]);
    expect(got.asyncpg_param_any).toBe(1);
    expect(got.psycopg_text).toEqual(['00ff41', [1, null, 3], ['a', 'b c', null, ''], { a: null, b: [1, 2] }, { k: 1 }, 1]);
    expect(got.psycopg_binary).toEqual(got.psycopg_text);
    if (postgres !== null) {
      const want = await observe(`postgresql://postgres@/postgres?host=${encodeURIComponent(postgres.host)}&port=${postgres.port}`);
      expect(got).toEqual(want);
    }
  }, 120_000);
});
