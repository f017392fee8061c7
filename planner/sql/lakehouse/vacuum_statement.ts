/**
 * Delta's VACUUM, recognised from the tokens as a whole statement (PostgreSQL's own `VACUUM t` parses, but
 * its grammar lacks the Delta clauses):
 *   VACUUM table [RETAIN num HOURS] [DRY RUN]
 * → `{ PierVacuumStmt: { relation, retainHours, dryRun } }`, run by planner/bind/statements/vacuum.ts.
 * PostgreSQL-only forms (`VACUUM`, `VACUUM (options) …`, `VACUUM FULL/FREEZE/VERBOSE/ANALYZE …`) are left to
 * libpg-query (and are then "not supported").
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import { isWord, type Token } from '../lexer.js';
import { indexToPosition } from '../positions.js';
import { readRelation as readTableName, tokenSyntaxError as syntaxError } from './relation_tokens.js';

const PG_VACUUM_WORDS = new Set(['full', 'freeze', 'verbose', 'analyze', 'analyse']);

export function recogniseVacuumStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'vacuum')) return null;
  const t1 = tokens[1];
  if (t1 === undefined || (t1.kind !== 'word' && t1.kind !== 'qident') || (t1.kind === 'word' && PG_VACUUM_WORDS.has(t1.value))) return null;
  const { relation, next } = readTableName(text, tokens, 1);
  let k = next;
  let retainHours: number | null = null;
  let dryRun = false;
  if (isWord(tokens[k], 'retain')) {
    let sign = 1;
    let n = tokens[k + 1];
    let step = 1;
    if (n !== undefined && n.kind === 'op' && n.value === '-') { sign = -1; n = tokens[k + 2]; step = 2; }
    if (n === undefined || n.kind !== 'number') throw syntaxError(text, n);
    const value = Number(n.value);
    if (!Number.isFinite(value)) throw new QueryError(SQLSTATE.syntax_error, `invalid number "${n.value}"`, { position: indexToPosition(text, n.start) });
    retainHours = sign * value;
    k += 1 + step;
    if (!isWord(tokens[k], 'hours')) throw syntaxError(text, tokens[k]);
    k++;
  }
  if (isWord(tokens[k], 'dry')) {
    if (!isWord(tokens[k + 1], 'run')) throw syntaxError(text, tokens[k + 1]);
    dryRun = true;
    k += 2;
  }
  if (k < tokens.length) throw syntaxError(text, tokens[k]);
  return { PierVacuumStmt: { relation, retainHours, dryRun } };
}
