/**
 * Parsing a WHERE predicate found inside a lakehouse statement (OPTIMIZE … WHERE, the admin API's `where`) with
 * libpg-query. Table names and syntax errors of whole-statement recognisers: `relation_tokens.ts`.
 */
import { parseSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import { byteOffsetToIndex, indexToPosition } from '../positions.js';

/**
 * Parse text[start, end) (a WHERE predicate) as an expression with libpg-query, keeping its locations valid
 * in `text`: everything else is blanked (same UTF-8 length) and `SELECT` put in front.
 */
export function parsePredicate(text: string, start: number, end: number): PgNode {
  const prefixBytes = Buffer.byteLength(text.slice(0, start), 'utf8');
  const suffixBytes = Buffer.byteLength(text.slice(end), 'utf8');
  const head = 'SELECT 1 WHERE ';
  if (prefixBytes < head.length) throw new Error('parsePredicate: no room before the predicate');
  const masked = head + ' '.repeat(prefixBytes - head.length) + text.slice(start, end) + ' '.repeat(suffixBytes);
  let result: { stmts?: { stmt: PgNode }[] };
  try {
    result = parseSync(masked) as unknown as { stmts?: { stmt: PgNode }[] };
  } catch (e) {
    const details = (e as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const message = details?.message ?? (e as Error).message;
    const position = details === undefined ? undefined : indexToPosition(text, byteOffsetToIndex(text, details.cursorPosition));
    throw new QueryError(SQLSTATE.syntax_error, message, { position, cause: e });
  }
  const select = result.stmts?.[0]?.stmt.SelectStmt as PgNode | undefined;
  if (select?.whereClause === undefined || (result.stmts?.length ?? 0) !== 1) {
    throw new QueryError(SQLSTATE.syntax_error, `syntax error at or near "${text.slice(start, end).trim().split(/\s+/)[0] ?? ''}"`, { position: indexToPosition(text, start) });
  }
  return select.whereClause as PgNode;
}
