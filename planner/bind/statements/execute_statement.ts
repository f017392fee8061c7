/**
 * Dispatch of DDL/DML and lakehouse statements to their binders. SELECT, EXPLAIN, SET/SHOW and transaction
 * control are handled by the session. Anything else is 0A000 naming the statement.
 * A statement either finishes with a command tag, or returns rows (DESCRIBE HISTORY, OPTIMIZE's metrics, …):
 * then `statementResultFields` must give its columns before it runs (the extended protocol's Describe).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import type { Batch } from '../../../common/vector.js';
import type { PgNode } from '../expr/scope.js';
import { statementNodeType } from '../../sql/statement.js';
import type { StatementEnv, StatementInput } from './context.js';
import { executeCreateSchema } from './create_schema.js';
import { executeCreateTable } from './create_table.js';
import { executeCreateTableAs } from './create_table_as.js';
import { executeDrop } from './drop.js';
import { executeInsert } from './insert.js';
import { executeCacheStatement } from './cache_table.js';
import { executeAlterTable, executePierAlterTable } from './alter_table.js';
import { executeOptimize, OPTIMIZE_FIELDS } from './optimize.js';
import { executeVacuum, VACUUM_FIELDS } from './vacuum.js';
import { executeDelete } from './dml/delete.js';
import { executeUpdate } from './dml/update.js';
import { executeTruncate } from './dml/truncate.js';
import { executeMerge } from './dml/merge.js';
import { executeInsertOverwrite } from './dml/insert_overwrite.js';
import { describeFields, executeDescribe } from './describe_statement.js';
import { executeRestore, RESTORE_FIELDS } from './restore.js';
import { executeConvert } from './convert.js';
import { executeComment } from './comment_on.js';
import { executeCreateView } from './create_view.js';
import { executeRename } from './rename.js';
import { routeTemporary } from './temp_tables.js';

export type DdlDmlKind = 'CreateSchemaStmt' | 'CreateStmt' | 'CreateTableAsStmt' | 'DropStmt' | 'InsertStmt' | 'PierCacheStmt' | 'DeleteStmt' | 'UpdateStmt' | 'TruncateStmt' | 'MergeStmt' | 'PierInsertOverwriteStmt' | 'PierOptimizeStmt' | 'PierVacuumStmt' | 'PierDescribeStmt' | 'PierRestoreStmt' | 'PierConvertStmt' | 'AlterTableStmt' | 'PierAlterTableStmt' | 'CommentStmt' | 'ViewStmt' | 'RenameStmt';
const KINDS: readonly string[] = ['CreateSchemaStmt', 'CreateStmt', 'CreateTableAsStmt', 'DropStmt', 'InsertStmt', 'PierCacheStmt', 'DeleteStmt', 'UpdateStmt', 'TruncateStmt', 'MergeStmt', 'PierInsertOverwriteStmt', 'PierOptimizeStmt', 'PierVacuumStmt', 'PierDescribeStmt', 'PierRestoreStmt', 'PierConvertStmt', 'AlterTableStmt', 'PierAlterTableStmt', 'CommentStmt', 'ViewStmt', 'RenameStmt'];

export function isDdlDml(nodeType: string): nodeType is DdlDmlKind {
  return KINDS.includes(nodeType);
}

/** What a statement produced: just a tag, or rows (with the tag sent after them). */
export type StatementOutcome =
  | { readonly kind: 'command'; readonly tag: string }
  | { readonly kind: 'rows'; readonly fields: readonly Field[]; readonly batches: readonly Batch[]; readonly tag: string };

const command = (tag: string): StatementOutcome => ({ kind: 'command', tag });

/**
 * The columns a statement returns, known before it runs; null for statements that return no rows. A kind that
 * returns rows must answer here with the same fields its outcome carries.
 */
