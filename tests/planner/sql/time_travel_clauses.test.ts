/**
 * Time travel clauses in FROM (VERSION AS OF, TIMESTAMP AS OF, t@vN, t@yyyyMMddHHmmssSSS) blanked out before
 * libpg-query and attached to their RangeVar; DESCRIBE / RESTORE / CONVERT recognised as whole statements.
 */
import { describe, expect, it } from 'vitest';
import { parseStatements } from '../../../planner/sql/parse.js';
import type { PgNode } from '../../../planner/bind/expr/scope.js';
import type { QueryError } from '../../../common/errors.js';

async function parse(sql: string): Promise<{ ast: PgNode; parsedText: string }> {
  const [s] = await parseStatements(sql);
  if (s!.kind !== 'pg') throw new Error('expected a statement');
  return { ast: s!.ast, parsedText: s!.parsedText };
}

function rangeVars(n: unknown, out: PgNode[] = []): PgNode[] {
  if (Array.isArray(n)) { for (const x of n) rangeVars(x, out); return out; }
  if (typeof n !== 'object' || n === null) return out;
  const o = n as PgNode;
  if (o.RangeVar) out.push(o.RangeVar);
  for (const v of Object.values(o)) rangeVars(v, out);
  return out;
}

async function error(sql: string): Promise<QueryError> {
  try { await parseStatements(sql); } catch (e) { return e as QueryError; }
  throw new Error('expected an error');
}

describe('time travel clauses', () => {
  it('attaches versions and timestamps to the table they follow, keeping aliases', async () => {
    const { ast, parsedText } = await parse(`SELECT * FROM s.t VERSION AS OF 3 AS a JOIN t TIMESTAMP AS OF '2024-01-01' b ON a.x = b.x, u@v7 c, w@20240102030405678`);
    expect(parsedText.length).toBe(`SELECT * FROM s.t VERSION AS OF 3 AS a JOIN t TIMESTAMP AS OF '2024-01-01' b ON a.x = b.x, u@v7 c, w@20240102030405678`.length);
    const rvs = rangeVars(ast);
    expect(rvs.map((r) => [r.relname, r.alias?.aliasname ?? null, r.pierTimeTravel])).toEqual([
      ['t', 'a', { kind: 'version', version: 3 }],
      ['t', 'b', { kind: 'timestamp', expr: `'2024-01-01'` }],
      ['u', 'c', { kind: 'version', version: 7 }],
      ['w', null, { kind: 'timestamp', expr: `'2024-01-02 03:04:05.678'` }],
    ]);
  });

  it('takes whole expressions, FOR / SYSTEM_ forms, and Spark-style current_timestamp()', async () => {
    const { ast } = await parse(`SELECT 1 FROM t FOR SYSTEM_TIME AS OF current_timestamp() - interval '1' hour WHERE (SELECT count(*) FROM t FOR SYSTEM_VERSION AS OF 2) > 0`);
    expect(rangeVars(ast).map((r) => r.pierTimeTravel)).toEqual([
      { kind: 'timestamp', expr: `current_timestamp - interval '1' hour` },
      { kind: 'version', version: 2 },
    ]);
  });

  it('leaves PostgreSQL syntax alone', async () => {
    const { ast, parsedText } = await parse(`SELECT ts::timestamp AS of, @ -5 AS version FROM t`);
    expect(parsedText).toBe(`SELECT ts::timestamp AS of, @ -5 AS version FROM t`);
    expect(rangeVars(ast)[0]!.pierTimeTravel).toBeUndefined();
  });

  it('rejects malformed versions', async () => {
    expect(await error('SELECT * FROM t VERSION AS OF x')).toMatchObject({ sqlstate: '42601', message: 'syntax error at or near "x"' });
    expect(await error('SELECT * FROM t@x1')).toMatchObject({ sqlstate: '42601', message: 'syntax error at or near "x1"' });
  });
});

describe('DESCRIBE / RESTORE / CONVERT statements', () => {
  it('recognises their forms', async () => {
    expect((await parse('DESCRIBE HISTORY s.t LIMIT 5')).ast).toEqual({ PierDescribeStmt: { what: 'history', relation: { schemaname: 's', relname: 't', location: 17 }, path: null, limit: 5 } });
    expect((await parse('DESCRIBE HISTORY delta.`/data/t` LIMIT 1')).ast).toEqual({ PierDescribeStmt: { what: 'history', relation: null, path: '/data/t', limit: 1 } });
    expect((await parse(`DESCRIBE DETAIL '/data/t'`)).ast).toEqual({ PierDescribeStmt: { what: 'detail', relation: null, path: '/data/t', limit: null } });
    expect((await parse('describe detail t')).ast.PierDescribeStmt).toMatchObject({ what: 'detail' });
    expect((await parse('DESC TABLE EXTENDED history')).ast.PierDescribeStmt).toMatchObject({ what: 'table', relation: { relname: 'history' } });
    expect((await parse('RESTORE TABLE t TO VERSION AS OF 2')).ast).toMatchObject({ PierRestoreStmt: { version: 2, timestampExpr: null } });
    expect((await parse(`RESTORE t TIMESTAMP AS OF now() - interval '1 day'`)).ast).toMatchObject({ PierRestoreStmt: { version: null, timestampExpr: `now() - interval '1 day'` } });
    expect((await parse('CONVERT TO DELTA parquet.`/data/x y` PARTITIONED BY (day DATE, amount DECIMAL(10, 2))')).ast).toEqual({
      PierConvertStmt: { path: '/data/x y', partitionedBy: [{ name: 'day', type: 'date' }, { name: 'amount', type: 'decimal(10,2)' }] },
    });
    expect((await parse(`CONVERT TO DELTA '/data/p'`)).ast).toEqual({ PierConvertStmt: { path: '/data/p', partitionedBy: [] } });
  });
});
