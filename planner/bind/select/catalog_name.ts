/**
 * Three-part names `db.schema.table`: the database part must name the session's database (PostgreSQL has no
 * cross-database references), else 0A000 `cross-database references are not implemented: "db.schema.table"`.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode, PlanContext } from '../../api.js';
import { pgPosition } from './relation_scope.js';

export function checkCatalogName(rv: PgNode, ctx: PlanContext): void {
  const db = rv.catalogname as string | undefined;
  if (db === undefined) return;
  const current = ctx.session?.database;
  // without session facts (statement binders' plan contexts) the session already refused other databases
  if (current === undefined || db === current) return;
  throw new QueryError(SQLSTATE.feature_not_supported, `cross-database references are not implemented: "${db}.${String(rv.schemaname)}.${String(rv.relname)}"`, {
    position: pgPosition(rv.location),
  });
}
