/**
 * Spark / Delta forms of ALTER TABLE that PostgreSQL's grammar lacks (or that part G does not own), recognised
 * from the tokens as whole statements:
 *   ALTER TABLE [IF EXISTS] t ADD COLUMNS (c type [NOT NULL] [COMMENT '…'], …)   (also ADD COLUMN … COMMENT '…')
 *   ALTER TABLE t DROP COLUMNS [IF EXISTS] (a, b)        ALTER TABLE t DROP COLUMN [IF EXISTS] (a, b)
 *   ALTER TABLE t RENAME [COLUMN] a TO b                 (RENAME TO is a table rename: not recognised here)
 *   ALTER TABLE t SET TBLPROPERTIES ('k' = 'v', …)       ALTER TABLE t UNSET TBLPROPERTIES [IF EXISTS] ('k', …)
 * → `{ PierAlterTableStmt: { relation, missingOk, actions } }` (planner/bind/statements/alter_actions.ts).
 * Column definitions are parsed by libpg-query as the column list of a CREATE TABLE laid over the same bytes.
 */
import { parseSync } from 'libpg-query';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import type { AlterAction, NewColumn, PierAlterTable } from '../../bind/statements/alter_actions.js';
import { readPropertyKey, tokenSyntaxError } from './relation_tokens.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { byteOffsetToIndex, indexToPosition } from '../positions.js';

export function recogniseAlterTableStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'alter') || !isWord(tokens[1], 'table')) return null;
  const syntaxError = (t: Token | undefined): QueryError => tokenSyntaxError(text, t);
  let k = 2;
  let missingOk = false;
  if (isWord(tokens[k], 'if') && isWord(tokens[k + 1], 'exists')) { missingOk = true; k += 2; }
  if (isWord(tokens[k], 'only')) k++;
  const ident = (t: Token | undefined): string => {
    if (t === undefined || (t.kind !== 'word' && t.kind !== 'qident')) throw syntaxError(t);
    return t.value;
  };
  const first = tokens[k];
  if (first === undefined || (first.kind !== 'word' && first.kind !== 'qident')) return null;
  const names = [first.value];
  k++;
  while (isPunct(tokens[k], '.')) { names.push(ident(tokens[k + 1])); k += 2; }
  const nameEnd = tokens[k - 1]!.end;
  const location = Buffer.byteLength(text.slice(0, first.start), 'utf8');
  const relation: PgNode = names.length === 1
    ? { relname: names[0], location }
    : names.length === 2 ? { schemaname: names[0], relname: names[1], location } : { catalogname: names[0], schemaname: names[1], relname: names[2], location };

  const t = tokens[k];
  let action: AlterAction | null = null;
  if (isWord(t, 'add') && (isWord(tokens[k + 1], 'columns') || (isWord(tokens[k + 1], 'column') && tokens.slice(k + 2).some((x) => isWord(x, 'comment'))))) {
    let j = k + 2;
    let ifNotExists = false;
    if (isWord(tokens[j], 'if') && isWord(tokens[j + 1], 'not') && isWord(tokens[j + 2], 'exists')) { ifNotExists = true; j += 3; }
    const parens = isPunct(tokens[j], '(');
    const end = parens ? matching(tokens, j) : tokens.length;
    if (parens && end !== tokens.length - 1) throw syntaxError(tokens[end + 1] ?? tokens[end]);
    const inner = parens ? tokens.slice(j + 1, end) : tokens.slice(j);
    if (inner.length === 0) throw syntaxError(tokens[j + 1]);
    action = { kind: 'addColumns', columns: columnDefs(text, inner, nameEnd, syntaxError), ifNotExists };
  } else if (isWord(t, 'drop') && (isWord(tokens[k + 1], 'columns') || (isWord(tokens[k + 1], 'column') && (isPunct(tokens[k + 2], '(') || (isWord(tokens[k + 2], 'if') && isPunct(tokens[k + 4], '(')))))) {
    let j = k + 2;
    let ifExists = false;
    if (isWord(tokens[j], 'if') && isWord(tokens[j + 1], 'exists')) { ifExists = true; j += 2; }
    const cols: string[] = [];
    if (isPunct(tokens[j], '(')) {
      j++;
      for (;;) {
        cols.push(ident(tokens[j]));
        j++;
        if (isPunct(tokens[j], ',')) { j++; continue; }
        if (isPunct(tokens[j], ')')) { j++; break; }
        throw syntaxError(tokens[j]);
      }
    } else {
      for (;;) {
        cols.push(ident(tokens[j]));
        j++;
        if (isPunct(tokens[j], ',')) { j++; continue; }
        break;
      }
    }
    if (j < tokens.length) throw syntaxError(tokens[j]);
    action = { kind: 'dropColumns', names: cols, missingOk: ifExists };
  } else if (isWord(t, 'rename') && !isWord(tokens[k + 1], 'to') && !isWord(tokens[k + 1], 'constraint')) {
    let j = k + 1;
    if (isWord(tokens[j], 'column')) j++;
    const from = ident(tokens[j]);
    if (!isWord(tokens[j + 1], 'to')) throw syntaxError(tokens[j + 1]);
    const to = ident(tokens[j + 2]);
    if (j + 3 < tokens.length) throw syntaxError(tokens[j + 3]);
    action = { kind: 'renameColumn', from, to };
  } else if (isWord(t, 'set') && isWord(tokens[k + 1], 'tblproperties')) {
    const { props, end } = propertyList(text, tokens, k + 2, true, syntaxError);
    if (end < tokens.length) throw syntaxError(tokens[end]);
    action = { kind: 'setProperties', properties: props };
  } else if (isWord(t, 'unset') && isWord(tokens[k + 1], 'tblproperties')) {
    let j = k + 2;
    let ifExists = false;
    if (isWord(tokens[j], 'if') && isWord(tokens[j + 1], 'exists')) { ifExists = true; j += 2; }
    const { props, end } = propertyList(text, tokens, j, false, syntaxError);
    if (end < tokens.length) throw syntaxError(tokens[end]);
    action = { kind: 'unsetProperties', keys: Object.keys(props), ifExists };
  }
  let actions: AlterAction[] = action === null ? [] : [action];
  const colAt = isWord(tokens[k + 1], 'column') ? k + 2 : k + 1;
  if (action === null && (isWord(t, 'change') || (isWord(t, 'alter') && isWord(tokens[colAt + 1], 'comment')))) {
    actions = changeColumn(text, tokens, k, nameEnd, syntaxError);
  }
  if (actions.length === 0) return null;
  const node: PierAlterTable = { relation, missingOk, actions };
  return { PierAlterTableStmt: node };
}

