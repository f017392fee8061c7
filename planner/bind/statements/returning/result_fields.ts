/**
 * What an INSERT / UPDATE / DELETE returns, known before it runs (the extended protocol's Describe): the
 * statement is bound over the target as it is now (no rows read or written), which also infers its parameter
 * types as PostgreSQL does (source / SET / WHERE first, then RETURNING). Null without RETURNING.
 */
import type { Field } from '../../../../common/types.js';
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import { describeDelete } from '../dml/delete.js';
import { describeUpdate } from '../dml/update.js';
import { bindInsert } from '../insert.js';
import { returningList } from './bind_returning.js';

export type ReturningKind = 'InsertStmt' | 'UpdateStmt' | 'DeleteStmt';

export function isReturningKind(type: string): type is ReturningKind {
  return type === 'InsertStmt' || type === 'UpdateStmt' || type === 'DeleteStmt';
}

export function hasReturning(type: string, stmt: PgNode): boolean {
  return isReturningKind(type) && returningList(stmt) !== undefined;
}

export async function dmlResultFields(type: ReturningKind, stmt: PgNode, env: StatementEnv): Promise<readonly Field[] | null> {
  switch (type) {
    case 'InsertStmt': return (await bindInsert(stmt, env)).returning?.fields ?? null;
    case 'UpdateStmt': return describeUpdate(stmt, env);
    case 'DeleteStmt': return describeDelete(stmt, env);
  }
}
