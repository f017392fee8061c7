/**
 * What the wire protocol layer (server/pgwire) needs from a session, and nothing more.
 * pgwire owns protocol state (prepared statement and portal names, formats, Sync handling);
 * the session owns SQL (parsing, planning, executing, transaction state, settings).
 */
import type { Datum } from '../../common/datum.js';
import type { Field, SqlType } from '../../common/types.js';
import type { ValueContext } from '../../common/values/context.js';
import type { Batch } from '../../common/vector.js';

export interface Notice {
  readonly severity: 'WARNING' | 'NOTICE' | 'INFO' | 'DEBUG' | 'LOG';
  readonly sqlstate: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
}

/** One parsed statement ready to execute (any number of times). */
export interface PreparedStatement {
  readonly sql: string;
  /** parameter types ($1 = [0]); client-supplied OIDs honoured, the rest inferred (unknown → text) */
  readonly paramTypes: readonly SqlType[];
  /** result columns, or null when the statement returns no rows (NoData) */
  readonly fields: readonly Field[] | null;
  /** an empty statement (only whitespace/comments): EmptyQueryResponse */
  readonly empty: boolean;
  /**
   * Start executing with these parameter values. Errors may be thrown here or from Execution.next().
   * `signal` aborts when the client cancels (CancelRequest) or disconnects.
   */
  execute(params: readonly Datum[], signal: AbortSignal): Promise<Execution>;
}

export interface Execution {
  readonly fields: readonly Field[] | null;
  /** next batch of rows, or null at the end */
  next(): Promise<Batch | null>;
  /** command tag once next() returned null (or right away for statements without rows): 'SELECT 3', 'INSERT 0 2', 'CREATE TABLE' */
  commandTag(): string;
  /** stop early and release resources (portal closed, client gone) */
  close(): Promise<void>;
  /** COPY ... FROM STDIN / TO STDOUT: the wire layer runs the COPY sub-protocol with this (next() is not used) */
  readonly copy?: CopyTransfer;
  /** DECLARE BINARY CURSOR's FETCH: rows go out in binary even in the simple query protocol */
  readonly binaryRows?: boolean;
}

/** The data half of a COPY statement; the tag is `COPY n`. */
export type CopyTransfer =
  | {
      readonly direction: 'in';
      readonly binary: boolean;
      readonly columns: number;
      /** consume the client's CopyData payloads (ends at CopyDone; CopyFail throws), load them; returns the tag */
      run(data: AsyncIterable<Uint8Array>): Promise<string>;
    }
  | {
      readonly direction: 'out';
      readonly binary: boolean;
      readonly columns: number;
      /** CopyData payloads in order (text/CSV: one row each) */
      data(): AsyncIterable<Uint8Array>;
      /** after data() ended */
      tag(): string;
    };

export type TransactionStatus = 'I' | 'T' | 'E';

export interface Session {
  readonly processId: number;
  readonly secretKey: number;
  /**
   * Parse a query string. Simple query protocol: any number of statements (an empty string gives one empty
   * statement); extended protocol (Parse): `single` = true, more than one statement → 42601
   * "cannot insert multiple commands into a prepared statement". Errors are QueryErrors with positions.
   */
  prepare(sql: string, paramTypeOids: readonly number[], single: boolean): Promise<PreparedStatement[]>;
  /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block */
  transactionStatus(): TransactionStatus;
  /**
   * A simple query with several statements: called before each of them. Opens PostgreSQL's implicit transaction
   * block unless a block is open (a COMMIT in the string ends it; the next statement opens another).
   */
  startImplicitTransaction?(): Promise<void>;
  /**
   * After the last statement of a multi-statement simple query (`commit`) or at its first error (roll back): ends
   * the implicit block, if one is open (a block the string's BEGIN opened stays). A failed commit throws.
   */
  endImplicitTransaction?(commit: boolean): Promise<void>;
  /** Tell the session a statement failed (an open transaction block becomes failed). */
  markFailed(): void;
  /** Current value formatting settings (TimeZone, DateStyle, extra_float_digits...). */
  valueContext(): ValueContext;
  /** ParameterStatus values to send at startup, in order */
  initialParameterStatus(): readonly [string, string][];
  /** Called by the session when a GUC reported to clients changes (SET TimeZone → ParameterStatus). */
  onParameterStatus: ((name: string, value: string) => void) | null;
  /** Called by the session to send a NoticeResponse. */
  onNotice: ((notice: Notice) => void) | null;
  /** Set by the wire layer: DISCARD ALL ran, drop every prepared statement (DEALLOCATE ALL) */
  onDiscardAll?: (() => void) | null;
  /** The columns of an open SQL cursor (DECLARE): cursors are portals too, so Describe Portal may name one. */
  cursorFields?(name: string): readonly Field[] | null;
  close(): Promise<void>;
}

export interface StartupInfo {
  readonly user: string;
  readonly database: string;
  readonly applicationName: string;
  readonly options: Readonly<Record<string, string>>;
}

/** Creates sessions for authenticated connections. */
export interface SessionFactory {
  /** 3D000 when the database does not exist */
  create(info: StartupInfo): Promise<Session>;
  /** Cancel the running statement of the session with this pid/secret, if any. */
  cancel(processId: number, secretKey: number): void;
}
