/**
 * EXPLAIN [ANALYZE] <query>: one text column `QUERY PLAN`, one row per line of the plan printer (FORMAT JSON: one
 * row). ANALYZE runs the plan with every operator instrumented (executor/execute.ts analyzePlan) and prints the
 * actual rows, loops and times per node, scan files and counters, join strategy, memory, then the summary.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { T, type Field } from '../../common/types.js';
import { vectorFromDatums } from '../../common/vector.js';
import type { ExecContext } from '../../executor/api.js';
import { analyzePlan } from '../../executor/execute.js';
import { analyzeAnnotator, formatBytes } from '../../executor/instrument/annotate.js';
import type { QueryStats } from '../../executor/instrument/stats.js';
import type { PlanContext } from '../../planner/api.js';
import { explainPlan } from '../../planner/explain.js';
import { planQuery } from '../../planner/plan_query.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import { statementNodeType } from '../../planner/sql/statement.js';
import type { Execution } from './api.js';
import { explainJson } from './explain_json.js';
import { parseExplainOptions } from './explain_options.js';
import { staticRowsExecution } from './execution.js';

export const EXPLAIN_FIELDS: readonly Field[] = [{ name: 'QUERY PLAN', type: T.text, nullable: true }];

/** `exec` gives the execution context for ANALYZE (pool, signal, memory limit); without it ANALYZE is refused. */
export async function explainExecution(explain: PgNode, query: PgNode, ctx: PlanContext, exec?: () => ExecContext): Promise<Execution> {
  const options = parseExplainOptions(explain);
  if (statementNodeType(query) !== 'SelectStmt') {
    throw new QueryError(SQLSTATE.feature_not_supported, `EXPLAIN of ${statementNodeType(query).replace(/Stmt$/, '').toUpperCase()} is not supported`);
  }
  const t0 = performance.now();
  const planned = await planQuery(query, ctx);
  const planningMs = performance.now() - t0;
  let stats: QueryStats | null = null;
  if (options.analyze) {
    if (exec === undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'EXPLAIN ANALYZE is not supported here');
    stats = await analyzePlan(planned.plan, exec());
  }
  let lines: string[];
  if (options.format === 'json') {
    lines = [explainJson(planned.plan, planningMs, stats, options.timing, options.summary)];
  } else {
    const annotate = stats === null ? undefined : analyzeAnnotator(stats, options.timing);
    lines = explainPlan(planned.plan, annotate);
    if (stats !== null && stats.peakMemoryBytes > 0) lines.push(`Peak Memory: ${formatBytes(stats.peakMemoryBytes)}`);
    if (options.summary) lines.push(`Planning Time: ${planningMs.toFixed(3)} ms`);
    if (options.summary && stats !== null) lines.push(`Execution Time: ${stats.totalMs.toFixed(3)} ms`);
  }
  return staticRowsExecution(EXPLAIN_FIELDS, [{ length: lines.length, columns: [vectorFromDatums(T.text, lines)] }], 'EXPLAIN');
}
