/**
 * Dispatch of DDL/DML statements (those that return no rows) to their binders. SELECT, EXPLAIN, SET/SHOW and
 * transaction control are handled by the session. Anything else is 0A000 naming the statement.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import { statementNodeType } from '../../sql/statement.js';
import type { StatementEnv, StatementInput } from './context.js';
import { executeCreateSchema } from './create_schema.js';
import { executeCreateTable } from './create_table.js';
import { executeCreateTableAs } from './create_table_as.js';
import { executeDrop } from './drop.js';
import { executeInsert } from './insert.js';
import { executeCacheStatement } from './cache_table.js';

export type DdlDmlKind = 'CreateSchemaStmt' | 'CreateStmt' | 'CreateTableAsStmt' | 'DropStmt' | 'InsertStmt' | 'PierCacheStmt';
const KINDS: readonly string[] = ['CreateSchemaStmt', 'CreateStmt', 'CreateTableAsStmt', 'DropStmt', 'InsertStmt', 'PierCacheStmt'];

export function isDdlDml(nodeType: string): nodeType is DdlDmlKind {
  return KINDS.includes(nodeType);
}

/** Run one DDL/DML statement; returns its command tag. */
export async function executeStatement(ast: PgNode, input: StatementInput, env: StatementEnv): Promise<string> {
  const type = statementNodeType(ast);
  const stmt = ast[type] as PgNode;
  if (!isDdlDml(type)) throw unsupportedStatement(ast);
  switch (type) {
    case 'CreateSchemaStmt': return executeCreateSchema(stmt, env);
    case 'CreateStmt': return executeCreateTable(stmt, input, env);
    case 'CreateTableAsStmt': return executeCreateTableAs(stmt, input, env);
    case 'DropStmt': return executeDrop(stmt, env);
    case 'InsertStmt': return executeInsert(stmt, env);
    case 'PierCacheStmt': return executeCacheStatement(stmt, env);
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
