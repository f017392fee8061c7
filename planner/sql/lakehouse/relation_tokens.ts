/**
 * Helpers for whole-statement recognisers: a (qualified) table name read from the tokens as a RangeVar-shaped
 * node (location = UTF-8 byte offset), and 42601 errors positioned like PostgreSQL's.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import { isPunct, type Token } from '../lexer.js';
import { indexToPosition } from '../positions.js';

export function tokenSyntaxError(text: string, t: Token | undefined): QueryError {
  return t === undefined
    ? new QueryError(SQLSTATE.syntax_error, 'syntax error at end of input', { position: indexToPosition(text, text.length) })
    : new QueryError(SQLSTATE.syntax_error, `syntax error at or near "${text.slice(t.start, t.end)}"`, { position: indexToPosition(text, t.start) });
}

/** Read `name[.name[.name]]` at tokens[k]; returns the RangeVar node and the index after it. */
export function readRelation(text: string, tokens: readonly Token[], k: number): { relation: PgNode; next: number } {
  const ident = (t: Token | undefined): string => {
    if (t === undefined || (t.kind !== 'word' && t.kind !== 'qident')) throw tokenSyntaxError(text, t);
    return t.value;
  };
  const first = tokens[k];
  const names = [ident(first)];
  k++;
  while (isPunct(tokens[k], '.')) { names.push(ident(tokens[k + 1])); k += 2; }
  if (names.length > 3) throw tokenSyntaxError(text, tokens[k - 1]);
  const location = Buffer.byteLength(text.slice(0, first!.start), 'utf8');
  const relation: PgNode = names.length === 1
    ? { relname: names[0], location }
    : names.length === 2
      ? { schemaname: names[0], relname: names[1], location }
      : { catalogname: names[0], schemaname: names[1], relname: names[2], location };
  return { relation, next: k };
}
