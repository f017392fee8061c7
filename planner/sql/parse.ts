/**
 * parseStatements(sql): split a query string into statements and parse each with libpg-query (the real
 * PostgreSQL grammar) after the lakehouse layer has removed Spark / Delta clauses.
 * Syntax errors are QueryError 42601 with PostgreSQL's wording and a 1-based character position in `sql`.
 */
import { loadModule, parseSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { PgNode } from '../bind/expr/scope.js';
import { applyLakehouseLayer } from './lakehouse/rewrite.js';
import { recogniseWholeStatement } from './lakehouse/whole_statements.js';
import { attachTimeTravel } from './lakehouse/time_travel_attach.js';
import { lex, LexError, type Token } from './lexer.js';
import { byteOffsetToIndex, indexToPosition } from './positions.js';
import type { ParsedStatement } from './statement.js';

let loaded: Promise<void> | null = null;

/** Load the libpg-query wasm module (once). */
export function ensureParserLoaded(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly Token[];
}

/** Split at top-level semicolons; unlexable text (an unterminated string) stays one segment for libpg-query to report. */
function splitSegments(sql: string): Segment[] {
  let tokens: Token[];
  try {
    tokens = lex(sql);
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    return [{ start: 0, end: sql.length, tokens: [{ kind: 'op', start: 0, end: 0, value: '' }] }];
  }
  const segs: Segment[] = [];
  let start = 0;
  let cur: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.value === '(') depth++;
    else if (t.kind === 'punct' && t.value === ')') depth = Math.max(0, depth - 1);
    if (t.kind === 'punct' && t.value === ';' && depth === 0) {
      segs.push({ start, end: t.start, tokens: cur });
      start = t.end;
      cur = [];
      continue;
    }
    cur.push(t);
  }
  segs.push({ start, end: sql.length, tokens: cur });
  return segs;
}

function shift(e: QueryError, by: number): QueryError {
  if (e.position === undefined || by === 0) return e;
  return new QueryError(e.sqlstate, e.message, { detail: e.detail, hint: e.hint, position: e.position + by, severity: e.severity, cause: e.cause });
}

/** Parse one statement's text (already rewritten) with libpg-query; errors positioned relative to `original`. */
function parseOne(original: string, rewritten: string): PgNode | null {
  let result: { stmts?: { stmt: PgNode }[] };
  try {
    result = parseSync(rewritten) as unknown as { stmts?: { stmt: PgNode }[] };
  } catch (e) {
    const details = (e as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const message = details?.message ?? (e as Error).message;
    if (/cannot be empty/i.test(message)) return null;
    const position = details === undefined ? undefined : indexToPosition(original, byteOffsetToIndex(original, details.cursorPosition));
    throw new QueryError(SQLSTATE.syntax_error, message, { position, cause: e });
  }
  const stmts = result.stmts ?? [];
  if (stmts.length === 0) return null;
  if (stmts.length > 1) throw new QueryError(SQLSTATE.syntax_error, 'syntax error: more than one statement in a segment');
  return stmts[0]!.stmt;
}

/**
 * Parse a query string into its statements. Empty segments between semicolons are dropped, as PostgreSQL
 * does; a string with no statement at all gives one `empty` statement.
 */
export async function parseStatements(sql: string): Promise<ParsedStatement[]> {
  await ensureParserLoaded();
  return parseStatementsSync(sql);
}

/** parseStatements once ensureParserLoaded() has resolved. */
export function parseStatementsSync(sql: string): ParsedStatement[] {
  const out: ParsedStatement[] = [];
  for (const seg of splitSegments(sql)) {
    if (seg.tokens.length === 0) continue;
    const raw = sql.slice(seg.start, seg.end);
    // trim leading whitespace/comments: the statement text starts at its first token
    const lead = seg.tokens[0]!.kind === 'op' && seg.tokens[0]!.end === 0 ? 0 : seg.tokens[0]!.start - seg.start;
    const text = raw.slice(lead).trimEnd();
    const offset = seg.start + lead;
    const posShift = indexToPosition(sql, offset) - 1;
    try {
      const tokens = seg.tokens.map((t) => ({ ...t, start: t.start - offset, end: t.end - offset }));
      const whole = recogniseWholeStatement(text, tokens);
      if (whole !== null) { out.push({ kind: 'pg', text, offset, parsedText: text, ast: whole, extras: {} }); continue; }
      const rewrite = applyLakehouseLayer(text, tokens);
      const ast = parseOne(text, rewrite.text);
      if (ast === null) continue;
      attachTimeTravel(ast, rewrite.extras.timeTravel);
      out.push({ kind: 'pg', text, offset, parsedText: rewrite.text, ast, extras: rewrite.extras });
    } catch (e) {
      if (e instanceof QueryError) throw shift(e, posShift);
      throw e;
    }
  }
  if (out.length === 0) out.push({ kind: 'empty', text: sql, offset: 0 });
  return out;
}