function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (isPunct(tokens[j], '(')) depth++;
    else if (isPunct(tokens[j], ')') && --depth === 0) return j;
  }
  return tokens.length;
}

/** ('k' = 'v', a.b = 1, …) or, for UNSET, ('k', a.b, …) starting at the '(' token `j`. */
function propertyList(text: string, tokens: readonly Token[], j: number, withValues: boolean, syntaxError: (t: Token | undefined) => QueryError): { props: Record<string, string>; end: number } {
  if (!isPunct(tokens[j], '(')) throw syntaxError(tokens[j]);
  j++;
  const props: Record<string, string> = {};
  while (!isPunct(tokens[j], ')')) {
    const { key, next } = readPropertyKey(text, tokens, j);
    j = next;
    let value = '';
    if (withValues) {
      if (tokens[j]?.kind === 'op' && tokens[j]!.value === '=') j++;
      const v = tokens[j];
      if (v === undefined || (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'word')) throw syntaxError(v);
      value = v.kind === 'string' ? v.value : text.slice(v.start, v.end);
      j++;
    }
    props[key] = value;
    if (isPunct(tokens[j], ',')) j++;
    else if (!isPunct(tokens[j], ')')) throw syntaxError(tokens[j]);
  }
  return { props, end: j + 1 };
}

/**
 * Column definitions `c type [NOT NULL] [COMMENT '…'], …` (tokens `inner`): COMMENT clauses are recorded and
 * blanked, and the rest is parsed as `CREATE TABLE <name> (<defs>)` written over the same bytes, so positions
 * in libpg-query's errors point into the original text.
 */
