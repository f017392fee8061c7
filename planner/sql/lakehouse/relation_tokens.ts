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

/**
 * A table property key at tokens[k] (TBLPROPERTIES): a string literal, or dotted identifiers as written
 * (`delta.appendOnly`); returns the key and the index after it.
 */
export function readPropertyKey(text: string, tokens: readonly Token[], k: number): { key: string; next: number } {
  const first = tokens[k];
  if (first === undefined) throw tokenSyntaxError(text, first);
  if (first.kind === 'string') return { key: first.value, next: k + 1 };
  if (first.kind !== 'word' && first.kind !== 'qident') throw tokenSyntaxError(text, first);
  let key = text.slice(first.start, first.end);
  k++;
  while (isPunct(tokens[k], '.') && tokens[k + 1] !== undefined) { key += '.' + text.slice(tokens[k + 1]!.start, tokens[k + 1]!.end); k += 2; }
  return { key, next: k };
}
