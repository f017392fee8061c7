import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaCatalog } from '../../../../catalog/delta_catalog.js';
import { QueryError } from '../../../../common/errors.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../../common/values/context.js';
import { createWorkerPool, type WorkerPool } from '../../../../executor/pool.js';
import type { StatementEnv, StatementNotice } from '../../../../planner/bind/statements/context.js';
import { executeStatement } from '../../../../planner/bind/statements/execute_statement.js';
import { parseStatements } from '../../../../planner/sql/parse.js';
import { LocalObjectStore } from '../../../../storage/object_store/local.js';

let dir: string;
let pool: WorkerPool;
let catalog: DeltaCatalog;
const notices: StatementNotice[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pier-stmts-'));
  pool = createWorkerPool({ threads: 1 });
  catalog = new DeltaCatalog(new LocalObjectStore(dir));
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(sql: string): Promise<string> {
  const [s] = await parseStatements(sql);
  if (s!.kind !== 'pg') throw new Error('empty');
  const env: StatementEnv = {
    catalog, searchPath: ['public'], values: DEFAULT_VALUE_CONTEXT, parallelism: 1, pool,
    signal: new AbortController().signal, sql: s!.text, paramTypes: [], params: [],
    statementTime: BigInt(Date.now()) * 1000n, notice: (n) => notices.push(n),
  };
  const outcome = await executeStatement(s!.ast, { extras: s!.extras }, env);
  return outcome.tag;
}

async function fails(sql: string): Promise<QueryError> {
  try {
    await run(sql);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return e as QueryError;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('statement binders', () => {
  it('CREATE TABLE records types, NOT NULL, partition columns and Spark clauses', async () => {
    expect(await run("CREATE TABLE t1 (id int PRIMARY KEY, name varchar(10) NULL, price numeric(8,3), d date) USING DELTA PARTITIONED BY (d) TBLPROPERTIES ('delta.appendOnly'='false') COMMENT 'first'")).toBe('CREATE TABLE');
    const snap = await (await catalog.getTable({ schema: 'public', name: 't1' }))!.snapshot();
    expect(snap.fields.map((f) => [f.name, f.type, f.nullable])).toEqual([
      ['id', { kind: 'int4' }, false],
      ['name', { kind: 'varchar', length: 10 }, true],
      ['price', { kind: 'numeric', precision: 8, scale: 3 }, true],
      ['d', { kind: 'date' }, true],
    ]);
    expect(snap.partitionColumns).toEqual(['d']);
  });

  it('refuses bad table definitions', async () => {
    expect((await fails('CREATE TABLE t2 (a int, a text)')).message).toBe('column "a" specified more than once');
    expect((await fails('CREATE TABLE t2 (a int) PARTITIONED BY (b)')).message).toBe('column "b" named in partition key does not exist');
    expect((await fails("CREATE TABLE t2 LOCATION '/tmp/x' AS SELECT 1 AS a")).sqlstate).toBe('0A000');
    expect((await fails('CREATE TABLE t2 (a int) USING parquet')).sqlstate).toBe('0A000');
    expect((await fails('CREATE TABLE t2 (a int DEFAULT 1)')).sqlstate).toBe('0A000');
    expect((await fails('CREATE TABLE nope.t2 (a int)')).message).toBe('schema "nope" does not exist');
    expect(await catalog.getTable({ schema: 'public', name: 't2' })).toBeNull();
  });

  it('INSERT with a column subset fills the rest with NULL; CTAS copies rows', async () => {
    await run('CREATE TABLE t3 (a int, b text, c bigint)');
    expect(await run("INSERT INTO t3 (c, a) VALUES (10, 1), (20, 2)")).toBe('INSERT 0 2');
    expect(await run('INSERT INTO t3 VALUES (3)')).toBe('INSERT 0 1');
    expect(await run('INSERT INTO t3 DEFAULT VALUES')).toBe('INSERT 0 1');
    expect((await fails('INSERT INTO t3 (a, b) VALUES (1)')).message).toBe('INSERT has more target columns than expressions');
    expect(await run('CREATE TABLE t4 (x, y) AS SELECT a, c FROM t3 WHERE a IS NOT NULL')).toBe('SELECT 3');
    const snap = await (await catalog.getTable({ schema: 'public', name: 't4' }))!.snapshot();
    expect(snap.fields.map((f) => [f.name, f.type.kind])).toEqual([['x', 'int4'], ['y', 'int8']]);
    expect(snap.files.reduce((n, f) => n + (f.stats?.numRecords ?? 0), 0)).toBe(3);
  });

  it('a failing CREATE TABLE AS leaves no table behind', async () => {
    await run('CREATE TABLE t5 (a int)');
    await run('INSERT INTO t5 VALUES (1), (0)');
    const e = await fails('CREATE TABLE t6 AS SELECT 1 / a AS q FROM t5');
    expect(e.sqlstate).toBe('22012');
    expect(await catalog.getTable({ schema: 'public', name: 't6' })).toBeNull();
  });

  it('DROP TABLE checks every name before dropping any', async () => {
    await run('CREATE TABLE t7 (a int)');
    expect((await fails('DROP TABLE t7, missing_t')).message).toBe('table "missing_t" does not exist');
    expect(await catalog.getTable({ schema: 'public', name: 't7' })).not.toBeNull();
    expect(await run('DROP TABLE IF EXISTS t7, missing_t')).toBe('DROP TABLE');
    expect(await catalog.getTable({ schema: 'public', name: 't7' })).toBeNull();
    expect(notices.at(-1)?.message).toBe('table "missing_t" does not exist, skipping');
  });
});
