/**
 * ALTER TABLE on a Delta table: the actions (alter_actions.ts) are applied in order to a draft of the table's
 * protocol / schema / configuration (alter_draft.ts), rows the change must hold for are checked
 * (alter_checks.ts), and the result is one metadata commit through the one commit path, named as Delta names
 * the operation (ADD COLUMNS, RENAME COLUMN, DROP COLUMNS, SET TBLPROPERTIES, CHANGE COLUMN, ADD CONSTRAINT …).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { metaDataAction, protocolAction, type Action } from '../../../storage/delta/actions.js';
import { schemaToString } from '../../../storage/delta/schema.js';
import type { PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import { actionsOfAlterTable, operationName, type AlterAction, type PierAlterTable } from './alter_actions.js';
import { applyAction, newDraft, type DraftCheck } from './alter_draft.js';
import { anyRowMatches } from './alter_checks.js';
import { displayName, lookupTable, rangeVarName } from './names.js';

/** PostgreSQL's `ALTER TABLE` (AlterTableStmt). */
export async function executeAlterTable(stmt: PgNode, env: StatementEnv): Promise<string> {
  if (stmt.objtype !== undefined && stmt.objtype !== 'OBJECT_TABLE') {
    throw new QueryError(SQLSTATE.feature_not_supported, `ALTER ${String(stmt.objtype).replace(/^OBJECT_/, '')} is not supported`);
  }
  return runAlter(stmt.relation as PgNode, stmt.missing_ok === true, actionsOfAlterTable(stmt, env.sql), env);
}

/** The lakehouse recogniser's `PierAlterTableStmt` (Spark forms). */
export async function executePierAlterTable(stmt: PgNode, env: StatementEnv): Promise<string> {
  const s = stmt as unknown as PierAlterTable;
  return runAlter(s.relation, s.missingOk, s.actions, env);
}

async function runAlter(relation: PgNode, missingOk: boolean, actions: readonly AlterAction[], env: StatementEnv): Promise<string> {
  const n = rangeVarName(relation, env.sql);
  const table = await lookupTable(env.catalog, env.searchPath, n);
  if (table === null) {
    if (missingOk) {
      env.notice({ severity: 'NOTICE', sqlstate: SQLSTATE.undefined_table, message: `relation "${displayName(n)}" does not exist, skipping` });
      return 'ALTER TABLE';
    }
    throw new QueryError(SQLSTATE.undefined_table, `relation "${displayName(n)}" does not exist`, { position: n.position });
  }
  if (table.deltaSnapshot === undefined || table.commitActions === undefined) {
    throw new QueryError(SQLSTATE.feature_not_supported, `ALTER TABLE is not supported on table "${n.name}"`);
  }
  const snap = await table.deltaSnapshot();
  const draft = newDraft(snap, table.ref.name);
  const checks: DraftCheck[] = [];
  for (const a of actions) applyAction(draft, a, env, checks);
  for (const c of checks) {
    if (await anyRowMatches(table.ref, c.condition, env)) throw c.error();
  }
  if (actions.length === 0 || !draft.changed) return 'ALTER TABLE';
  const commit: Action[] = [];
  if (draft.protocol !== snap.protocol) commit.push(protocolAction(draft.protocol));
  commit.push(metaDataAction({
    ...snap.metadata,
    schemaString: schemaToString(draft.schema),
    partitionColumns: [...draft.partitionColumns],
    configuration: { ...draft.configuration },
  }));
  await table.commitActions({
    readVersion: snap.version,
    actions: commit,
    operation: operationName(actions[0]!),
    operationParameters: draft.operationParameters,
    isBlindAppend: false,
  });
  return 'ALTER TABLE';
}
