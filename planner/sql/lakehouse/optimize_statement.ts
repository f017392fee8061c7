/**
 * Delta's OPTIMIZE, recognised from the tokens as a whole statement:
 *   OPTIMIZE table [WHERE partition_predicate] [ZORDER BY (col [, ...]) | ZORDER BY col [, ...]]
 * → `{ PierOptimizeStmt: { relation, whereClause, predicate, zOrderBy: [{ name, location }] } }` (relation shaped like a
 * RangeVar, whereClause a libpg-query expression, locations UTF-8 byte offsets), run by
 * planner/bind/statements/optimize.ts.
 */
import type { PgNode } from '../../bind/expr/scope.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { parsePredicate } from './maintenance_tokens.js';
import { readRelation as readTableName, tokenSyntaxError as syntaxError } from './relation_tokens.js';

export function recogniseOptimizeStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'optimize')) return null;
  const { relation, next } = readTableName(text, tokens, 1);
  let k = next;
  let whereClause: PgNode | null = null;
  let predicate: string | null = null;
  if (isWord(tokens[k], 'where')) {
    const start = tokens[k + 1];
    if (start === undefined) throw syntaxError(text, undefined);
    let depth = 0;
    let j = k + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (isPunct(t, '(')) depth++;
      else if (isPunct(t, ')')) depth--;
      else if (depth === 0 && isWord(t, 'zorder')) break;
    }
    const end = j < tokens.length ? tokens[j]!.start : text.length;
    whereClause = parsePredicate(text, start.start, end);
    predicate = text.slice(start.start, end).trim();
    k = j;
  }
  const zOrderBy: PgNode[] = [];
  if (isWord(tokens[k], 'zorder')) {
    if (!isWord(tokens[k + 1], 'by')) throw syntaxError(text, tokens[k + 1]);
    k += 2;
    const paren = isPunct(tokens[k], '(');
    if (paren) k++;
    for (;;) {
      const t = tokens[k];
      if (t === undefined || (t.kind !== 'word' && t.kind !== 'qident')) throw syntaxError(text, t);
      zOrderBy.push({ name: t.value, location: Buffer.byteLength(text.slice(0, t.start), 'utf8') });
      k++;
      if (isPunct(tokens[k], ',')) { k++; continue; }
      break;
    }
    if (paren) {
      if (!isPunct(tokens[k], ')')) throw syntaxError(text, tokens[k]);
      k++;
    }
  }
  if (k < tokens.length) throw syntaxError(text, tokens[k]);
  return { PierOptimizeStmt: { relation, whereClause, predicate, zOrderBy } };
}
