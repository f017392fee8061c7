/** ALTER TABLE / ALTER VIEW [IF EXISTS] name RENAME TO new_name (the relation stays in its schema). */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import { displayName, lookupTable, rangeVarName } from './names.js';
import { findView } from '../select/bind_view.js';
import { planContextOf } from './context.js';

export async function executeRename(stmt: PgNode, env: StatementEnv): Promise<string> {
  const kind = String(stmt.renameType);
  if (kind !== 'OBJECT_TABLE' && kind !== 'OBJECT_VIEW') {
    const what = kind.replace(/^OBJECT_/, '').replace(/_/g, ' ');
    throw new QueryError(SQLSTATE.feature_not_supported, `ALTER ... RENAME of a ${what.toLowerCase()} is not supported`);
  }
  const tag = kind === 'OBJECT_VIEW' ? 'ALTER VIEW' : 'ALTER TABLE';
  const rv = stmt.relation as PgNode;
  const n = rangeVarName(rv, env.sql);
  const newName = String(stmt.newname);
  if (env.catalog.renameRelation === undefined) throw new QueryError(SQLSTATE.feature_not_supported, `${tag} ... RENAME is not supported by this catalog`);
  const table = await lookupTable(env.catalog, env.searchPath, n);
  const view = table === null ? await findView(rv, planContextOf(env)) : null;
  if (table === null && view === null) {
    if (stmt.missing_ok === true) {
      env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.successful_completion, message: `relation "${displayName(n)}" does not exist, skipping` });
      return tag;
    }
    throw new QueryError(SQLSTATE.undefined_table, `relation "${displayName(n)}" does not exist`, { position: n.position });
  }
  if (kind === 'OBJECT_VIEW' && table !== null) {
    throw new QueryError(SQLSTATE.wrong_object_type, `"${n.name}" is not a view`, { hint: 'Use ALTER TABLE instead.' });
  }
  const ref = table?.ref ?? { schema: view!.schema, name: n.name };
  await env.catalog.renameRelation(ref, newName);
  return tag;
}
