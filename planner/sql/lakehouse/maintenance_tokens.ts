/**
 * Token helpers shared by the OPTIMIZE and VACUUM recognisers: syntax errors positioned like PostgreSQL's,
 * a (qualified) table name as a RangeVar-shaped node, and parsing a WHERE predicate with libpg-query.
 */
import { parseSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import type { Token } from '../lexer.js';
import { isPunct } from '../lexer.js';
import { byteOffsetToIndex, indexToPosition } from '../positions.js';

export function syntaxError(text: string, t: Token | undefined): QueryError {
  return t === undefined
    ? new QueryError(SQLSTATE.syntax_error, 'syntax error at end of input', { position: indexToPosition(text, text.length) })
    : new QueryError(SQLSTATE.syntax_error, `syntax error at or near "${text.slice(t.start, t.end)}"`, { position: indexToPosition(text, t.start) });
}

/** `name`, `schema.name` (`catalog.schema.name`) at tokens[k]; returns the RangeVar-shaped node and the next index. */
export function readTableName(text: string, tokens: readonly Token[], k: number): { relation: PgNode; next: number } {
  const ident = (t: Token | undefined): string => {
    if (t === undefined || (t.kind !== 'word' && t.kind !== 'qident')) throw syntaxError(text, t);
    return t.value;
  };
  const first = tokens[k];
  const names = [ident(first)];
  k++;
  while (isPunct(tokens[k], '.')) { names.push(ident(tokens[k + 1])); k += 2; }
  if (names.length > 3) throw syntaxError(text, tokens[k - 1]);
  const location = Buffer.byteLength(text.slice(0, first!.start), 'utf8');
  const relation: PgNode = names.length === 1
    ? { relname: names[0], location }
    : names.length === 2
      ? { schemaname: names[0], relname: names[1], location }
      : { catalogname: names[0], schemaname: names[1], relname: names[2], location };
  return { relation, next: k };
}

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
