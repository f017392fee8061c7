/**
 * SQL cursors: `DECLARE c [BINARY] [NO SCROLL] CURSOR [WITH HOLD] FOR query`, `FETCH`/`MOVE [n|ALL|NEXT|FORWARD n]
 * [FROM|IN] c`, `CLOSE c|ALL`. A cursor keeps its query's Execution open and hands out rows as asked
 * (forward only). Cursors without HOLD close at the end of the transaction block; WITH HOLD ones stay until
 * CLOSE or the end of the session.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Field } from '../../common/types.js';
import { sliceBatch, type Batch } from '../../common/vector.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';
import type { Execution } from './api.js';
import { commandExecution, staticRowsExecution } from './execution.js';

const CURSOR_OPT_BINARY = 0x1;
const CURSOR_OPT_SCROLL = 0x2;
const CURSOR_OPT_HOLD = 0x20;
/** FETCH ALL (libpg-query reports FETCH_ALL as this) */
const FETCH_ALL_MIN = 2147483647;

interface Cursor {
  readonly fields: readonly Field[];
  readonly execution: Execution;
  readonly hold: boolean;
  readonly binary: boolean;
  readonly controller: AbortController;
  pending: Batch | null;
  done: boolean;
}

export interface CursorHost {
  /** 'I' outside a transaction block */
  transactionStatus(): 'I' | 'T' | 'E';
  /** plan and start the cursor's query */
  startQuery(query: PgNode, signal: AbortSignal): Promise<Execution>;
}

const noCursor = (name: string): QueryError => new QueryError(SQLSTATE.invalid_cursor_name, `cursor "${name}" does not exist`);

export class CursorRegistry {
  private readonly cursors = new Map<string, Cursor>();

  /** the result columns of FETCH from this cursor (null: no such cursor yet) */
  fieldsOf(name: string): readonly Field[] | null {
    return this.cursors.get(name)?.fields ?? null;
  }

  async declare(stmt: PgNode, host: CursorHost): Promise<Execution> {
    const name = String(stmt.portalname);
    const options = Number(stmt.options ?? 0);
    const hold = (options & CURSOR_OPT_HOLD) !== 0;
    if (!hold && host.transactionStatus() === 'I') {
      throw new QueryError(SQLSTATE.no_active_sql_transaction, 'DECLARE CURSOR can only be used in transaction blocks');
    }
    if (this.cursors.has(name)) throw new QueryError('42P03', `cursor "${name}" already exists`);
    if ((options & CURSOR_OPT_SCROLL) !== 0) {
      throw new QueryError(SQLSTATE.feature_not_supported, 'SCROLL cursors are not supported', { hint: 'Declare it with NO SCROLL (the default) and fetch forward.' });
    }
    const controller = new AbortController();
    const execution = await host.startQuery(stmt.query as PgNode, controller.signal);
    const fields = execution.fields ?? [];
    this.cursors.set(name, { fields, execution, hold, binary: (options & CURSOR_OPT_BINARY) !== 0, controller, pending: null, done: false });
    return commandExecution('DECLARE CURSOR');
  }

  /** FETCH / MOVE */
  async fetch(stmt: PgNode, signal: AbortSignal): Promise<Execution> {
    const name = String(stmt.portalname ?? '');
    const cursor = this.cursors.get(name);
    if (cursor === undefined) throw noCursor(name);
    const move = stmt.ismove === true;
    const direction = String(stmt.direction ?? 'FETCH_FORWARD');
    const howMany = Number(stmt.howMany ?? 1);
    let count: number;
    if (direction === 'FETCH_FORWARD') count = howMany >= FETCH_ALL_MIN ? Infinity : howMany;
    else if (direction === 'FETCH_RELATIVE' && howMany >= 0) count = howMany;
    else {
      throw new QueryError('55000', 'cursor can only scan forward', { hint: 'Declare it with SCROLL option to enable backward scan.' });
    }
    // a FETCH cancelled (CancelRequest, statement_timeout) stops the cursor's query too
    const onAbort = (): void => cursor.controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    let taken: Batch[];
    try {
      if (signal.aborted) throw signal.reason;
      taken = await this.take(cursor, count);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    const rows = taken.reduce((n, b) => n + b.length, 0);
    const verb = move ? 'MOVE' : 'FETCH';
    if (move) return commandExecution(`MOVE ${rows}`);
    const ex = staticRowsExecution(cursor.fields, taken, `${verb} ${rows}`);
    return cursor.binary ? { ...ex, binaryRows: true } : ex;
  }

  private async take(cursor: Cursor, count: number): Promise<Batch[]> {
    const out: Batch[] = [];
    let got = 0;
    while (got < count) {
      if (cursor.pending === null) {
        if (cursor.done) break;
        const b = await cursor.execution.next();
        if (b === null) {
          cursor.done = true;
          break;
        }
        cursor.pending = b;
      }
      const b = cursor.pending;
      const want = count - got;
      if (b.length <= want) {
        out.push(b);
        got += b.length;
        cursor.pending = null;
      } else {
        out.push(sliceBatch(b, 0, want));
        cursor.pending = sliceBatch(b, want, b.length);
        got += want;
      }
    }
    return out;
  }

  async close(stmt: PgNode): Promise<Execution> {
    const name = stmt.portalname as string | undefined;
    if (name === undefined) {
      await this.closeWhere(() => true);
      return commandExecution('CLOSE CURSOR ALL');
    } else {
      const c = this.cursors.get(name);
      if (c === undefined) throw noCursor(name);
      this.cursors.delete(name);
      await release(c);
    }
    return commandExecution('CLOSE CURSOR');
  }

  /** End of a transaction block: cursors without HOLD go away. */
  async endTransaction(): Promise<void> {
    await this.closeWhere((c) => !c.hold);
  }

  /** DISCARD ALL / end of session */
  async closeAll(): Promise<void> {
    await this.closeWhere(() => true);
  }

  private async closeWhere(pred: (c: Cursor) => boolean): Promise<void> {
    for (const [name, c] of [...this.cursors]) {
      if (!pred(c)) continue;
      this.cursors.delete(name);
      await release(c);
    }
  }
}

async function release(c: Cursor): Promise<void> {
  try {
    await c.execution.close();
  } catch {
    // best effort
  }
  c.controller.abort(new QueryError(SQLSTATE.query_canceled, 'cursor closed'));
}
