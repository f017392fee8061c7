/**
 * The lakehouse layer: recognisers that find Spark / Delta syntax in one statement's tokens, blank it out of
 * the text (same UTF-8 byte length, so libpg-query locations stay valid) and record what they found.
 * New syntax (VERSION AS OF, OPTIMIZE, VACUUM ... RETAIN, DESCRIBE HISTORY) is added as another recogniser in
 * this list; whole-statement forms will return a LakehouseStatement instead of text for libpg-query.
 */
import type { Token } from '../lexer.js';
import type { StatementExtras } from '../statement.js';
import { rewriteCreateTable } from './create_table_clauses.js';
import { rewriteTimeTravel } from './time_travel_clauses.js';

export interface LakehouseRewrite {
  /** the statement text with the recognised clauses blanked out */
  readonly text: string;
  readonly extras: StatementExtras;
}

type Recogniser = (text: string, tokens: readonly Token[]) => LakehouseRewrite | null;

const RECOGNISERS: readonly Recogniser[] = [rewriteCreateTable, rewriteTimeTravel];

/** Apply every recogniser in turn; returns the final text and the merged extras. */
export function applyLakehouseLayer(text: string, tokens: readonly Token[]): LakehouseRewrite {
  let current: LakehouseRewrite = { text, extras: {} };
  for (const r of RECOGNISERS) {
    const res = r(current.text, tokens);
    if (res !== null) current = { text: res.text, extras: { ...current.extras, ...res.extras } };
  }
  return current;
}
