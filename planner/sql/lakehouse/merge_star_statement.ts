/**
 * Databricks' MERGE actions PostgreSQL's grammar lacks: `THEN UPDATE SET *` and `THEN INSERT *` (every target
 * column from the source column of the same name). The statement is parsed by libpg-query with `UPDATE SET *`
 * read as `DELETE` and `INSERT *` as `INSERT DEFAULT VALUES`; those clauses then get `pierStar: true` (and
 * CMD_UPDATE back) and locations after each substitution are moved back to the original text's offsets.
 * The result is an ordinary `{ MergeStmt }` for planner/bind/statements/dml/merge.ts. (WHEN NOT MATCHED BY
 * SOURCE is in libpg-query's grammar already.)
 */
import { parseSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { byteOffsetToIndex, indexToPosition } from '../positions.js';

interface Substitution {
  /** character range in the original text */
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly kind: 'update' | 'insert';
}

export function recogniseMergeStarStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'merge')) return null;
  const subs: Substitution[] = [];
  /** for each top-level WHEN, in order: the index of its star substitution, or -1 */
  const whenStar: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    if (depth !== 0) continue;
    if (isWord(t, 'when')) whenStar.push(-1);
    if (!isWord(tokens[i - 1], 'then')) continue;
    if (isWord(t, 'update') && isWord(tokens[i + 1], 'set') && tokens[i + 2]?.value === '*' && tokens[i + 2]!.kind === 'op') {
      subs.push({ start: t.start, end: tokens[i + 2]!.end, replacement: 'DELETE', kind: 'update' });
      whenStar[whenStar.length - 1] = subs.length - 1;
    } else if (isWord(t, 'insert') && tokens[i + 1]?.value === '*' && tokens[i + 1]!.kind === 'op') {
      subs.push({ start: t.start, end: tokens[i + 1]!.end, replacement: 'INSERT DEFAULT VALUES', kind: 'insert' });
      whenStar[whenStar.length - 1] = subs.length - 1;
    }
  }
  if (subs.length === 0) return null;

  let rewritten = '';
  let at = 0;
  /** byte offset in the rewritten text after which locations move, and by how many bytes */
  const shifts: { readonly after: number; readonly by: number }[] = [];
  for (const s of subs) {
    rewritten += text.slice(at, s.start) + s.replacement;
    at = s.end;
    shifts.push({ after: Buffer.byteLength(rewritten, 'utf8'), by: Buffer.byteLength(text.slice(s.start, s.end), 'utf8') - s.replacement.length });
  }
  rewritten += text.slice(at);
  const toOriginal = (loc: number): number => {
    let out = loc;
    for (const s of shifts) if (loc >= s.after) out += s.by;
    return out;
  };

  let ast: PgNode;
  try {
    ast = (parseSync(rewritten) as unknown as { stmts: { stmt: PgNode }[] }).stmts[0]!.stmt;
  } catch (e) {
    const details = (e as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const position = details === undefined ? undefined : indexToPosition(text, byteOffsetToIndex(text, toOriginal(details.cursorPosition)));
    throw new QueryError(SQLSTATE.syntax_error, details?.message ?? (e as Error).message, { position, cause: e });
  }
  if (ast.MergeStmt === undefined) return null;
  moveLocations(ast, toOriginal);
  const clauses = (ast.MergeStmt.mergeWhenClauses ?? []) as PgNode[];
  clauses.forEach((c, i) => {
    const k = whenStar[i] ?? -1;
    if (k < 0) return;
    const w = c.MergeWhenClause as PgNode;
    w.pierStar = true;
    if (subs[k]!.kind === 'update') w.commandType = 'CMD_UPDATE';
  });
  return ast;
}

function moveLocations(node: unknown, map: (loc: number) => number): void {
  if (Array.isArray(node)) { for (const x of node) moveLocations(x, map); return; }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'location' && typeof v === 'number' && v >= 0) o[k] = map(v);
    else moveLocations(v, map);
  }
}
