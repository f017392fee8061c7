/**
 * Spark / Delta inserts that replace data, recognised as whole statements:
 *   INSERT OVERWRITE [TABLE] t [(cols)] query            replace the table's rows (or, with the table property
 *                                                         partitionOverwriteMode=dynamic, the partitions written)
 *   INSERT INTO [TABLE] t REPLACE WHERE predicate query   Delta's replaceWhere: rows matching the predicate are
 *                                                         replaced by the query's rows (which must all match it)
 * libpg-query parses the same text with the Spark words blanked to `INSERT INTO t … query` (same byte length, so
 * locations hold); the predicate is parsed from a copy where everything else is blanked. The result is
 * `{ PierInsertOverwriteStmt: { mode, insert: <InsertStmt>, replaceWhere } }` for
 * planner/bind/statements/dml/insert_overwrite.ts.
 */
import { parseSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { blankOut, byteOffsetToIndex, indexToPosition } from '../positions.js';

const QUERY_START = new Set(['select', 'values', 'with', 'table']);

function parseText(original: string, text: string): PgNode {
  try {
    return (parseSync(text) as unknown as { stmts: { stmt: PgNode }[] }).stmts[0]!.stmt;
  } catch (e) {
    const details = (e as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const position = details === undefined ? undefined : indexToPosition(original, byteOffsetToIndex(original, details.cursorPosition));
    throw new QueryError(SQLSTATE.syntax_error, details?.message ?? (e as Error).message, { position, cause: e });
  }
}

export function recogniseInsertOverwriteStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'insert')) return null;
  const overwrite = isWord(tokens[1], 'overwrite');
  if (!overwrite && !isWord(tokens[1], 'into')) return null;
  let k = 2;
  if (isWord(tokens[k], 'table')) k++;
  // the table name: ident (. ident)*
  if (tokens[k] === undefined || (tokens[k]!.kind !== 'word' && tokens[k]!.kind !== 'qident')) return null;
  k++;
  while (isPunct(tokens[k], '.')) k += 2;

  if (overwrite) {
    if (isWord(tokens[k], 'partition')) {
      throw new QueryError(SQLSTATE.feature_not_supported, 'INSERT OVERWRITE ... PARTITION is not supported', { position: indexToPosition(text, tokens[k]!.start) });
    }
    // `INSERT OVERWRITE [TABLE]` → `INSERT INTO` + blanks
    const span = nameStart(tokens);
    const rewritten = text.slice(0, tokens[1]!.start) + 'INTO' + ' '.repeat(span - tokens[1]!.start - 4) + text.slice(span);
    const ast = parseText(text, rewritten);
    if (ast.InsertStmt === undefined) return null;
    return { PierInsertOverwriteStmt: { mode: 'overwrite', insert: ast.InsertStmt, replaceWhere: null } };
  }

  if (!(isWord(tokens[k], 'replace') && isWord(tokens[k + 1], 'where'))) return null;
  const replaceStart = tokens[k]!.start;
  const predStart = tokens[k + 2]?.start;
  if (predStart === undefined) throw new QueryError(SQLSTATE.syntax_error, 'syntax error at end of input', { position: indexToPosition(text, text.length) });
  let depth = 0;
  let q = k + 2;
  for (; q < tokens.length; q++) {
    const t = tokens[q]!;
    if (isPunct(t, '(')) {
      // `(SELECT …)` at depth 0 starts the query only when nothing of the predicate follows it
      depth++;
    } else if (isPunct(t, ')')) depth--;
    else if (depth === 0 && t.kind === 'word' && QUERY_START.has(t.value) && q > k + 2) break;
  }
  if (q >= tokens.length) throw new QueryError(SQLSTATE.syntax_error, 'syntax error at end of input', { position: indexToPosition(text, text.length) });
  const queryStart = tokens[q]!.start;
  const insertText = blankOut(text, replaceStart, queryStart);
  const ast = parseText(text, insertText);
  if (ast.InsertStmt === undefined) return null;
  const prefix = 'SELECT WHERE';
  if (predStart < prefix.length) return null;
  const predText = prefix + ' '.repeat(predStart - prefix.length) + text.slice(predStart, queryStart) + ' '.repeat(text.length - queryStart);
  const pred = parseText(text, predText);
  const where = pred.SelectStmt?.whereClause as PgNode | undefined;
  if (where === undefined) return null;
  return { PierInsertOverwriteStmt: { mode: 'replaceWhere', insert: ast.InsertStmt, replaceWhere: where } };
}

/** Where the table name starts (after INSERT OVERWRITE [TABLE]). */
function nameStart(tokens: readonly Token[]): number {
  return isWord(tokens[2], 'table') ? tokens[3]!.start : tokens[2]!.start;
}
