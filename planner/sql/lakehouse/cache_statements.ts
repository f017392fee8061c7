/**
 * Spark's cache statements, which PostgreSQL's grammar lacks, recognised from the tokens as whole statements:
 *   CACHE [LAZY] TABLE name      UNCACHE TABLE [IF EXISTS] name      CLEAR CACHE
 * The result is a synthetic AST node `{ PierCacheStmt: { action, relation, missingOk, lazy } }` (relation shaped like
 * libpg-query's RangeVar, location a UTF-8 byte offset) handled by planner/bind/statements/cache_table.ts.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import { isWord, type Token } from '../lexer.js';
import { readRelation, tokenSyntaxError } from './relation_tokens.js';
import { indexToPosition } from '../positions.js';

export type CacheAction = 'cache' | 'uncache' | 'clear';

export function recogniseCacheStatement(text: string, tokens: readonly Token[]): PgNode | null {
  const syntaxError = (t: Token | undefined): QueryError => tokenSyntaxError(text, t);
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
  const { relation, next } = readRelation(text, tokens, k);
  k = next;
  if (k < tokens.length) {
    // CACHE TABLE t AS SELECT ... / OPTIONS (...) are Spark forms Pier does not have
    if (action === 'cache' && (isWord(tokens[k], 'as') || isWord(tokens[k], 'options'))) {
      throw new QueryError(SQLSTATE.feature_not_supported, `CACHE TABLE ... ${tokens[k]!.value.toUpperCase()} is not supported`, { position: indexToPosition(text, tokens[k]!.start) });
    }
    throw syntaxError(tokens[k]);
  }
  return { PierCacheStmt: { action, relation, missingOk, lazy } };
}
