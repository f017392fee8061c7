/** RETURNING of INSERT / UPDATE / DELETE: bound over the target table's columns as the statement names the target. */
import type { Field } from '../../../../common/types.js';
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import type { DmlTarget } from '../dml/dml_target.js';
import { bindReturning, returningList, type BoundReturning } from './bind_returning.js';
import { returningRows, type ReturningRows } from './returning_rows.js';

/**
 * The statement's RETURNING list bound over `fields`, the target named by its alias, else by `name` (then also
 * schema-qualified); null without RETURNING.
 */
export function boundReturning(stmt: PgNode, fields: readonly Field[], name: string, schema: string, env: StatementEnv): BoundReturning | null {
  const list = returningList(stmt);
  if (list === undefined) return null;
  const alias = (stmt.relation as PgNode).alias?.aliasname as string | undefined;
  return bindReturning(list, { fields, alias: alias ?? name, schemaName: alias === undefined ? schema : null }, env);
}

/** The collector of an UPDATE's / DELETE's RETURNING rows (bound now, so its errors come before any work), or null. */
export function dmlReturning(stmt: PgNode, t: DmlTarget, env: StatementEnv): ReturningRows | null {
  const bound = boundReturning(stmt, t.snap.fields, t.name, t.table.ref.schema, env);
  return bound === null ? null : returningRows(bound, env);
}
