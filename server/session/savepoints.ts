/**
 * SAVEPOINT / RELEASE [SAVEPOINT] / ROLLBACK TO [SAVEPOINT]: names are tracked as PostgreSQL does (errors for
 * unknown names and outside transaction blocks), and ROLLBACK TO leaves a failed block usable again.
 * The staged changes made after a savepoint are discarded by transaction_block.ts (catalog/transaction/).
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Execution } from './api.js';
import { commandExecution } from './execution.js';

export type SavepointKind = 'TRANS_STMT_SAVEPOINT' | 'TRANS_STMT_RELEASE' | 'TRANS_STMT_ROLLBACK_TO';

export function isSavepointKind(kind: string): kind is SavepointKind {
  return kind === 'TRANS_STMT_SAVEPOINT' || kind === 'TRANS_STMT_RELEASE' || kind === 'TRANS_STMT_ROLLBACK_TO';
}

const WHAT: Record<SavepointKind, string> = {
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
  TRANS_STMT_RELEASE: 'RELEASE SAVEPOINT',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
};

export class SavepointStack {
  private names: string[] = [];

  clear(): void {
    this.names = [];
  }

  get depth(): number {
    return this.names.length;
  }

  run(kind: SavepointKind, name: string, state: 'I' | 'T' | 'E'): { execution: Execution; state: 'I' | 'T' | 'E' } {
    if (state === 'I') throw new QueryError(SQLSTATE.no_active_sql_transaction, `${WHAT[kind]} can only be used in transaction blocks`);
    switch (kind) {
      case 'TRANS_STMT_SAVEPOINT':
        this.names.push(name);
        return { execution: commandExecution('SAVEPOINT'), state };
      case 'TRANS_STMT_RELEASE': {
        const i = this.find(name);
        this.names.length = i;
        return { execution: commandExecution('RELEASE'), state };
      }
      case 'TRANS_STMT_ROLLBACK_TO': {
        const i = this.find(name);
        this.names.length = i + 1;
        return { execution: commandExecution('ROLLBACK'), state: 'T' };
      }
    }
  }

  /** the innermost savepoint of that name */
  private find(name: string): number {
    const i = this.names.lastIndexOf(name);
    if (i < 0) throw new QueryError('3B001', `savepoint "${name}" does not exist`);
    return i;
  }
}
