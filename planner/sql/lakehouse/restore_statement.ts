/**
 * Delta's RESTORE, recognised from the tokens as a whole statement:
 *   RESTORE [TABLE] t [TO] VERSION AS OF n | TIMESTAMP AS OF <constant expression>
 * → `{ PierRestoreStmt: { relation, version, timestampExpr } }` (one of the two set), handled by
 * planner/bind/statements/restore.ts.
 */
import type { PgNode } from '../../bind/expr/scope.js';
import { isWord, type Token } from '../lexer.js';
import { readRelation, tokenSyntaxError } from './relation_tokens.js';

export function recogniseRestoreStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'restore')) return null;
  let k = 1;
  if (isWord(tokens[k], 'table')) k++;
  const { relation, next } = readRelation(text, tokens, k);
  k = next;
  if (isWord(tokens[k], 'to')) k++;
  const kind = isWord(tokens[k], 'version') ? 'version' : isWord(tokens[k], 'timestamp') ? 'timestamp' : null;
  if (kind === null) throw tokenSyntaxError(text, tokens[k]);
  if (!isWord(tokens[k + 1], 'as')) throw tokenSyntaxError(text, tokens[k + 1]);
  if (!isWord(tokens[k + 2], 'of')) throw tokenSyntaxError(text, tokens[k + 2]);
  k += 3;
  if (kind === 'version') {
    const v = tokens[k];
    if (v === undefined || v.kind !== 'number' || !/^\d+$/.test(v.value)) throw tokenSyntaxError(text, v);
    if (k + 1 < tokens.length) throw tokenSyntaxError(text, tokens[k + 1]);
    return { PierRestoreStmt: { relation, version: Number(v.value), timestampExpr: null } };
  }
  if (k >= tokens.length) throw tokenSyntaxError(text, undefined);
  const expr = text.slice(tokens[k]!.start, tokens[tokens.length - 1]!.end)
    .replace(/\b(current_timestamp|current_date|now)\s*\(\s*\)/gi, (_m, f: string) => f.toLowerCase() === 'now' ? 'now()' : f);
  return { PierRestoreStmt: { relation, version: null, timestampExpr: expr } };
}
