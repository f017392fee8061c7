/**
 * Whole-statement recognisers: Spark / Delta statements that PostgreSQL's grammar lacks (CACHE TABLE, and the
 * lakehouse statements added beside it) are recognised from the tokens before libpg-query sees the text.
 * Each recogniser returns a synthetic AST node `{ PierXxxStmt: {...} }` (relations shaped like libpg-query's
 * RangeVar, locations UTF-8 byte offsets) or null when the statement is not its own; it throws 42601 for a
 * statement that starts like its own but is malformed. The first non-null result wins.
 * Binders for the synthetic nodes are dispatched in planner/bind/statements/execute_statement.ts.
 */
import type { PgNode } from '../../bind/expr/scope.js';
import type { Token } from '../lexer.js';
import { recogniseCacheStatement } from './cache_statements.js';
import { recogniseAlterTableStatement } from './alter_table_statements.js';
import { recogniseDescribeStatement } from './describe_statements.js';
import { recogniseRestoreStatement } from './restore_statement.js';
import { recogniseConvertStatement } from './convert_statement.js';
import { recogniseOptimizeStatement } from './optimize_statement.js';
import { recogniseVacuumStatement } from './vacuum_statement.js';
import { recogniseMergeStarStatement } from './merge_star_statement.js';
import { recogniseInsertOverwriteStatement } from './insert_overwrite_statement.js';

export type WholeStatementRecogniser = (text: string, tokens: readonly Token[]) => PgNode | null;

export const WHOLE_STATEMENT_RECOGNISERS: readonly WholeStatementRecogniser[] = [
  recogniseCacheStatement,
  recogniseAlterTableStatement,
  recogniseDescribeStatement,
  recogniseRestoreStatement,
  recogniseConvertStatement,
  recogniseOptimizeStatement,
  recogniseVacuumStatement,
  recogniseMergeStarStatement,
  recogniseInsertOverwriteStatement,
];

export function recogniseWholeStatement(text: string, tokens: readonly Token[]): PgNode | null {
  for (const r of WHOLE_STATEMENT_RECOGNISERS) {
    const node = r(text, tokens);
    if (node !== null) return node;
  }
  return null;
}
