/**
 * Databricks' DESCRIBE statements, recognised from the tokens as whole statements:
 *   DESCRIBE HISTORY t [LIMIT n]     DESCRIBE DETAIL t     DESC[RIBE] [TABLE] [EXTENDED] t
 * (HISTORY and DETAIL also by path: delta.`/path` or '/path')
 * → `{ PierDescribeStmt: { what: 'history' | 'detail' | 'table', relation, path, limit } }` (relation or path set)
 * handled by planner/bind/statements/describe_statement.ts.
 */
import type { PgNode } from '../../bind/expr/scope.js';
import { isPunct, isWord, type Token } from '../lexer.js';
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
  // a table by path: delta.`/path` or '/path' (HISTORY and DETAIL)
  let path: string | null = null;
  let relation: PgNode | null = null;
  if (what !== 'table' && isWord(tokens[k], 'delta') && isPunct(tokens[k + 1], '.') && text[tokens[k + 1]!.end] === '`') {
    const open = tokens[k + 1]!.end;
    const close = text.indexOf('`', open + 1);
    if (close < 0) throw tokenSyntaxError(text, tokens[k + 2]);
    path = text.slice(open + 1, close);
    k = tokens.findIndex((t) => t.start > close);
    if (k < 0) k = tokens.length;
  } else if (what !== 'table' && tokens[k]?.kind === 'string') {
    path = tokens[k]!.value;
    k++;
  } else {
    const r = readRelation(text, tokens, k);
    relation = r.relation;
    k = r.next;
  }
  let limit: number | null = null;
  if (what === 'history' && isWord(tokens[k], 'limit')) {
    const n = tokens[k + 1];
    if (n === undefined || n.kind !== 'number' || !/^\d+$/.test(n.value)) throw tokenSyntaxError(text, n);
    limit = Number(n.value);
    k += 2;
  }
  if (k < tokens.length) throw tokenSyntaxError(text, tokens[k]);
  return { PierDescribeStmt: { what, relation, path, limit } };
}
