/**
 * Databricks' DESCRIBE statements, recognised from the tokens as whole statements:
 *   DESCRIBE HISTORY t [LIMIT n]     DESCRIBE DETAIL t     DESC[RIBE] [TABLE] [EXTENDED] t
 * → `{ PierDescribeStmt: { what: 'history' | 'detail' | 'table', relation, limit } }`
 * handled by planner/bind/statements/describe_statement.ts.
 */
import type { PgNode } from '../../bind/expr/scope.js';
import { isWord, type Token } from '../lexer.js';
import { readRelation, tokenSyntaxError } from './relation_tokens.js';

export type DescribeWhat = 'history' | 'detail' | 'table';

export function recogniseDescribeStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'describe') && !isWord(tokens[0], 'desc')) return null;
  let k = 1;
  let what: DescribeWhat = 'table';
  if (isWord(tokens[k], 'history') && tokens[k + 1] !== undefined) { what = 'history'; k++; }
  else if (isWord(tokens[k], 'detail') && tokens[k + 1] !== undefined) { what = 'detail'; k++; }
  else {
    if (isWord(tokens[k], 'table')) k++;
    if (isWord(tokens[k], 'extended') && tokens[k + 1] !== undefined) k++;
  }
  const { relation, next } = readRelation(text, tokens, k);
  k = next;
  let limit: number | null = null;
  if (what === 'history' && isWord(tokens[k], 'limit')) {
    const n = tokens[k + 1];
    if (n === undefined || n.kind !== 'number' || !/^\d+$/.test(n.value)) throw tokenSyntaxError(text, n);
    limit = Number(n.value);
    k += 2;
  }
  if (k < tokens.length) throw tokenSyntaxError(text, tokens[k]);
  return { PierDescribeStmt: { what, relation, limit } };
}
