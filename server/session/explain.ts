/** EXPLAIN <query>: one text column `QUERY PLAN`, one row per line of the plan printer. */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { T, type Field } from '../../common/types.js';
import { vectorFromDatums } from '../../common/vector.js';
import type { PlanContext } from '../../planner/api.js';
import { explainPlan } from '../../planner/explain.js';
import { planQuery } from '../../planner/plan_query.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import { statementNodeType } from '../../planner/sql/statement.js';
import type { Execution } from './api.js';
import { staticRowsExecution } from './execution.js';

export const EXPLAIN_FIELDS: readonly Field[] = [{ name: 'QUERY PLAN', type: T.text, nullable: true }];

export async function explainExecution(explain: PgNode, query: PgNode, ctx: PlanContext): Promise<Execution> {
  for (const o of (explain.options ?? []) as PgNode[]) {
    const name = String(o.DefElem?.defname ?? '');
    if (name === 'analyze') throw new QueryError(SQLSTATE.feature_not_supported, 'EXPLAIN ANALYZE is not supported yet');
    if (!['verbose', 'costs', 'format', 'summary', 'settings', 'timing', 'buffers', 'wal'].includes(name)) {
      throw new QueryError(SQLSTATE.syntax_error, `unrecognized EXPLAIN option "${name}"`);
    }
  }
  if (statementNodeType(query) !== 'SelectStmt') {
    throw new QueryError(SQLSTATE.feature_not_supported, `EXPLAIN of ${statementNodeType(query).replace(/Stmt$/, '').toUpperCase()} is not supported`);
  }
  const planned = await planQuery(query, ctx);
  const lines = explainPlan(planned.plan);
  return staticRowsExecution(EXPLAIN_FIELDS, [{ length: lines.length, columns: [vectorFromDatums(T.text, lines)] }], 'EXPLAIN');
}
