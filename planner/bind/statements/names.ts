/** Resolving table names (RangeVar nodes) with PostgreSQL's rules and the search_path. */
import type { Catalog, Table, TableRef } from '../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import { locationToPosition } from '../../sql/positions.js';

export interface RangeVarName {
  readonly schema: string | null;
  readonly name: string;
  /** 1-based character position, when known */
  readonly position: number | undefined;
}

/** libpg-query already folds unquoted identifiers to lower case and keeps quoted ones. */
export function rangeVarName(rv: PgNode, sql: string): RangeVarName {
  if (rv.catalogname !== undefined) {
    throw new QueryError(SQLSTATE.feature_not_supported, `cross-database references are not implemented: "${rv.catalogname}.${rv.schemaname}.${rv.relname}"`, {
      position: positionOf(rv, sql),
    });
  }
  return { schema: rv.schemaname ?? null, name: rv.relname as string, position: positionOf(rv, sql) };
}

export function positionOf(node: PgNode, sql: string): number | undefined {
  const loc = node.location;
  return typeof loc === 'number' && loc >= 0 ? locationToPosition(sql, loc) : undefined;
}

/** The name as PostgreSQL prints it in messages: `orders` or `sales.orders` as written. */
export function displayName(n: RangeVarName): string {
  return n.schema === null ? n.name : `${n.schema}.${n.name}`;
}

/** Find an existing table; null when none. */
export async function lookupTable(catalog: Catalog, searchPath: readonly string[], n: RangeVarName): Promise<Table | null> {
  if (n.schema !== null) return catalog.getTable({ schema: n.schema, name: n.name });
  for (const schema of searchPath) {
    const t = await catalog.getTable({ schema, name: n.name });
    if (t !== null) return t;
  }
  return null;
}

/** The table, or 42P01 `relation "x" does not exist`. */
export async function requireTable(catalog: Catalog, searchPath: readonly string[], n: RangeVarName): Promise<Table> {
  const t = await lookupTable(catalog, searchPath, n);
  if (t === null) throw new QueryError(SQLSTATE.undefined_table, `relation "${displayName(n)}" does not exist`, { position: n.position });
  return t;
}

/** Where CREATE puts a new object: the named schema, or the first existing schema of the search path. */
export async function creationRef(catalog: Catalog, searchPath: readonly string[], n: RangeVarName): Promise<TableRef> {
  if (n.schema !== null) {
    if (!(await catalog.schemaExists(n.schema))) {
      throw new QueryError(SQLSTATE.invalid_schema_name, `schema "${n.schema}" does not exist`, { position: n.position });
    }
    return { schema: n.schema, name: n.name };
  }
  for (const schema of searchPath) {
    // the session's temporary schema is searched but never created in without TEMP (temp_tables.ts)
    if (!schema.startsWith('pg_temp') && (await catalog.schemaExists(schema))) return { schema, name: n.name };
  }
  throw new QueryError(SQLSTATE.invalid_schema_name, 'no schema has been selected to create in', { position: n.position });
}

/** String node value: `{ String: { sval } }`. */
export function stringValue(node: PgNode): string {
  return (node.String?.sval ?? '') as string;
}
