/** RETURNING of UPDATE / DELETE: bound over the target table's columns as the statement names the target. */
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import type { DmlTarget } from '../dml/dml_target.js';
import { bindReturning, returningList } from './bind_returning.js';
import { returningRows, type ReturningRows } from './returning_rows.js';

/** The collector of the statement's RETURNING rows (bound now, so its errors come before any work), or null. */
export function dmlReturning(stmt: PgNode, t: DmlTarget, env: StatementEnv): ReturningRows | null {
  const list = returningList(stmt);
  if (list === undefined) return null;
  const aliased = (stmt.relation as PgNode).alias?.aliasname !== undefined;
  const bound = bindReturning(list, { fields: t.snap.fields, alias: t.alias, schemaName: aliased ? null : t.table.ref.schema }, env);
  return returningRows(bound, env);
}
