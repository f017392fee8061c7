/**
 * After OPTIMIZE … ZORDER BY and VACUUM, delta-rs (`deltalake`) reads Pier's table as Pier does, sees the
 * OPTIMIZE / VACUUM START / VACUUM END commits in the history, and time travel to a version inside the
 * retention window still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type pg from 'pg';
import { startPier, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, PYTHON_SKIP_MESSAGE, pythonHasModule, runPython } from '../support/python.js';

if (!HAVE_TEST_PYTHON) console.warn(`maintenance interop skipped: ${PYTHON_SKIP_MESSAGE}`);

const READ = `
import json, sys
from deltalake import DeltaTable
t = DeltaTable(sys.argv[1])
rows = sorted(t.to_pyarrow_table().to_pylist(), key=lambda r: r['id'])
old = DeltaTable(sys.argv[1], version=int(sys.argv[2])).to_pyarrow_table().num_rows
print(json.dumps({'version': t.version(), 'rows': [[r['id'], r['a'], r['day'].isoformat()] for r in rows],
  'ops': [h['operation'] for h in t.history()], 'old': old, 'files': len(t.file_uris())}))
`;

describe.skipIf(!HAVE_TEST_PYTHON)('OPTIMIZE / VACUUM tables read by delta-rs', () => {
  let pier: PierProcess;
  let client: pg.Client;
  let ok = false;

  beforeAll(async () => {
    ok = await pythonHasModule('deltalake');
    pier = await startPier();
    client = await pier.client();
    await client.query('CREATE TABLE m (id int, a int, day date) PARTITIONED BY (day)');
    for (let i = 0; i < 4; i++) await client.query(`INSERT INTO m VALUES (${i}, ${i * 3 % 5}, '2024-01-0${1 + (i % 2)}'), (${i + 10}, ${i}, '2024-01-01')`);
    await client.query('OPTIMIZE m ZORDER BY (a, id)');
    await client.query('VACUUM m');
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await pier?.stop();
  });

  it('reads the same rows, the maintenance history and an older version', async (ctx) => {
    if (!ok) { ctx.skip('deltalake is not installed in the test Python'); return; }
    const out = JSON.parse((await runPython(READ, [join(pier.warehouse, 'public', 'm'), '2'])).stdout);
    const pierRows = (await client.query('SELECT id, a, day FROM m ORDER BY id')).rows.map((r) => [Number(r.id), Number(r.a), r.day]);
    expect(out.rows).toEqual(pierRows);
    expect(out.rows).toHaveLength(8);
    expect(out.files).toBe(2);
    expect(out.ops.slice(0, 3)).toEqual(['VACUUM END', 'VACUUM START', 'OPTIMIZE']);
    expect(out.old).toBe(4);
  }, 120_000);
});
