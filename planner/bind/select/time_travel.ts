/**
 * The version a time-travelling table reference reads (`t VERSION AS OF 3`, `t TIMESTAMP AS OF <expr>`,
 * `t@v3`): the clause was attached to the RangeVar by the lakehouse layer. A timestamp expression must be
 * constant; it is cast to timestamptz (session time zone) and evaluated once, now.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { T } from '../../../common/types.js';
import type { Table } from '../../../catalog/catalog.js';
import { evaluateConstant } from '../../../executor/expr/compile.js';
import type { PlanContext, PgNode } from '../../api.js';
import { parseStatementsSync } from '../../sql/parse.js';
import { TIME_TRAVEL_KEY } from '../../sql/lakehouse/time_travel_attach.js';
import type { TimeTravelSpec } from '../../sql/statement.js';
import { bindExpr, coerceToType } from '../expr/bind_expr.js';
import type { BindContext } from '../expr/scope.js';
import { RelationScope } from './relation_scope.js';

/** The time travel clause on a RangeVar, if any. */
export function timeTravelOf(rv: PgNode): TimeTravelSpec | undefined {
  return rv[TIME_TRAVEL_KEY] as TimeTravelSpec | undefined;
}

/** Evaluate a constant timestamp expression (SQL text) → µs since epoch. */
export function evaluateTimestampExpr(expr: string, bind: BindContext, nowMicros: bigint): bigint {
  const stmts = parseStatementsSync(`SELECT ${expr}`);
  const s = stmts[0];
  if (stmts.length !== 1 || s === undefined || s.kind !== 'pg' || !s.ast.SelectStmt?.targetList) {
    throw new QueryError(SQLSTATE.syntax_error, `invalid TIMESTAMP AS OF expression: ${expr}`);
  }
  const node = s.ast.SelectStmt.targetList[0].ResTarget.val as PgNode;
  const ctx: BindContext = { ...bind, params: [], sql: `SELECT ${expr}` };
  let value;
  try {
    const e = coerceToType(bindExpr(node, RelationScope.empty().exprScope('TIMESTAMP AS OF'), ctx), T.timestamptz, 'explicit', ctx);
    value = evaluateConstant(e, { values: bind.values, params: [], statementTime: nowMicros });
  } catch (err) {
    if (err instanceof QueryError) throw new QueryError(err.sqlstate, err.message, { detail: err.detail, hint: err.hint, cause: err });
    throw err;
  }
  if (value === null) throw new QueryError(SQLSTATE.invalid_parameter_value, 'TIMESTAMP AS OF expression must not be null');
  return value as bigint;
}

/** The version to read for a RangeVar with a time travel clause; undefined when it has none. */
export async function timeTravelVersion(table: Table, rv: PgNode, ctx: PlanContext): Promise<number | undefined> {
  const spec = timeTravelOf(rv);
  if (spec === undefined) return undefined;
  if (table.resolveVersion === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `table "${rv.relname}" does not support time travel`);
  if (spec.kind === 'version') return table.resolveVersion({ kind: 'version', version: spec.version });
  const micros = evaluateTimestampExpr(spec.expr, ctx.bind, BigInt(Date.now()) * 1000n);
  return table.resolveVersion({ kind: 'timestamp', micros });
}
