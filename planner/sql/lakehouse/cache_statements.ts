/**
 * Spark's cache statements, which PostgreSQL's grammar lacks, recognised from the tokens as whole statements:
 *   CACHE [LAZY] TABLE name      UNCACHE TABLE [IF EXISTS] name      CLEAR CACHE
 * The result is a synthetic AST node `{ PierCacheStmt: { action, relation, missingOk, lazy } }` (relation shaped like
 * libpg-query's RangeVar, location a UTF-8 byte offset) handled by planner/bind/statements/cache_table.ts.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { indexToPosition } from '../positions.js';

export type CacheAction = 'cache' | 'uncache' | 'clear';

export function recogniseCacheStatement(text: string, tokens: readonly Token[]): PgNode | null {
  const syntaxError = (t: Token | undefined): QueryError =>
    t === undefined
      ? new QueryError(SQLSTATE.syntax_error, 'syntax error at end of input', { position: indexToPosition(text, text.length) })
      : new QueryError(SQLSTATE.syntax_error, `syntax error at or near "${text.slice(t.start, t.end)}"`, { position: indexToPosition(text, t.start) });
  let k = 0;
  let lazy = false;
  let action: CacheAction;
  if (isWord(tokens[0], 'clear') && isWord(tokens[1], 'cache')) {
    if (tokens.length > 2) throw syntaxError(tokens[2]);
    return { PierCacheStmt: { action: 'clear', relation: null, missingOk: false } };
  }
  if (isWord(tokens[0], 'cache')) {
    action = 'cache';
    k = 1;
    if (isWord(tokens[k], 'lazy')) { lazy = true; k++; }
  } else if (isWord(tokens[0], 'uncache')) {
    action = 'uncache';
    k = 1;
  } else {
    return null;
  }
  if (!isWord(tokens[k], 'table')) throw syntaxError(tokens[k]);
  k++;
  let missingOk = false;
  if (action === 'uncache' && isWord(tokens[k], 'if') && isWord(tokens[k + 1], 'exists')) { missingOk = true; k += 2; }
  const ident = (t: Token | undefined): string => {
    if (t === undefined || (t.kind !== 'word' && t.kind !== 'qident')) throw syntaxError(t);
    return t.value;
  };
  const first = tokens[k];
  const names = [ident(first)];
  k++;
  while (isPunct(tokens[k], '.')) { names.push(ident(tokens[k + 1])); k += 2; }
  if (k < tokens.length) {
    // CACHE TABLE t AS SELECT ... / OPTIONS (...) are Spark forms Pier does not have
    if (action === 'cache' && (isWord(tokens[k], 'as') || isWord(tokens[k], 'options'))) {
      throw new QueryError(SQLSTATE.feature_not_supported, `CACHE TABLE ... ${tokens[k]!.value.toUpperCase()} is not supported`, { position: indexToPosition(text, tokens[k]!.start) });
    }
    throw syntaxError(tokens[k]);
  }
  if (names.length > 3) throw syntaxError(tokens[k - 1]);
  const location = Buffer.byteLength(text.slice(0, first!.start), 'utf8');
  const relation: PgNode = names.length === 1
    ? { relname: names[0], location }
    : names.length === 2
      ? { schemaname: names[0], relname: names[1], location }
      : { catalogname: names[0], schemaname: names[1], relname: names[2], location };
  return { PierCacheStmt: { action, relation, missingOk, lazy } };
}
