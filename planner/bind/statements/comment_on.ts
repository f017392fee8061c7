/**
 * COMMENT ON TABLE t IS '...' / COMMENT ON COLUMN t.c IS '...' (IS NULL removes it): stored in the Delta
 * metadata as Spark does — the table's `description`, a column's `comment` field metadata — in one commit.
 * pg_description, obj_description, col_description and psql's \d+ read them back (catalog/system).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { metaDataAction } from '../../../storage/delta/actions.js';
import { schemaToString } from '../../../storage/delta/schema.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import { displayName, requireTable, type RangeVarName } from './names.js';

export async function executeComment(stmt: PgNode, env: StatementEnv): Promise<string> {
  const objtype = String(stmt.objtype);
  const names: string[] = ((stmt.object?.List?.items ?? []) as PgNode[]).map((n) => String(n.String?.sval ?? ''));
  const comment = typeof stmt.comment === 'string' && stmt.comment !== '' ? (stmt.comment as string) : null;
  if (objtype !== 'OBJECT_TABLE' && objtype !== 'OBJECT_COLUMN') {
    throw new QueryError(SQLSTATE.feature_not_supported, `COMMENT ON ${objtype.replace('OBJECT_', '')} is not supported`);
  }
  const column = objtype === 'OBJECT_COLUMN' ? names.pop()! : null;
  if (objtype === 'OBJECT_COLUMN' && names.length === 0) {
    throw new QueryError(SQLSTATE.syntax_error, 'column name must be qualified');
  }
  if (names.length > 2) throw new QueryError(SQLSTATE.feature_not_supported, `cross-database references are not implemented: ${names.join('.')}`);
  const n: RangeVarName = { schema: names.length === 2 ? names[0]! : null, name: names[names.length - 1]!, position: undefined };
  const table = await requireTable(env.catalog, env.searchPath, n);
  if (table.deltaSnapshot === undefined || table.commitActions === undefined) {
    throw new QueryError(SQLSTATE.feature_not_supported, `COMMENT ON is not supported for "${displayName(n)}"`);
  }
  const snap = await table.deltaSnapshot();
  let metadata = snap.metadata;
  if (column === null) {
    metadata = { ...metadata, description: comment };
  } else {
    const field = snap.schema.fields.find((f) => f.name === column);
    if (field === undefined) throw new QueryError(SQLSTATE.undefined_column, `column "${column}" of relation "${displayName(n)}" does not exist`);
    const fields = snap.schema.fields.map((f) => {
      if (f !== field) return f;
      const { comment: _old, ...rest } = f.metadata as Record<string, unknown>;
      return { ...f, metadata: comment === null ? rest : { ...rest, comment } };
    });
    metadata = { ...metadata, schemaString: schemaToString({ ...snap.schema, fields }) };
  }
  await table.commitActions({
    readVersion: snap.version,
    actions: [metaDataAction(metadata)],
    operation: column === null ? 'SET TBLPROPERTIES' : 'CHANGE COLUMN',
    operationParameters: column === null ? { properties: JSON.stringify({ comment }) } : { column: JSON.stringify({ name: column, comment }) },
    isBlindAppend: false,
  });
  return 'COMMENT';
}
