/**
 * Parsed statements as the rest of the planner sees them: a libpg-query AST plus whatever the lakehouse
 * layer recognised and removed from the text before libpg-query saw it.
 */
import type { PgNode } from '../bind/expr/scope.js';

/** Spark / Delta clauses of CREATE TABLE (removed from the text, recorded here). */
export interface CreateTableExtras {
  /** PARTITIONED BY (c1, ...) — names folded as PostgreSQL folds identifiers */
  readonly partitionedBy: readonly string[] | null;
  /** USING <format> (lower-cased), e.g. 'delta' */
  readonly using: string | null;
  readonly location: string | null;
  readonly tblProperties: Readonly<Record<string, string>> | null;
  readonly comment: string | null;
}

/** Time travel on one table reference: `t VERSION AS OF 3`, `t TIMESTAMP AS OF <expr>`, `t@v3`, `t@yyyyMMddHHmmssSSS`. */
export type TimeTravelSpec =
  | { readonly kind: 'version'; readonly version: number }
  /** a constant SQL expression (text) evaluated as timestamptz */
  | { readonly kind: 'timestamp'; readonly expr: string };

export interface TimeTravelRef {
  /** UTF-8 byte offset of the table name (the RangeVar's `location`) */
  readonly location: number;
  readonly spec: TimeTravelSpec;
}

/** Everything the lakehouse layer attached to one statement. Later: time travel pins by table location. */
export interface StatementExtras {
  readonly createTable?: CreateTableExtras;
  readonly timeTravel?: readonly TimeTravelRef[];
}

export type ParsedStatement =
  /** only whitespace / comments */
  | { readonly kind: 'empty'; readonly text: string; readonly offset: number }
  /**
   * A statement libpg-query parsed. `ast` is the statement node (`{ SelectStmt: ... }`); its `location`s are
   * 0-based UTF-8 byte offsets into `parsedText`, which has the same length in bytes as `text` (removed
   * lakehouse clauses are blanked out, not cut), so they are byte offsets into `text` too.
   * Later lakehouse-only statements (OPTIMIZE, DESCRIBE HISTORY, ...) become their own kinds here.
   */
  | {
      readonly kind: 'pg';
      readonly text: string;
      /** 0-based character offset of `text` in the whole query string */
      readonly offset: number;
      readonly parsedText: string;
      readonly ast: PgNode;
      readonly extras: StatementExtras;
    };

/** The libpg-query node type name of a statement: 'SelectStmt', 'CreateStmt', ... */
export function statementNodeType(ast: PgNode): string {
  const keys = Object.keys(ast);
  return keys[0] ?? '';
}
