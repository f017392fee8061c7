/**
 * Real transaction blocks for a session. BEGIN opens a block: until COMMIT / ROLLBACK, statements see the
 * warehouse through a TxCatalog (catalog/transaction/), so data changes (INSERT, COPY FROM, UPDATE, DELETE,
 * MERGE, TRUNCATE, INSERT OVERWRITE) write their data files but stage their actions; reads see the block's own
 * changes; other sessions see nothing until COMMIT commits each changed table (40001 on a conflict, and the block
 * is rolled back). ROLLBACK, ROLLBACK TO SAVEPOINT and COMMIT of a failed block discard staged changes.
 *
 * Snapshots: a table with staged changes keeps the snapshot pinned at its first use in the block. Under READ
 * COMMITTED (PostgreSQL's default) a table the block only reads gets a fresh snapshot at each statement, so a
 * long-lived block (psycopg2 without autocommit) sees other sessions' commits; `BEGIN ISOLATION LEVEL REPEATABLE
 * READ | SERIALIZABLE` keeps every table's first snapshot until the block ends.
 *
 * DDL (CREATE/DROP/ALTER/RENAME/COMMENT, CTAS, views, OPTIMIZE, VACUUM, RESTORE, CONVERT) commits immediately,
 * and — as MySQL and Oracle do — first commits what the block staged so far (an implicit commit); the block stays
 * open afterwards.
 *
 * A simple Query message with several statements runs them in PostgreSQL's implicit transaction block: the
 * session opens a block (`openImplicit`) before each statement when none is open and ends it after the last one
 * (`endImplicit`: commit) or at the first error (rollback). Inside it BEGIN turns it into a regular block (the
 * string's earlier statements become part of it), COMMIT / ROLLBACK end it with PostgreSQL's warning "there is no
 * transaction in progress", and SAVEPOINT & co. fail as outside a block.
 */
import type { Catalog } from '../../catalog/catalog.js';
import { TxCatalog } from '../../catalog/transaction/tx_catalog.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import { SQLSTATE } from '../../common/errors.js';
import type { Execution } from './api.js';
import { commandExecution } from './execution.js';
import { isSavepointKind } from './savepoints.js';
import { executeTransaction, type TxState, type UtilityHost } from './utility.js';

/** Statements staged inside a block; every other DDL/DML kind commits the block's staged changes first. */
const STAGED_KINDS: readonly string[] = ['InsertStmt', 'DeleteStmt', 'UpdateStmt', 'MergeStmt', 'TruncateStmt', 'PierInsertOverwriteStmt', 'CopyStmt'];
/** Statements that neither stage nor commit (read only). */
const READ_KINDS: readonly string[] = ['PierDescribeStmt', 'PierCacheStmt'];

export interface TransactionOutcome {
  readonly execution: Execution;
  readonly state: TxState;
  /** set when the statement failed after the block ended (COMMIT that could not commit): thrown after the state is set */
  readonly error?: unknown;
}

export class TransactionBlock {
  private block: TxCatalog | null = null;

  constructor(private readonly base: Catalog) {}

  /** The catalog statements use now: the block's while one is open. */
  get catalog(): Catalog {
    return this.block ?? this.base;
  }

  /** The catalog for a statement that starts now (READ COMMITTED: tables only read get a fresh snapshot). */
  statementCatalog(): Catalog {
    if (this.block !== null && !this.repeatableRead) this.block.state.unpinAll();
    return this.catalog;
  }

  private repeatableRead = false;

  get open(): boolean {
    return this.block !== null;
  }

  /** set while the open block is the implicit block of a multi-statement query string (no BEGIN) */
  private implicitBlock = false;

  get implicit(): boolean {
    return this.block !== null && this.implicitBlock;
  }

  /** Before a statement of a multi-statement query string: open an implicit block unless a block is open. */
  openImplicit(): boolean {
    if (this.block !== null) return false;
    this.block = new TxCatalog(this.base);
    this.repeatableRead = false;
    this.implicitBlock = true;
    return true;
  }

