/**
 * Session commands clients send while setting up or pooling connections: DISCARD, LISTEN / UNLISTEN / NOTIFY
 * (accepted; Pier delivers no notifications).
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import type { Execution } from './api.js';
import { commandExecution } from './execution.js';

export interface CommandHost {
  transactionStatus(): 'I' | 'T' | 'E';
  /** RESET ALL (reporting changed GUCs) */
  resetAllSettings(): void;
  /** close every cursor */
  closeCursors(): Promise<void>;
  /** DEALLOCATE ALL: the wire layer's prepared statements */
  deallocateAll(): void;
}

export const SESSION_COMMAND_TYPES: readonly string[] = ['DiscardStmt', 'ListenStmt', 'UnlistenStmt', 'NotifyStmt'];

export async function executeSessionCommand(type: string, node: PgNode, host: CommandHost): Promise<Execution> {
  switch (type) {
    case 'DiscardStmt': {
      const target = String(node.target ?? 'DISCARD_ALL');
      if (target === 'DISCARD_ALL') {
        if (host.transactionStatus() !== 'I') throw new QueryError(SQLSTATE.active_sql_transaction, 'DISCARD ALL cannot run inside a transaction block');
        host.resetAllSettings();
        await host.closeCursors();
        host.deallocateAll();
        return commandExecution('DISCARD ALL');
      }
      const what = target.replace(/^DISCARD_/, '');
      return commandExecution(`DISCARD ${what === 'TEMP' ? 'TEMP' : what}`);
    }
    case 'ListenStmt': return commandExecution('LISTEN');
    case 'UnlistenStmt': return commandExecution('UNLISTEN');
    case 'NotifyStmt': return commandExecution('NOTIFY');
    default:
      throw new QueryError(SQLSTATE.feature_not_supported, `${type} is not a session command`);
  }
}
