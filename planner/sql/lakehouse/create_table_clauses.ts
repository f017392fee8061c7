/**
 * CREATE TABLE clauses from Spark / Delta SQL that PostgreSQL's grammar lacks:
 *   PARTITIONED BY (c1, ...)   USING DELTA   LOCATION '...'   TBLPROPERTIES ('k' = 'v', ...)   COMMENT '...'
 * They may appear in any order after the column list (or after the table name for CTAS), before a top-level AS.
 * Each recognised clause is blanked out of the text and recorded.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { readPropertyKey, tokenSyntaxError } from './relation_tokens.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { blankOut, indexToPosition } from '../positions.js';
import type { CreateTableExtras } from '../statement.js';
import type { LakehouseRewrite } from './rewrite.js';

export function rewriteCreateTable(text: string, tokens: readonly Token[]): LakehouseRewrite | null {
  let k = 0;
  if (!isWord(tokens[k], 'create')) return null;
  k++;
  if (isWord(tokens[k], 'or') && isWord(tokens[k + 1], 'replace')) k += 2;
  while (tokens[k]?.kind === 'word' && ['temp', 'temporary', 'unlogged', 'global', 'local', 'external'].includes(tokens[k]!.value)) k++;
  if (!isWord(tokens[k], 'table')) return null;
  k++;

  let partitionedBy: string[] | null = null;
  let using: string | null = null;
  let location: string | null = null;
  let tblProperties: Record<string, string> | null = null;
  let comment: string | null = null;
  const cuts: [number, number][] = [];
  let depth = 0;
  let found = false;
  // `CREATE TABLE t LOCATION '...'` has no column list: `()` is written into the blanked clause text
  let columnList = false;
  let ctas = false;

  const syntaxError = (t: Token | undefined): QueryError => tokenSyntaxError(text, t);

  while (k < tokens.length) {
    const t = tokens[k]!;
    if (isPunct(t, '(')) { depth++; k++; columnList = true; continue; }
    if (isPunct(t, ')')) { depth--; k++; continue; }
    if (depth > 0) { k++; continue; }
    if (isWord(t, 'as')) { ctas = true; break; } // CTAS: the query belongs to PostgreSQL
    if (isWord(t, 'partitioned') && isWord(tokens[k + 1], 'by')) {
      if (!isPunct(tokens[k + 2], '(')) throw syntaxError(tokens[k + 2]);
      const names: string[] = [];
      let j = k + 3;
      for (;;) {
        const id = tokens[j];
        if (id === undefined || (id.kind !== 'word' && id.kind !== 'qident')) throw syntaxError(id);
        names.push(id.value);
        j++;
        if (isPunct(tokens[j], ',')) { j++; continue; }
        if (isPunct(tokens[j], ')')) break;
        throw syntaxError(tokens[j]);
      }
      partitionedBy = names;
      cuts.push([t.start, tokens[j]!.end]);
      k = j + 1;
      found = true;
      continue;
    }
    if (isWord(t, 'using')) {
      const f = tokens[k + 1];
      if (f === undefined || (f.kind !== 'word' && f.kind !== 'qident')) throw syntaxError(f);
      using = f.value.toLowerCase();
      cuts.push([t.start, f.end]);
      k += 2;
      found = true;
      continue;
    }
    if (isWord(t, 'location')) {
      const s = tokens[k + 1];
      if (s === undefined || s.kind !== 'string') throw syntaxError(s);
      location = s.value;
      cuts.push([t.start, s.end]);
      k += 2;
      found = true;
      continue;
    }
    if (isWord(t, 'comment')) {
      const s = tokens[k + 1];
      if (s === undefined || s.kind !== 'string') throw syntaxError(s);
      comment = s.value;
      cuts.push([t.start, s.end]);
      k += 2;
      found = true;
      continue;
    }
    if (isWord(t, 'tblproperties')) {
      if (!isPunct(tokens[k + 1], '(')) throw syntaxError(tokens[k + 1]);
      const props: Record<string, string> = {};
      let j = k + 2;
      while (!isPunct(tokens[j], ')')) {
        // key: 'a.b' or dotted identifiers a.b.c
        const { key, next } = readPropertyKey(text, tokens, j);
        j = next;
        if (tokens[j]?.kind === 'op' && tokens[j]!.value === '=') j++;
        const v = tokens[j];
        if (v === undefined || (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'word')) throw syntaxError(v);
        props[key] = v.kind === 'string' ? v.value : text.slice(v.start, v.end);
        j++;
        if (isPunct(tokens[j], ',')) j++;
        else if (!isPunct(tokens[j], ')')) throw syntaxError(tokens[j]);
      }
      tblProperties = props;
      cuts.push([t.start, tokens[j]!.end]);
      k = j + 1;
      found = true;
      continue;
    }
    k++;
  }
  if (!found) return null;
  let out = text;
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) out = blankOut(out, a, b);
  if (!columnList && !ctas && location !== null) {
    const at = cuts[cuts.length - 1]![0]; // the first clause (cuts are sorted last to first)
    out = out.slice(0, at) + '()' + out.slice(at + 2);
  }
  const extras: CreateTableExtras = { partitionedBy, using, location, tblProperties, comment };
  return { text: out, extras: { createTable: extras } };
}
