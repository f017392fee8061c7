/**
 * Interop with Spark (pyspark + delta-spark, local mode, one JVM for the file): Spark reads the tables Pier
 * writes (partitioned, > 10 commits, after ADD / RENAME / DROP COLUMN, CHECK constraints, timestamp without time
 * zone) exactly as Pier does, and Pier reads tables Spark writes (partitioned with a checkpoint (interval 3), column mapping
 * after a rename and a drop, deletion vectors after a DELETE) exactly as Spark does.
 * delta-spark's jars come from Maven Central through ivy into `.ivy2/` (gitignored; .ci/run warms it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startPier, type PierProcess } from '../support/pier.js';
import { HAVE_TEST_PYTHON, PYTHON_SKIP_MESSAGE, runPython } from '../support/python.js';
import { IVY_DIR, PIER_TABLES, readWith, tableSpecs, writePierTables, type EngineRows } from './interop_support.js';

if (!HAVE_TEST_PYTHON) console.warn(`Spark interop tests skipped: ${PYTHON_SKIP_MESSAGE}`);

const SPARK_TABLES = ['spark_parted', 'spark_mapped', 'spark_dv'] as const;

describe.skipIf(!HAVE_TEST_PYTHON)('Delta tables shared with Spark', () => {
  let pier: PierProcess;
  let pierRows: EngineRows;
  let spark: { pier_tables: EngineRows; spark_tables: EngineRows };

  beforeAll(async () => {
    pier = await startPier();
    const client = await pier.client();
    try {
      await writePierTables(client);
    } finally {
      await client.end();
    }
    pierRows = await readWith('pier', { port: pier.port, tables: tableSpecs(pier.warehouse, PIER_TABLES) });
    const spec = { ivy: IVY_DIR, read: tableSpecs(pier.warehouse, PIER_TABLES), write_root: join(pier.warehouse, 'public') };
    const script = `import sys; sys.path.insert(0, ${JSON.stringify(join(REPO_ROOT, 'tests/interop'))}); import spark_session; spark_session.main()`;
    const res = await runPython(script, [JSON.stringify(spec)], { timeoutMs: 480_000, env: { TZ: 'UTC' } });
    spark = JSON.parse(res.stdout.trim().split('\n').pop()!) as typeof spark;
  }, 540_000);

  afterAll(async () => {
    await pier?.stop();
  });

  it('Spark reads every table Pier wrote as Pier does', () => {
    for (const t of PIER_TABLES) expect(spark.pier_tables[t], t).toEqual(pierRows[t]);
    expect(spark.pier_tables['evolved']!.columns).toEqual(['a', 'bb', 'e', 'f']);
  });

  it('Pier reads the tables Spark wrote as Spark does', async () => {
    const ours = await readWith('pier', { port: pier.port, tables: tableSpecs(pier.warehouse, SPARK_TABLES) });
    expect(spark.spark_tables['spark_parted']!.rows).toHaveLength(4);
    expect(existsSync(join(pier.warehouse, 'public/spark_parted/_delta_log/00000000000000000003.checkpoint.parquet'))).toBe(true);
    expect(spark.spark_tables['spark_mapped']!.columns).toEqual(['a', 'bee']);
    expect(spark.spark_tables['spark_dv']!.rows).toHaveLength(42);
    for (const t of SPARK_TABLES) expect(ours[t], t).toEqual(spark.spark_tables[t]);
  }, 60_000);
});
