/**
 * Tables Pier writes are read back identically by delta-rs (`deltalake`) and by DuckDB's delta extension
 * (`duckdb` + `duckdb-extension-delta` from PyPI, loaded by path); tables delta-rs writes (partitioned, several
 * commits) are read by Pier as delta-rs reads them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPier, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, PYTHON_SKIP_MESSAGE, pythonHasModule, runPython } from '../support/python.js';
import { COLUMN_MAPPED, PIER_TABLES, readWith, tableSpecs, writePierTables, type EngineRows } from './interop_support.js';

if (!HAVE_TEST_PYTHON) console.warn(`interop tests skipped: ${PYTHON_SKIP_MESSAGE}`);

describe.skipIf(!HAVE_TEST_PYTHON)('Pier-written Delta tables read by delta-rs and DuckDB', () => {
  let pier: PierProcess;
  let pierRows: EngineRows;
  let haveDuckDelta = false;

  beforeAll(async () => {
    pier = await startPier();
    const client = await pier.client();
    try {
      await writePierTables(client);
    } finally {
      await client.end();
    }
    pierRows = await readWith('pier', { port: pier.port, tables: tableSpecs(pier.warehouse, PIER_TABLES) });
    haveDuckDelta = await pythonHasModule('duckdb_extension_delta');
  }, 120_000);

  afterAll(async () => {
    await pier?.stop();
  });

  it('Pier reads its own tables back (the reference rows)', () => {
    expect(pierRows['plain']!.rows).toHaveLength(3);
    expect(pierRows['parted']!.rows).toHaveLength(5);
    expect(pierRows['many']!.rows).toHaveLength(24);
    // 13 commits: the engines below read it through Pier's checkpoint at version 10
    expect(existsSync(join(pier.warehouse, 'public/many/_delta_log/00000000000000000010.checkpoint.parquet'))).toBe(true);
    expect(pierRows['added']!.rows).toEqual([['1', 'one', null, null, null], ['2', 'two', '2.5', null, null], ['3', 'three', null, '2024-05-05', '3']]);
    expect(pierRows['evolved']!.columns).toEqual(['a', 'bb', 'e', 'f']);
    expect(pierRows['evolved']!.rows).toEqual([
      ['1', 'one', null, null], ['2', 'two', '20', null], ['3', 'three', '30', null], ['4', 'four', '40', null], ['5', 'five', '50', 'f5'],
    ]);
  });

  it('delta-rs reads every table as Pier does', async () => {
    const readable = PIER_TABLES.filter((t) => !COLUMN_MAPPED.includes(t));
    const rows = await readWith('deltalake', { tables: tableSpecs(pier.warehouse, readable) });
    for (const t of readable) expect(rows[t], t).toEqual(pierRows[t]);
  }, 120_000);

  it('delta-rs refuses the column-mapped table by its protocol (it has no columnMapping reader support)', async () => {
    const err = await readWith('deltalake', { tables: tableSpecs(pier.warehouse, COLUMN_MAPPED) }).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/reader version is 2|ColumnMapping/);
  }, 120_000);

  it('DuckDB (delta extension) reads every table as Pier does', async (ctx) => {
    if (!haveDuckDelta) {
      ctx.skip(`DuckDB's delta extension is not installed: pip install duckdb-extension-delta==1.5.5 (requirements-test.txt); extensions.duckdb.org is not reachable here`);
      return;
    }
    const rows = await readWith('duckdb', { tables: tableSpecs(pier.warehouse, PIER_TABLES) });
    for (const t of PIER_TABLES) expect(rows[t], t).toEqual(pierRows[t]);
  }, 120_000);

  it('Pier reads a partitioned table delta-rs wrote in several commits', async () => {
    const path = `${pier.warehouse}/public/from_delta_rs`;
    await runPython(`
import sys, datetime, decimal
import pyarrow as pa
from deltalake import write_deltalake
path = sys.argv[1]
schema = pa.schema([("id", pa.int64()), ("name", pa.string()), ("amount", pa.decimal128(12, 2)), ("day", pa.date32()), ("region", pa.string())])
def batch(rows):
    return pa.Table.from_pylist(rows, schema=schema)
write_deltalake(path, batch([
  {"id": 1, "name": "a", "amount": decimal.Decimal("1.50"), "day": datetime.date(2024, 1, 1), "region": "eu"},
  {"id": 2, "name": None, "amount": None, "day": datetime.date(2024, 1, 2), "region": "us"},
]), partition_by=["region", "day"])
write_deltalake(path, batch([
  {"id": 3, "name": "c", "amount": decimal.Decimal("-3.25"), "day": datetime.date(2024, 1, 1), "region": "eu"},
  {"id": 4, "name": "d", "amount": decimal.Decimal("4.00"), "day": None, "region": None},
]), mode="append")
`, [path], { timeoutMs: 60_000 });
    const spec = { port: pier.port, tables: [{ name: 'from_delta_rs', path }] };
    const theirs = await readWith('deltalake', spec);
    const ours = await readWith('pier', spec);
    expect(ours['from_delta_rs']!.rows).toHaveLength(4);
    expect(ours['from_delta_rs']).toEqual(theirs['from_delta_rs']);
  }, 120_000);
});
