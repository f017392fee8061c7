/**
 * Delta time travel on table references in FROM (Databricks syntax):
 *   t [FOR] VERSION AS OF 3        t [FOR] TIMESTAMP AS OF <constant expression>
 *   t [FOR] SYSTEM_VERSION AS OF 3 t [FOR] SYSTEM_TIME AS OF <expr>
 *   t@v3                           t@20240101100000000   (yyyyMMddHHmmssSSS)
 * The clause is blanked out of the text and recorded per table reference by the byte offset of the table's
 * name (the RangeVar location libpg-query reports); an alias may follow (`t VERSION AS OF 2 AS x`).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { blankOut, indexToPosition } from '../positions.js';
import type { TimeTravelRef, TimeTravelSpec } from '../statement.js';
import type { LakehouseRewrite } from './rewrite.js';

/** Words that end a TIMESTAMP AS OF expression (the rest of the FROM clause / query). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'as', 'where', 'join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'on', 'using', 'group', 'order',
  'limit', 'offset', 'union', 'intersect', 'except', 'having', 'window', 'fetch', 'for', 'lateral', 'tablesample',
]);
/** Words that continue an expression after a constant (`'1' hour`, `... at time zone 'UTC'`, `and`). */
const CONTINUE_WORDS: ReadonlySet<string> = new Set([
  'at', 'time', 'zone', 'and', 'or', 'is', 'not', 'year', 'month', 'day', 'hour', 'minute', 'second', 'to', 'interval',
]);

const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'qident');

function syntaxError(text: string, t: Token | undefined): QueryError {
  return t === undefined
    ? new QueryError(SQLSTATE.syntax_error, 'syntax error at end of input', { position: indexToPosition(text, text.length) })
    : new QueryError(SQLSTATE.syntax_error, `syntax error at or near "${text.slice(t.start, t.end)}"`, { position: indexToPosition(text, t.start) });
}

/** Index of the first token of the (possibly qualified) table name ending at token `end`, or -1 when not in FROM. */
function tableNameStart(tokens: readonly Token[], end: number): number {
  if (!isName(tokens[end])) return -1;
  let j = end;
  while (isPunct(tokens[j - 1], '.') && isName(tokens[j - 2])) j -= 2;
  const before = tokens[j - 1];
  if (isWord(before, 'from') || isWord(before, 'join') || isPunct(before, ',') || isWord(before, 'only') || isWord(before, 'using')) return j;
  return -1;
}

/** `yyyyMMddHHmmssSSS` → `'yyyy-MM-dd HH:mm:ss.SSS'` (a timestamp literal). */
function compactTimestamp(digits: string): string {
  const d = digits;
  return `'${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} ${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}.${d.slice(14, 17)}'`;
}

export function rewriteTimeTravel(text: string, tokens: readonly Token[]): LakehouseRewrite | null {
  const refs: TimeTravelRef[] = [];
  const cuts: [number, number][] = [];
  const record = (nameTok: Token, spec: TimeTravelSpec): void => {
    refs.push({ location: Buffer.byteLength(text.slice(0, nameTok.start), 'utf8'), spec });
  };
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    // t@v3 / t@20240101100000000: `@` glued to the name and to what follows
    if (t.kind === 'op' && t.value === '@' && tokens[k - 1]!.end === t.start) {
      const next = tokens[k + 1];
      if (next === undefined || next.start !== t.end) continue;
      const start = tableNameStart(tokens, k - 1);
      if (start < 0) continue;
      let spec: TimeTravelSpec | null = null;
      if (next.kind === 'word' && /^v\d+$/.test(next.value)) spec = { kind: 'version', version: Number(next.value.slice(1)) };
      else if (next.kind === 'number' && /^\d{17}$/.test(next.value)) spec = { kind: 'timestamp', expr: compactTimestamp(next.value) };
      if (spec === null) throw syntaxError(text, next);
      record(tokens[start]!, spec);
      cuts.push([t.start, next.end]);
      k++;
      continue;
    }
    // [FOR] VERSION|SYSTEM_VERSION|TIMESTAMP|SYSTEM_TIME AS OF ...
    const isVersion = isWord(t, 'version') || isWord(t, 'system_version');
    const isTimestamp = isWord(t, 'timestamp') || isWord(t, 'system_time');
    if (!(isVersion || isTimestamp) || !isWord(tokens[k + 1], 'as') || !isWord(tokens[k + 2], 'of')) continue;
    const hasFor = isWord(tokens[k - 1], 'for');
    const nameEnd = hasFor ? k - 2 : k - 1;
    const start = tableNameStart(tokens, nameEnd);
    if (start < 0) continue;
    const clauseStart = hasFor ? tokens[k - 1]!.start : t.start;
    let j = k + 3;
    if (isVersion) {
      const v = tokens[j];
      const digits = v?.kind === 'number' ? v.value : v?.kind === 'string' ? v.value.trim() : '';
      if (v === undefined || !/^\d+$/.test(digits) || !Number.isSafeInteger(Number(digits))) throw syntaxError(text, v);
      record(tokens[start]!, { kind: 'version', version: Number(digits) });
      cuts.push([clauseStart, v.end]);
      k = j;
      continue;
    }
    // the timestamp expression: up to a stop word, `,` / `)` at depth 0, or an alias after a complete constant
    const first = j;
    let depth = 0;
    for (; j < tokens.length; j++) {
      const e = tokens[j]!;
      if (isPunct(e, '(')) { depth++; continue; }
      if (isPunct(e, ')')) { if (depth === 0) break; depth--; continue; }
      if (depth > 0) continue;
      if (isPunct(e, ',') || isPunct(e, ';')) break;
      if (e.kind === 'word' && STOP_WORDS.has(e.value)) break;
      if (j > first && isName(e) && !(e.kind === 'word' && CONTINUE_WORDS.has(e.value))) {
        const p = tokens[j - 1]!;
        if (p.kind === 'string' || p.kind === 'number' || isPunct(p, ')')) break; // a bare alias
      }
    }
    if (j === first) throw syntaxError(text, tokens[j]);
    const last = tokens[j - 1]!;
    const expr = text.slice(tokens[first]!.start, last.end).replace(/\b(current_timestamp|current_date|now)\s*\(\s*\)/gi, (_m, f: string) => f.toLowerCase() === 'now' ? 'now()' : f);
    record(tokens[start]!, { kind: 'timestamp', expr });
    cuts.push([clauseStart, last.end]);
    k = j - 1;
  }
  if (refs.length === 0) return null;
  let out = text;
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) out = blankOut(out, a, b);
  return { text: out, extras: { timeTravel: refs } };
}
