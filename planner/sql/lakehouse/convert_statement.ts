/**
 * Delta's CONVERT TO DELTA for a folder of Parquet files, recognised as a whole statement:
 *   CONVERT TO DELTA parquet.`/path` [PARTITIONED BY (col type, ...)]
 * (also parquet.'/path', parquet."/path" and '/path') → `{ PierConvertStmt: { path, partitionedBy } }`,
 * partition types as written (lower-cased), handled by planner/bind/statements/convert.ts.
 */
import type { PgNode } from '../../bind/expr/scope.js';
import { isPunct, isWord, type Token } from '../lexer.js';
import { tokenSyntaxError } from './relation_tokens.js';

export interface ConvertPartitionColumn {
  readonly name: string;
  readonly type: string;
}

export function recogniseConvertStatement(text: string, tokens: readonly Token[]): PgNode | null {
  if (!isWord(tokens[0], 'convert')) return null;
  if (!isWord(tokens[1], 'to')) throw tokenSyntaxError(text, tokens[1]);
  if (!isWord(tokens[2], 'delta')) throw tokenSyntaxError(text, tokens[2]);
  let k = 3;
  let path: string;
  let after: number;
  if (isWord(tokens[k], 'parquet') && isPunct(tokens[k + 1], '.')) {
    const dot = tokens[k + 1]!;
    if (text[dot.end] === '`') {
      const close = text.indexOf('`', dot.end + 1);
      if (close < 0) throw tokenSyntaxError(text, tokens[k + 2]);
      path = text.slice(dot.end + 1, close);
      after = close + 1;
    } else {
      const s = tokens[k + 2];
      if (s === undefined || (s.kind !== 'string' && s.kind !== 'qident')) throw tokenSyntaxError(text, s);
      path = s.value;
      after = s.end;
    }
  } else if (tokens[k]?.kind === 'string') {
    path = tokens[k]!.value;
    after = tokens[k]!.end;
  } else {
    throw tokenSyntaxError(text, tokens[k]);
  }
  k = tokens.findIndex((t) => t.start >= after);
  if (k < 0) k = tokens.length;
  let partitionedBy: ConvertPartitionColumn[] = [];
  if (isWord(tokens[k], 'partitioned') && isWord(tokens[k + 1], 'by')) {
    if (!isPunct(tokens[k + 2], '(')) throw tokenSyntaxError(text, tokens[k + 2]);
    k += 3;
    for (;;) {
      const name = tokens[k];
      if (name === undefined || (name.kind !== 'word' && name.kind !== 'qident')) throw tokenSyntaxError(text, name);
      k++;
      const typeStart = tokens[k];
      let depth = 0;
      while (k < tokens.length && !(depth === 0 && (isPunct(tokens[k], ',') || isPunct(tokens[k], ')')))) {
        if (isPunct(tokens[k], '(')) depth++;
        if (isPunct(tokens[k], ')')) depth--;
        k++;
      }
      if (typeStart === undefined || k >= tokens.length || tokens[k] === typeStart) throw tokenSyntaxError(text, tokens[k]);
      partitionedBy = [...partitionedBy, { name: name.value, type: text.slice(typeStart.start, tokens[k - 1]!.end).replace(/\s+/g, '').toLowerCase() }];
      if (isPunct(tokens[k], ')')) { k++; break; }
      k++;
    }
  }
  if (k < tokens.length) throw tokenSyntaxError(text, tokens[k]);
  return { PierConvertStmt: { path, partitionedBy } };
}