  /** End the implicit block: commit (end of the string) or roll back (an error). */
  async endImplicit(commit: boolean, host: UtilityHost): Promise<TransactionOutcome> {
    this.implicitBlock = false;
    return this.run({ kind: commit ? 'TRANS_STMT_COMMIT' : 'TRANS_STMT_ROLLBACK' }, 'T', host);
  }

  /** Transaction control inside the implicit block (PostgreSQL's TBLOCK_IMPLICIT_INPROGRESS rules). */
  private async runImplicit(stmt: PgNode, host: UtilityHost): Promise<TransactionOutcome> {
    const kind = String(stmt.kind);
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
      // BEGIN converts the implicit block into a regular one, the statements before it included
      this.implicitBlock = false;
      this.repeatableRead = ['repeatable read', 'serializable'].includes(isolationOf(stmt));
      return { execution: commandExecution(kind === 'TRANS_STMT_BEGIN' ? 'BEGIN' : 'START TRANSACTION'), state: 'T' };
    }
    if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') {
      host.notice({ severity: 'WARNING', sqlstate: SQLSTATE.no_active_sql_transaction, message: 'there is no transaction in progress' });
      return this.endImplicit(kind === 'TRANS_STMT_COMMIT', host);
    }
    // SAVEPOINT / RELEASE / ROLLBACK TO fail as outside a block (25P01); other kinds are not supported
    return { ...executeTransaction(stmt, 'I', host), state: 'T' };
  }

  /**
   * Before a DDL/DML statement of kind `type` runs: inside a block, statements that commit on their own first
   * commit the staged changes. Returns the function to call when the statement is over.
   */
  async beforeStatement(type: string): Promise<() => void> {
    const b = this.block;
    if (b === null || STAGED_KINDS.includes(type) || READ_KINDS.includes(type)) return () => undefined;
    await b.state.commit();
    b.state.direct = true;
    return () => {
      b.state.direct = false;
      b.state.unpinAll();
    };
  }

  /** BEGIN / COMMIT / ROLLBACK / SAVEPOINT …: the block status (utility.ts) plus the staged changes. */
  async run(stmt: PgNode, state: TxState, host: UtilityHost): Promise<TransactionOutcome> {
    if (this.implicit) return this.runImplicit(stmt, host);
    const kind = String(stmt.kind);
    if (isSavepointKind(kind)) {
      const res = executeTransaction(stmt, state, host);
      const name = String(stmt.savepoint_name ?? '');
      const tx = this.block?.state;
      if (tx !== undefined) {
        if (kind === 'TRANS_STMT_SAVEPOINT') tx.savepoint(name);
        else if (kind === 'TRANS_STMT_RELEASE') tx.release(name);
        else await tx.rollbackTo(name);
      }
      return res;
    }
    if (kind === 'TRANS_STMT_COMMIT' && state === 'T' && this.block !== null) {
      const block = this.block;
      this.block = null;
      try {
        await block.state.commit();
      } catch (e) {
        // as PostgreSQL when COMMIT fails: the block is rolled back and over
        const ended = executeTransaction({ ...stmt, kind: 'TRANS_STMT_ROLLBACK' }, state, host);
        return { ...ended, error: e };
      }
      return executeTransaction(stmt, state, host);
    }
    const res = executeTransaction(stmt, state, host);
    if (res.state === 'I' && this.block !== null) await this.discard();
    if (res.state !== 'I' && this.block === null) {
      this.block = new TxCatalog(this.base);
      this.repeatableRead = ['repeatable read', 'serializable'].includes(isolationOf(stmt));
    }
    return res;
  }

  /** Drop the open block's staged changes (ROLLBACK, disconnect). */
  async discard(): Promise<void> {
    const b = this.block;
    this.block = null;
    this.implicitBlock = false;
    await b?.state.rollback();
  }
}

/** BEGIN / START TRANSACTION ISOLATION LEVEL …: the level asked for (default read committed). */
function isolationOf(stmt: PgNode): string {
  for (const o of (stmt.options ?? []) as PgNode[]) {
    const d = o.DefElem as PgNode | undefined;
    if (d?.defname === 'transaction_isolation') return String(d.arg?.A_Const?.sval?.sval ?? 'read committed').toLowerCase();
  }
  return 'read committed';
}
