/** SET / RESET / SHOW and transaction control: statements the session answers itself. */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { T, type Field } from '../../common/types.js';
import { vectorFromDatums } from '../../common/vector.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import type { Execution, Notice } from './api.js';
import { commandExecution, staticRowsExecution } from './execution.js';
import { isSavepointKind, type SavepointStack } from './savepoints.js';
import type { Settings } from './settings.js';
import type { TxSettings } from './tx_settings.js';

export interface UtilityHost {
  readonly settings: Settings;
  reportParameter(name: string, value: string): void;
  notice(n: Notice): void;
  /** SAVEPOINT names of the open transaction block */
  readonly savepoints?: SavepointStack;
  /** SET / SET LOCAL inside a transaction block (undone by ROLLBACK / at the end of the block) */
  readonly txSettings?: TxSettings;
  /** the transaction block status now */
  transactionStatus?(): TxState;
}

function constText(node: PgNode): string {
  const c = node.A_Const as PgNode | undefined;
  if (c !== undefined) {
    if (c.isnull === true) return '';
    if (c.sval !== undefined) return String(c.sval.sval ?? '');
    if (c.ival !== undefined) return String(c.ival.ival ?? 0);
    if (c.fval !== undefined) return String(c.fval.fval);
    if (c.boolval !== undefined) return c.boolval.boolval === true ? 'on' : 'off';
  }
  const tc = node.TypeCast as PgNode | undefined;
  if (tc !== undefined) return constText(tc.arg);
  throw new QueryError(SQLSTATE.feature_not_supported, 'unsupported SET value');
}

function quoteIfNeeded(s: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}

/** Fields of SHOW name: one text column named after the setting. */
export function showFields(stmt: PgNode, settings: Settings): Field[] {
  const name = String(stmt.name);
  if (name.toLowerCase() === 'all') {
    return [
      { name: 'name', type: T.text, nullable: true },
      { name: 'setting', type: T.text, nullable: true },
      { name: 'description', type: T.text, nullable: true },
    ];
  }
  return [{ name: showName(name, settings), type: T.text, nullable: true }];
}

function showName(name: string, settings: Settings): string {
  // libpg-query gives SHOW TIME ZONE as "timezone", SHOW TRANSACTION ISOLATION LEVEL as "transaction_isolation"
  return settings.canonicalName(name);
}

export function executeShow(stmt: PgNode, host: UtilityHost): Execution {
  const fields = showFields(stmt, host.settings);
  const name = String(stmt.name);
  if (name.toLowerCase() === 'all') {
    const all = host.settings.all();
    return staticRowsExecution(fields, [{
      length: all.length,
      columns: [
        vectorFromDatums(T.text, all.map((a) => a[0])),
        vectorFromDatums(T.text, all.map((a) => a[1])),
        vectorFromDatums(T.text, all.map(() => '')),
      ],
    }], 'SHOW');
  }
  const value = host.settings.get(name);
  return staticRowsExecution(fields, [{ length: 1, columns: [vectorFromDatums(T.text, [value])] }], 'SHOW');
}

export function executeSet(stmt: PgNode, host: UtilityHost): Execution {
  const kind = String(stmt.kind);
  const report = (r: [string, string] | null): void => {
    if (r !== null) host.reportParameter(r[0], r[1]);
  };
  const inBlock = (host.transactionStatus?.() ?? 'I') !== 'I';
  const local = stmt.is_local === true;
  if (local && !inBlock) {
    // PostgreSQL: the implicit transaction ends right away, so the value would not last
    host.notice({ severity: 'WARNING', sqlstate: SQLSTATE.no_active_sql_transaction, message: 'SET LOCAL can only be used in transaction blocks' });
    return commandExecution('SET');
  }
  if (inBlock && stmt.name !== undefined && kind !== 'VAR_SET_MULTI') host.txSettings?.remember(host.settings, String(stmt.name), local);
  switch (kind) {
    case 'VAR_SET_VALUE': {
      const name = String(stmt.name);
      const args = (stmt.args ?? []) as PgNode[];
      const values = args.map(constText);
      const canonical = host.settings.canonicalName(name);
      const value = canonical === 'search_path' ? values.map(quoteIfNeeded).join(', ') : values.join(', ');
      report(host.settings.set(name, value));
      return commandExecution('SET');
    }
    case 'VAR_SET_DEFAULT':
    case 'VAR_RESET':
      report(host.settings.reset(String(stmt.name)));
      return commandExecution(kind === 'VAR_RESET' ? 'RESET' : 'SET');
    case 'VAR_RESET_ALL':
      for (const r of host.settings.resetAll()) report(r);
      return commandExecution('RESET');
    case 'VAR_SET_MULTI':
      // SET TRANSACTION ... / SET SESSION CHARACTERISTICS: accepted and ignored (BEGIN ISOLATION LEVEL … is honoured: transaction_block.ts)
      return commandExecution('SET');
    case 'VAR_SET_CURRENT':
      throw new QueryError(SQLSTATE.feature_not_supported, 'SET ... FROM CURRENT is not supported');
    default:
      throw new QueryError(SQLSTATE.feature_not_supported, `SET variant ${kind} is not supported`);
  }
}

/**
 * Transaction control: the block state PostgreSQL reports. The staged changes of the block (committed at COMMIT,
 * discarded at ROLLBACK) are kept by transaction_block.ts, which calls this.
 */
export type TxState = 'I' | 'T' | 'E';

export function executeTransaction(stmt: PgNode, state: TxState, host: UtilityHost): { execution: Execution; state: TxState } {
  const kind = String(stmt.kind);
  if (isSavepointKind(kind) && host.savepoints !== undefined) return host.savepoints.run(kind, String(stmt.savepoint_name ?? ''), state);
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') {
    host.savepoints?.clear();
    for (const r of host.txSettings?.end(host.settings, kind === 'TRANS_STMT_COMMIT' && state === 'T') ?? []) host.reportParameter(r[0], r[1]);
  }
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      if (state !== 'I') host.notice({ severity: 'WARNING', sqlstate: SQLSTATE.active_sql_transaction, message: 'there is already a transaction in progress' });
      return { execution: commandExecution(kind === 'TRANS_STMT_BEGIN' ? 'BEGIN' : 'START TRANSACTION'), state: state === 'I' ? 'T' : state };
    case 'TRANS_STMT_COMMIT':
      if (state === 'I') host.notice({ severity: 'WARNING', sqlstate: SQLSTATE.no_active_sql_transaction, message: 'there is no transaction in progress' });
      return { execution: commandExecution(state === 'E' ? 'ROLLBACK' : 'COMMIT'), state: 'I' };
    case 'TRANS_STMT_ROLLBACK':
      if (state === 'I') host.notice({ severity: 'WARNING', sqlstate: SQLSTATE.no_active_sql_transaction, message: 'there is no transaction in progress' });
      return { execution: commandExecution('ROLLBACK'), state: 'I' };
    default:
      throw new QueryError(SQLSTATE.feature_not_supported, `${kind.replace(/^TRANS_STMT_/, '').replace(/_/g, ' ')} is not supported`);
  }
}
