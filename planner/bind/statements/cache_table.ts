/**
 * Spark's cache statements (recognised in planner/sql/lakehouse/cache_statements.ts):
 *   CACHE [LAZY] TABLE t        reads the current files' column chunks into the column cache   → `CACHE TABLE`
 *                               (LAZY: nothing now; the cache fills as queries read)
 *   UNCACHE TABLE [IF EXISTS] t drops them from the cache                                       → `UNCACHE TABLE`
 *   CLEAR CACHE                 empties the cache                                                → `CLEAR CACHE`
 */
import { warmTable, unwarmTable } from '../../../executor/cache/warm.js';
import type { PgNode } from '../expr/scope.js';
import { execContextOf, type StatementEnv } from './context.js';
import { lookupTable, rangeVarName, requireTable } from './names.js';

export async function executeCacheStatement(stmt: PgNode, env: StatementEnv): Promise<string> {
  switch (stmt.action as 'cache' | 'uncache' | 'clear') {
    case 'clear':
      env.pool.clearCache?.();
      return 'CLEAR CACHE';
    case 'cache': {
      const table = await requireTable(env.catalog, env.searchPath, rangeVarName(stmt.relation, env.sql));
      const snap = await table.snapshot();
      if (stmt.lazy !== true) await warmTable(snap, env.pool, execContextOf(env).eval, env.signal);
      return 'CACHE TABLE';
    }
    case 'uncache': {
      const n = rangeVarName(stmt.relation, env.sql);
      const table = stmt.missingOk === true ? await lookupTable(env.catalog, env.searchPath, n) : await requireTable(env.catalog, env.searchPath, n);
      if (table !== null) unwarmTable(await table.snapshot(), env.pool);
      return 'UNCACHE TABLE';
    }
  }
}
