/**
 * The columns a FROM clause makes visible, and PostgreSQL's rules for resolving a column reference
 * against them (unqualified, table-qualified, schema.table-qualified; 42703 / 42702 / 42P01).
 */
import type { Field, SqlType } from '../../../common/types.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { ColumnResolution, ExprScope } from '../expr/scope.js';

export interface ScopeColumn {
  readonly name: string;
  readonly type: SqlType;
  /** index in the combined FROM output */
  readonly index: number;
  /** a USING/NATURAL join's duplicate: reachable only qualified, not part of `*` */
  readonly hidden: boolean;
}

export interface ScopeEntry {
  /** the range variable's name (alias, or table name) */
  readonly alias: string;
  /** schema of a table reference when not aliased (for s.t.c references) */
  readonly schemaName: string | null;
  readonly columns: readonly ScopeColumn[];
}

export class RelationScope {
  constructor(readonly entries: readonly ScopeEntry[], readonly fields: readonly Field[]) {}

  static empty(): RelationScope {
    return new RelationScope([], []);
  }

  /** This scope's columns shifted by `offset` (right side of a join). */
  shifted(offset: number): ScopeEntry[] {
    return this.entries.map((e) => ({ ...e, columns: e.columns.map((c) => ({ ...c, index: c.index + offset })) }));
  }

  /** Find the entry + column a reference names; throws the PostgreSQL error otherwise. */
  lookup(fields: readonly string[], position: number | undefined): { entry: ScopeEntry; column: ScopeColumn } {
    const pos = position;
    if (fields.length === 1) {
      const name = fields[0]!;
      const hits: { entry: ScopeEntry; column: ScopeColumn }[] = [];
      for (const entry of this.entries) for (const column of entry.columns) if (!column.hidden && column.name === name) hits.push({ entry, column });
      if (hits.length === 0) throw new QueryError(SQLSTATE.undefined_column, `column "${name}" does not exist`, { position: pos });
      if (hits.length > 1) throw new QueryError(SQLSTATE.ambiguous_column, `column reference "${name}" is ambiguous`, { position: pos });
      return hits[0]!;
    }
    const name = fields[fields.length - 1]!;
    const table = fields[fields.length - 2]!;
    const schema = fields.length >= 3 ? fields[fields.length - 3]! : null;
    const entries = this.entries.filter((e) => e.alias === table && (schema === null || e.schemaName === schema));
    if (entries.length === 0) throw new QueryError(SQLSTATE.undefined_table, `missing FROM-clause entry for table "${table}"`, { position: pos });
    if (entries.length > 1) throw new QueryError(SQLSTATE.ambiguous_column, `table reference "${table}" is ambiguous`, { position: pos });
    const entry = entries[0]!;
    const cols = entry.columns.filter((c) => c.name === name);
    if (cols.length === 0) throw new QueryError(SQLSTATE.undefined_column, `column ${table}.${name} does not exist`, { position: pos });
    if (cols.length > 1) throw new QueryError(SQLSTATE.ambiguous_column, `column reference "${table}.${name}" is ambiguous`, { position: pos });
    return { entry, column: cols[0]! };
  }

  resolve(fields: readonly string[], position: number | undefined): ColumnResolution {
    const { column } = this.lookup(fields, position);
    return { index: column.index, type: column.type, name: column.name };
  }

  /** An ExprScope over these columns (no aggregates allowed). */
  exprScope(clause: string): ExprScope {
    return { clause, resolveColumn: (f, p) => this.resolve(f, p) };
  }
}

/** libpg-query locations are 0-based offsets; PostgreSQL positions are 1-based. */
export function pgPosition(location: unknown): number | undefined {
  return typeof location === 'number' && location >= 0 ? location + 1 : undefined;
}
