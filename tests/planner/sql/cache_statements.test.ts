/** CACHE TABLE / UNCACHE TABLE / CLEAR CACHE recognised before libpg-query (which has no such statements). */
import { describe, expect, it } from 'vitest';
import { parseStatements } from '../../../planner/sql/parse.js';
import { QueryError } from '../../../common/errors.js';

async function cacheNode(sql: string): Promise<Record<string, unknown>> {
  const [s] = await parseStatements(sql);
  if (s!.kind !== 'pg') throw new Error('expected a statement');
  return s!.ast.PierCacheStmt as Record<string, unknown>;
}

async function error(sql: string): Promise<QueryError> {
  try { await parseStatements(sql); } catch (e) { return e as QueryError; }
  throw new Error('expected an error');
}

describe('cache statements', () => {
  it('recognises the three forms, with schema-qualified and quoted names', async () => {
    expect(await cacheNode('CACHE TABLE lineitem')).toMatchObject({ action: 'cache', lazy: false, relation: { relname: 'lineitem', location: 12 } });
    expect(await cacheNode('cache lazy table s."Mixed"')).toMatchObject({ action: 'cache', lazy: true, relation: { schemaname: 's', relname: 'Mixed' } });
    expect(await cacheNode('UNCACHE TABLE IF EXISTS t')).toMatchObject({ action: 'uncache', missingOk: true, relation: { relname: 't' } });
    expect(await cacheNode('CLEAR CACHE')).toMatchObject({ action: 'clear' });
  });

  it('several statements in one string, and other statements untouched', async () => {
    const ss = await parseStatements('CACHE TABLE a; SELECT 1; CLEAR CACHE');
    expect(ss.map((s) => (s.kind === 'pg' ? Object.keys(s.ast)[0] : s.kind))).toEqual(['PierCacheStmt', 'SelectStmt', 'PierCacheStmt']);
  });

  it('syntax errors with PostgreSQL wording and positions', async () => {
    expect(await error('CACHE TABLE')).toMatchObject({ sqlstate: '42601', message: 'syntax error at end of input', position: 12 });
    expect(await error('CLEAR CACHE now')).toMatchObject({ sqlstate: '42601', message: 'syntax error at or near "now"', position: 13 });
    expect(await error('CACHE VIEW v')).toMatchObject({ sqlstate: '42601', message: 'syntax error at or near "VIEW"', position: 7 });
    expect(await error('CACHE TABLE t AS SELECT 1')).toMatchObject({ sqlstate: '0A000', position: 15 });
  });
});
