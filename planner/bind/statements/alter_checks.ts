/**
 * Checks ALTER TABLE runs over the rows a table already has before it commits: SET NOT NULL and ADD COLUMN
 * ... NOT NULL (no NULLs / no rows), ADD CONSTRAINT ... CHECK (no row for which the expression is FALSE).
 * Each is one query through the planner and executor: `SELECT 1 FROM t WHERE <condition> LIMIT 1`.
 */
import type { TableRef } from '../../../catalog/catalog.js';
import { executePlan } from '../../../executor/execute.js';
import { planQuery } from '../../plan_query.js';
import { parseStatementsSync } from '../../sql/parse.js';
import { execContextOf, planContextOf, type StatementEnv } from './context.js';

export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** True when some row of the table satisfies `condition` (SQL text over the table's columns; null = any row). */
export async function anyRowMatches(ref: TableRef, condition: string | null, env: StatementEnv): Promise<boolean> {
  const sql = `SELECT 1 FROM ${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}${condition === null ? '' : ` WHERE ${condition}`} LIMIT 1`;
  const parsed = parseStatementsSync(sql);
  const st = parsed[0];
  if (st === undefined || st.kind !== 'pg') throw new Error(`alter check: cannot parse ${sql}`);
  const planned = await planQuery(st.ast, { ...planContextOf(env), bind: { ...planContextOf(env).bind, sql } });
  for await (const b of executePlan(planned.plan, execContextOf(env))) {
    if (b.length > 0) return true;
  }
  return false;
}
