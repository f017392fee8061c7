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
import { FETCH_ALL_MIN, ScrollRows, scanForwardOnly, scrollMove, type Direction, type Move } from './cursor_scroll.js';
import { commandExecution, staticRowsExecution } from './execution.js';

const CURSOR_OPT_BINARY = 0x1;
const CURSOR_OPT_SCROLL = 0x2;
const CURSOR_OPT_HOLD = 0x20;

interface Cursor {
  readonly fields: readonly Field[];
  readonly execution: Execution;
  readonly hold: boolean;
  readonly binary: boolean;
  readonly controller: AbortController;
  pending: Batch | null;
  done: boolean;
  /** SCROLL: the rows read so far (any direction); null: forward only, rows are not kept */
  readonly scroll: ScrollRows | null;
  /** 0 before the first row, k on row k, past the end after the last */
  pos: number;
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
    const controller = new AbortController();
    const execution = await host.startQuery(stmt.query as PgNode, controller.signal);
    const fields = execution.fields ?? [];
    const scroll = (options & CURSOR_OPT_SCROLL) !== 0 ? new ScrollRows(fields, () => execution.next()) : null;
    this.cursors.set(name, { fields, execution, hold, binary: (options & CURSOR_OPT_BINARY) !== 0, controller, pending: null, done: false, scroll, pos: 0 });
    return commandExecution('DECLARE CURSOR');
  }

  /** FETCH / MOVE */
  async fetch(stmt: PgNode, signal: AbortSignal): Promise<Execution> {
    const name = String(stmt.portalname ?? '');
    const cursor = this.cursors.get(name);
    if (cursor === undefined) throw noCursor(name);
    const isMove = stmt.ismove === true;
    const motion: Move = { direction: String(stmt.direction ?? 'FETCH_FORWARD') as Direction, count: Number(stmt.howMany ?? 0) };
    // a FETCH cancelled (CancelRequest, statement_timeout) stops the cursor's query too
    const onAbort = (): void => cursor.controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    let taken: Batch[];
    try {
      if (signal.aborted) throw signal.reason;
      taken = await this.move(cursor, motion);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    const rows = taken.reduce((n, b) => n + b.length, 0);
    if (isMove) return commandExecution(`MOVE ${rows}`);
    const ex = staticRowsExecution(cursor.fields, taken, `FETCH ${rows}`);
    return cursor.binary ? { ...ex, binaryRows: true } : ex;
  }

  private async move(cursor: Cursor, move: Move): Promise<Batch[]> {
    if (cursor.scroll !== null) {
      const r = await scrollMove(cursor.scroll, cursor.pos, move);
      cursor.pos = r.pos;
      return r.positions.length === 0 ? [] : [cursor.scroll.rows(r.positions)];
    }
    // forward only: FORWARD n, or ABSOLUTE / RELATIVE to a row ahead
    const all = move.count >= FETCH_ALL_MIN;
    let skip = 0;
    let count: number;
    if (move.direction === 'FETCH_FORWARD' && move.count > 0) count = all ? Infinity : move.count;
    else if (move.direction === 'FETCH_RELATIVE' && move.count > 0) [skip, count] = [move.count - 1, 1];
    else if (move.direction === 'FETCH_ABSOLUTE' && move.count > cursor.pos) [skip, count] = [move.count - cursor.pos - 1, 1];
    else throw scanForwardOnly();
    if (skip > 0) {
      const skipped = (await this.take(cursor, skip)).reduce((n, b) => n + b.length, 0);
      cursor.pos += skipped;
      if (skipped < skip) {
        cursor.pos++;
        return [];
      }
    }
    const taken = await this.take(cursor, count);
    const got = taken.reduce((n, b) => n + b.length, 0);
    cursor.pos += got < count ? got + 1 : got;
    return taken;
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