export function statementResultFields(ast: PgNode): readonly Field[] | null {
  const type = statementNodeType(ast);
  if (!isDdlDml(type)) return null;
  switch (type) {
    case 'PierOptimizeStmt': return OPTIMIZE_FIELDS;
    case 'PierVacuumStmt': return VACUUM_FIELDS;
    case 'PierDescribeStmt': return describeFields(ast[type] as PgNode);
    case 'PierRestoreStmt': return RESTORE_FIELDS;
    case 'PierConvertStmt': return null;
    case 'CreateSchemaStmt':
    case 'CreateStmt':
    case 'CreateTableAsStmt':
    case 'DropStmt':
    case 'InsertStmt':
    case 'PierCacheStmt':
    case 'AlterTableStmt':
    case 'PierAlterTableStmt':
    case 'CommentStmt':
    case 'ViewStmt':
    case 'RenameStmt':
    case 'DeleteStmt':
    case 'UpdateStmt':
    case 'TruncateStmt':
    case 'MergeStmt':
    case 'PierInsertOverwriteStmt':
      return null;
  }
}

/** Run one DDL/DML/lakehouse statement. */
export async function executeStatement(ast: PgNode, input: StatementInput, env: StatementEnv): Promise<StatementOutcome> {
  const type = statementNodeType(ast);
  const stmt = await routeTemporary(type, ast[type] as PgNode, env);
  if (!isDdlDml(type)) throw unsupportedStatement(ast);
  switch (type) {
    case 'CreateSchemaStmt': return command(await executeCreateSchema(stmt, env));
    case 'CreateStmt': return command(await executeCreateTable(stmt, input, env));
    case 'CreateTableAsStmt': return command(await executeCreateTableAs(stmt, input, env));
    case 'DropStmt': return command(await executeDrop(stmt, env));
    case 'InsertStmt': return executeInsert(stmt, env);
    case 'PierCacheStmt': return command(await executeCacheStatement(stmt, env));
    case 'AlterTableStmt': return command(await executeAlterTable(stmt, env));
    case 'PierAlterTableStmt': return command(await executePierAlterTable(stmt, env));
    case 'CommentStmt': return command(await executeComment(stmt, env));
    case 'ViewStmt': return command(await executeCreateView(stmt, env));
    case 'RenameStmt': return command(await executeRename(stmt, env));
    case 'PierDescribeStmt': return executeDescribe(stmt, env);
    case 'PierRestoreStmt': return executeRestore(stmt, env);
    case 'PierConvertStmt': return command(await executeConvert(stmt, env));
    case 'PierOptimizeStmt': return executeOptimize(stmt, env);
    case 'PierVacuumStmt': return executeVacuum(stmt, env);
    case 'DeleteStmt': return executeDelete(stmt, env);
    case 'UpdateStmt': return executeUpdate(stmt, env);
    case 'TruncateStmt': return command(await executeTruncate(stmt, env));
    case 'MergeStmt': return command(await executeMerge(stmt, env));
    case 'PierInsertOverwriteStmt': return command(await executeInsertOverwrite(stmt, env));
  }
}

const NAMES: Readonly<Record<string, string>> = {
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  AlterTableStmt: 'ALTER TABLE',
  RenameStmt: 'ALTER ... RENAME',
  ViewStmt: 'CREATE VIEW',
  IndexStmt: 'CREATE INDEX',
  CreateFunctionStmt: 'CREATE FUNCTION',
  CopyStmt: 'COPY',
  TruncateStmt: 'TRUNCATE',
  VacuumStmt: 'VACUUM',
  DeclareCursorStmt: 'DECLARE CURSOR',
  FetchStmt: 'FETCH',
  ClosePortalStmt: 'CLOSE',
  PrepareStmt: 'PREPARE',
  ExecuteStmt: 'EXECUTE',
  DeallocateStmt: 'DEALLOCATE',
  GrantStmt: 'GRANT',
  CreateRoleStmt: 'CREATE ROLE',
  CreatedbStmt: 'CREATE DATABASE',
  DropdbStmt: 'DROP DATABASE',
  CreateSeqStmt: 'CREATE SEQUENCE',
  DoStmt: 'DO',
  ListenStmt: 'LISTEN',
  NotifyStmt: 'NOTIFY',
  LockStmt: 'LOCK',
  DiscardStmt: 'DISCARD',
  CommentStmt: 'COMMENT',
  CallStmt: 'CALL',
  CreateExtensionStmt: 'CREATE EXTENSION',
};

/** 0A000 `UPDATE is not supported` (statement named as PostgreSQL's command). */
export function unsupportedStatement(ast: PgNode): QueryError {
  const type = statementNodeType(ast);
  const name = NAMES[type] ?? type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
  return new QueryError(SQLSTATE.feature_not_supported, `${name} is not supported`);
}