function columnDefs(text: string, inner: readonly Token[], nameEnd: number, syntaxError: (t: Token | undefined) => QueryError): NewColumn[] {
  const comments: (string | null)[] = [null];
  let body = text;
  let depth = 0;
  for (let j = 0; j < inner.length; j++) {
    const t = inner[j]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    else if (depth === 0 && isPunct(t, ',')) comments.push(null);
    else if (depth === 0 && isWord(t, 'comment')) {
      const s = inner[j + 1];
      if (s === undefined || s.kind !== 'string') throw syntaxError(s);
      comments[comments.length - 1] = s.value;
      body = body.slice(0, t.start) + ' '.repeat(s.end - t.start) + body.slice(s.end);
      j++;
    }
  }
  const start = inner[0]!.start;
  const end = inner[inner.length - 1]!.end;
  // "ALTER TABLE name ... (" → "CREATE TABLE x" + spaces + "(" over the prefix; ")" after the definitions
  const prefix = 'CREATE TABLE x';
  const prefixBytes = Buffer.byteLength(text.slice(0, start), 'utf8');
  if (prefixBytes < prefix.length + 1) throw syntaxError(inner[0]);
  const laid = prefix + ' '.repeat(prefixBytes - prefix.length - 1) + '(' + body.slice(start, end) + ')';
  void nameEnd;
  let res: { stmts?: { stmt: PgNode }[] };
  try {
    res = parseSync(laid) as unknown as { stmts?: { stmt: PgNode }[] };
  } catch (e) {
    const details = (e as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const position = details === undefined ? undefined : indexToPosition(text, Math.min(text.length, byteOffsetToIndex(laid, details.cursorPosition)));
    throw new QueryError(SQLSTATE.syntax_error, details?.message ?? (e as Error).message, { position, cause: e });
  }
  const elts = (res.stmts?.[0]?.stmt.CreateStmt?.tableElts ?? []) as PgNode[];
  if (elts.length !== comments.length || elts.some((e) => e.ColumnDef === undefined)) throw syntaxError(inner[0]);
  return elts.map((e, i) => ({ def: e.ColumnDef as PgNode, comment: comments[i] ?? null }));
}

/**
 * Spark's  CHANGE [COLUMN] c [c] [type] [COMMENT '…']  and  ALTER [COLUMN] c COMMENT '…'  starting at token `k`.
 * A different second name (a rename through CHANGE) is 0A000: use RENAME COLUMN.
 */
function changeColumn(text: string, tokens: readonly Token[], k: number, nameEnd: number, syntaxError: (t: Token | undefined) => QueryError): AlterAction[] {
  let j = k + 1;
  if (isWord(tokens[j], 'column')) j++;
  const col = tokens[j];
  if (col === undefined || (col.kind !== 'word' && col.kind !== 'qident')) throw syntaxError(col);
  j++;
  const out: AlterAction[] = [];
  const commentAt = tokens.findIndex((x, i) => i >= j && isWord(x, 'comment'));
  const typeEnd = commentAt < 0 ? tokens.length : commentAt;
  if (isWord(tokens[k], 'change') && j < typeEnd) {
    // CHANGE c c2 [type]: the second name must be the same column
    const second = tokens[j]!;
    if (second.kind !== 'word' && second.kind !== 'qident') throw syntaxError(second);
    if (second.value !== col.value) {
      throw new QueryError(SQLSTATE.feature_not_supported, 'ALTER TABLE ... CHANGE COLUMN cannot rename a column: use RENAME COLUMN', { position: indexToPosition(text, second.start) });
    }
    if (j + 1 < typeEnd) {
      const [def] = columnDefs(text, tokens.slice(j, typeEnd), nameEnd, syntaxError);
      out.push({ kind: 'alterType', column: col.value, typeName: def!.def.typeName as PgNode });
    }
  } else if (j < typeEnd) {
    throw syntaxError(tokens[j]);
  }
  if (commentAt >= 0) {
    const s = tokens[commentAt + 1];
    if (s === undefined || (s.kind !== 'string' && !isWord(s, 'null'))) throw syntaxError(s);
    if (commentAt + 2 < tokens.length) throw syntaxError(tokens[commentAt + 2]);
    out.push({ kind: 'setComment', column: col.value, comment: s.kind === 'string' ? s.value : null });
  }
  if (out.length === 0) throw syntaxError(tokens[j]);
  return out;
}
