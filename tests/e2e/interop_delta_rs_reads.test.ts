/**
 * Tables delta-rs (the `deltalake` Python package) writes are read by Pier: a table partitioned by a date and a
 * boolean, 13 appends, a DELETE, a checkpoint, log cleanup (commits before the checkpoint removed) and one more
 * append. Pier must return exactly the rows delta-rs reads, and refuse versions the cleanup made unreachable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startPier, tempDir, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, PYTHON_SKIP_MESSAGE, runPython } from '../support/python.js';
import { canonicalWireRows, sortedRows } from './conformance/normalize.js';

const SCRIPT = readFileSync(join(import.meta.dirname, 'interop', 'delta_rs_writes.py'), 'utf8');

describe.skipIf(!HAVE_TEST_PYTHON)('Pier reads tables delta-rs writes', () => {
  if (!HAVE_TEST_PYTHON) console.warn(PYTHON_SKIP_MESSAGE);
  const location = join(tempDir('pier-drs-'), 'events');
  let written: { version: number; rows: (string | null)[][] };
  let pier: PierProcess;
  let client: pg.Client;
  beforeAll(async () => {
    const [out, p] = await Promise.all([runPython(SCRIPT, [location]), startPier()]);
    written = JSON.parse(out.stdout) as typeof written;
    pier = p;
    client = await pier.client();
    await client.query(`CREATE TABLE events LOCATION '${location}'`);
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });

  it('returns the rows delta-rs reads, from the checkpoint and the commit after it', async () => {
    expect(written.version).toBe(13);
    const res = await client.query({ text: 'SELECT id, name, day, amount, ts, flag, score FROM events', rowMode: 'array' });
    expect(res.rows.length).toBe(written.rows.length);
    expect(sortedRows(canonicalWireRows(res))).toEqual(sortedRows(written.rows));
  }, 30_000);

  it('prunes by partition values and filters like the rows say', async () => {
    const res = await client.query({ text: "SELECT id FROM events WHERE day = DATE '2024-01-02' AND flag", rowMode: 'array' });
    const want = written.rows.filter((r) => r[2] === String(Date.UTC(2024, 0, 2) / 86_400_000) && r[5] === 'true').map((r) => [r[0]]);
    expect(want.length).toBeGreaterThan(0);
    expect(sortedRows(res.rows as string[][])).toEqual(sortedRows(want));
  });

  it('refuses versions whose commits were cleaned up, naming what is available', async () => {
    const err = await client.query('SELECT count(*) FROM events VERSION AS OF 5').then(() => null, (e: unknown) => e as { message: string });
    expect(err?.message).toMatch(/version 5/);
    const v12 = await client.query('SELECT count(*) AS n FROM events VERSION AS OF 12');
    expect(Number(v12.rows[0].n)).toBe(written.rows.length - 5);
  });
});
