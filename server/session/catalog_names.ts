/**
 * Three-part names `db.schema.table`: when `db` is the session's database (dbt writes every name that way) the
 * database part is dropped before binding; any other database is left for the binders to refuse with 0A000
 * "cross-database references are not implemented".
 */
import type { PgNode } from '../../planner/bind/expr/scope.js';

/** Strip the current database from RangeVars, `db.schema.table.column` references and DROP name lists, in place. */
export function stripCurrentDatabase(node: unknown, database: string): void {
  if (Array.isArray(node)) {
    for (const n of node) stripCurrentDatabase(n, database);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as PgNode;
  if (typeof obj.relname === 'string' && obj.catalogname === database) delete obj.catalogname;
  const colRef = obj.ColumnRef as PgNode | undefined;
  const fields = colRef?.fields as PgNode[] | undefined;
  if (fields !== undefined && fields.length === 4 && fields[0]?.String?.sval === database) fields.shift();
  const drop = obj.DropStmt as PgNode | undefined;
  if (drop !== undefined) {
    for (const o of (drop.objects ?? []) as PgNode[]) {
      const items = o.List?.items as PgNode[] | undefined;
      if (items !== undefined && items.length === 3 && items[0]?.String?.sval === database) items.shift();
    }
  }
  for (const v of Object.values(obj)) if (v !== null && typeof v === 'object') stripCurrentDatabase(v, database);
}
