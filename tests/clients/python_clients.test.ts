/**
 * The real Python drivers against a real Pier process: psycopg2, psycopg 3 and asyncpg scripts
 * (tests/clients/python/*.py) print what they observed as JSON; the expected values are what the same
 * scripts print against PostgreSQL 15.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startPier, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, PYTHON_SKIP_MESSAGE, runPython } from '../support/python.js';
import { readFileSync } from 'node:fs';

const SCRIPTS = join(REPO_ROOT, 'tests/clients/python');

async function runScript(name: string, dsn: string, ...args: string[]): Promise<Record<string, unknown>> {
  const script = readFileSync(join(SCRIPTS, name), 'utf8');
  const { stdout } = await runPython(script, [dsn, ...args], { timeoutMs: 60_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe.skipIf(!HAVE_TEST_PYTHON)('Python drivers', () => {
  let pier: PierProcess;
  beforeAll(async () => {
    pier = await startPier();
  }, 60_000);
  afterAll(async () => {
    await pier?.stop();
  });

  it('psycopg2: parameters, COPY both ways, named cursors, savepoints', async () => {
    const out = await runScript('psycopg2_client.py', `host=127.0.0.1 port=${pier.port} user=pier dbname=pier sslmode=disable`);
    expect(out.insert_rowcount).toBe(1);
    expect(out.row).toEqual([1, "it's", '12.50', '2024-02-29', '2024-01-02T03:04:05', true, 1.5]);
    expect(out.types).toEqual(['int', 'str', 'Decimal', 'date', 'datetime', 'bool', 'float']);
    expect(out.copy_text_rowcount).toBe(2);
    expect(out.copy_csv_rowcount).toBe(2);
    expect(out.copy_out_csv).toBe('1,it\'s\n2,tab\there\n3,\n4,"comma, ""quoted"""\n5,\n');
    expect(out.copy_error).toEqual(['22P02', 'invalid input syntax for type integer: "seven"', 'COPY p2, line 2, column id: "seven"']);
    expect(out.count_after_bad_copy).toBe(5);
    expect(out.named_many).toEqual([1, 2]);
    expect(out.named_rest).toEqual([3, 4, 5]);
    expect(out.div_error).toBe('22012');
    expect(out.after_savepoint).toBe(42);
    expect(out.status_after_commit).toBe(0);
  }, 90_000);

  it('psycopg 3: text and binary parameters, COPY text/binary both ways, server cursors, nested transactions', async () => {
    const out = await runScript('psycopg3_client.py', `host=127.0.0.1 port=${pier.port} user=pier dbname=pier sslmode=disable`);
    const row = [1, 'één', '-1.500', '1999-12-31', '2024-05-06T07:08:09.123456+00:00', false];
    expect(out.row_text).toEqual(row);
    expect(out.row_binary).toEqual(row);
    expect(out.arrays_text).toEqual([[1, null, 3], ['a', 'b c'], 0.1]);
    expect(out.arrays_binary).toEqual([[1, null, 3], ['a', 'b c'], 0.1]);
    expect(out.copy_in_rowcount).toBe(4);
    expect(out.copy_binary_rowcount).toBe(2);
    expect(out.copy_out_rows).toEqual([['1', 'één'], ['2', 'n2'], ['3', 'n3'], ['4', 'n4'], ['5', 'n5'], ['10', 'bin'], ['11', null]]);
    expect(out.copy_out_binary).toEqual([[10, '2.250', true], [11, null, null]]);
    expect(out.server_cursor_first).toEqual([1, 2]);
    expect(out.server_cursor_rest).toEqual([3, 4, 5, 10, 11]);
    expect(out.nested_tx_error).toBe('22012');
    expect(out.after_nested).toBe(7);
    expect(out.empty_query_status).toBe('0');
  }, 90_000);

  it('asyncpg: binary round trip of every type, prepared statements, copy_records_to_table, cursors', async () => {
    const out = await runScript('asyncpg_client.py', `postgresql://pier@127.0.0.1:${pier.port}/pier?sslmode=disable`);
    const roundtrip = out.roundtrip as Record<string, [string, boolean]>;
    for (const [type, [repr, equal]] of Object.entries(roundtrip)) expect([type, repr, equal]).toEqual([type, repr, true]);
    expect(Object.keys(roundtrip)).toHaveLength(20);
    expect(roundtrip['int4[]']![0]).toBe('[1, None, -3]');
    expect(roundtrip['timestamp[]']![0]).toBe('[datetime.datetime(2020, 1, 2, 3, 4, 5, 6)]');
    expect(roundtrip.numeric![0]).toBe("Decimal('-123456789.000123')");
    expect(roundtrip.interval![0]).toBe('datetime.timedelta(days=3, seconds=3661, microseconds=7)');
    expect(out.null_roundtrip).toBeNull();
    expect(out.prepared_params).toEqual(['int8', 'text']);
    expect(out.copy_records).toBe('COPY 2');
    expect(out.copy_records_columns).toBe('COPY 1');
    expect(out.copy_from_query).toEqual(['COPY 6', '0,p0\n1,p1\n2,p2\n10,c1\n11,\n12,x\n']);
    expect(out.copy_from_table_tag).toBe('COPY 6');
    expect(out.prepared_fetch).toEqual([[10, 'c1'], [11, null], [12, 'x']]);
    expect(out.prepared_columns).toEqual([['id', 'int8'], ['name', 'text']]);
    expect(out.cursor).toEqual([[0, 1], [2, 10, 11, 12]]);
    expect(out.cursor_iter).toEqual([0, 1, 2]);
    expect(out.tx_error).toBe('22012');
    expect(out.after_error).toBe(5);
  }, 90_000);

  it('SQLAlchemy 2 reflection and pandas read_sql / to_sql (catalog emulation)', async () => {
    const out = await runScript('sqlalchemy_pandas_client.py', `postgresql+psycopg2://pier@127.0.0.1:${pier.port}/pier?sslmode=disable`);
    expect(out.schemas).toEqual(['information_schema', 'public']);
    expect(out.tables).toContain('sa_t');
    expect(out.views).toEqual(['sa_v']);
    expect(out.columns).toEqual([['id', 'INTEGER', false], ['name', 'VARCHAR(20)', true], ['amount', 'NUMERIC(10, 2)', true], ['seen', 'TIMESTAMP', true]]);
    expect(out.server_version).toEqual([15]);
    expect(out.read_sql).toEqual([[1, 'a', 1.5], [2, null, null]]);
    expect(out.to_sql_back).toEqual([[1, 'p'], [2, 'q'], [3, null]]);
  }, 90_000);

  // psycopg 3's dialect looks up hstore with to_regtype($1) at connect
  for (const [driver, table] of [['psycopg2', 'sa_ret'], ['psycopg', 'sa_ret3']] as const) {
    it(`SQLAlchemy 2 (${driver}): INSERT / UPDATE / DELETE … RETURNING, executemany with RETURNING`, async () => {
      const out = await runScript('sqlalchemy_returning_client.py', `postgresql+${driver}://pier@127.0.0.1:${pier.port}/pier?sslmode=disable`, table);
      expect(out.insert_one).toEqual([[1]]);
      expect(out.insert_many).toEqual([[3, 'c'], [2, 'b']]);
      expect(out.update).toEqual([[2, '3.00']]);
      expect(out.delete).toEqual([['c']]);
      expect(out.rowcount).toBe(0);
      expect(out.left).toEqual([[1, 'a'], [2, 'b']]);
    }, 90_000);
  }
});

if (!HAVE_TEST_PYTHON) {
  describe('Python drivers', () => {
    it.skip(PYTHON_SKIP_MESSAGE, () => undefined);
  });
}
