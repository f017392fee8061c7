/**
 * `UPDATE s.t SET … WHERE s.t.id = …`: PostgreSQL lets an unaliased DML target's columns be named with the
 * schema too (dbt's snapshot SQL does). The DML binders re-express the target as a restricted relation named by
 * its table name, so `s.t.col` is rewritten to `t.col` before binding (in place; the database part of
 * `db.s.t.col` is already gone, see server/session/catalog_names.ts). With an alias PostgreSQL refuses such
 * names, and so do the binders (the reference is left alone).
 */
import type { PgNode } from '../../expr/scope.js';

export function unqualifyTargetColumns(node: unknown, target: { readonly schema: string; readonly name: string; readonly aliased: boolean }): void {
  if (target.aliased) return;
  walk(node, target);
}

function walk(node: unknown, target: { readonly schema: string; readonly name: string }): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, target);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const fields = ((node as PgNode).ColumnRef as PgNode | undefined)?.fields as PgNode[] | undefined;
  if (fields !== undefined && fields.length === 3 && fields[0]?.String?.sval === target.schema && fields[1]?.String?.sval === target.name) {
    fields.shift();
    return;
  }
  for (const v of Object.values(node as PgNode)) if (v !== null && typeof v === 'object') walk(v, target);
}
