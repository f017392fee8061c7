/**
 * A portal: a prepared statement bound to parameter values and result formats, executed in one go
 * (row limit 0) or in chunks (row limit n → PortalSuspended, resumed by the next Execute).
 */
import type { Datum } from '../../common/datum.js';
import type { ValueContext } from '../../common/values/context.js';
import type { Batch } from '../../common/vector.js';
import type { Execution, PreparedStatement } from '../session/api.js';
import type { BackendWriter } from './codec/backend_writer.js';
import { runCopyTransfer } from './copy_protocol.js';
import { BINARY_FORMAT, rowDescription, TEXT_FORMAT, writeDataRows } from './row_encoder.js';

/** Flush output once this many bytes are waiting (many DataRows per socket write). */
export const FLUSH_THRESHOLD = 64 * 1024;

export interface PortalIo {
  readonly out: BackendWriter;
  /** write pending output, waiting for the socket to drain when needed */
  flush(): Promise<void>;
  valueContext(): ValueContext;
  /** COPY FROM STDIN: the client's CopyData payloads until CopyDone (CopyFail throws 57014) */
  copyIn(): AsyncIterable<Uint8Array>;
}

export type PortalRunResult = 'suspended' | 'complete';

export class Portal {
  readonly controller = new AbortController();
  private execution: Execution | null = null;
  private pending: Batch | null = null;
  private pendingOffset = 0;
  private finished = false;
  private finalTag = '';
  private suspendedBefore = false;

  constructor(
    readonly name: string,
    readonly statement: PreparedStatement,
    readonly params: readonly Datum[],
    /**
     * result format per column (empty when the statement returns no rows); null = simple query: all text, and
     * the RowDescription is sent from the execution's fields once it starts
     */
    private resultFormats: readonly number[] | null,
  ) {}

  /** result format per column */
  get formats(): readonly number[] {
    return this.resultFormats ?? [];
  }

  private checkAbort(): void {
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
  }

  /**
   * Send up to `maxRows` rows (0 = all) then CommandComplete, or PortalSuspended when the limit was
   * reached. Writes EmptyQueryResponse for an empty statement.
   */
  async run(io: PortalIo, maxRows: number): Promise<PortalRunResult> {
    try {
      return await this.runInner(io, maxRows);
    } catch (err) {
      // A cancelled statement reports the cancel reason (57014), whatever the engine threw.
      if (this.controller.signal.aborted) throw this.controller.signal.reason;
      throw err;
    }
  }

  private async runInner(io: PortalIo, maxRows: number): Promise<PortalRunResult> {
    if (this.statement.empty) {
      io.out.emptyQueryResponse();
      return 'complete';
    }
    if (this.finished) {
      // Executing a completed portal again returns no rows.
      io.out.commandComplete(this.retag(this.finalTag, 0));
      return 'complete';
    }
    this.checkAbort();
    if (this.execution === null) {
      this.execution = await this.statement.execute(this.params, this.controller.signal);
      if (this.execution.copy !== undefined) return await this.runCopy(io, this.execution);
      if (this.resultFormats === null) {
        const fields = this.execution.fields;
        this.resultFormats = new Array<number>(fields?.length ?? 0).fill(this.execution.binaryRows === true ? BINARY_FORMAT : TEXT_FORMAT);
        if (fields !== null) io.out.rowDescription(rowDescription(fields, this.resultFormats));
      }
    }
    const exec = this.execution;
    const formats = this.formats;
    const limit = maxRows > 0 ? maxRows : Infinity;
    const ctx = io.valueContext();
    let sent = 0;
    while (sent < limit) {
      if (this.pending === null) {
        this.checkAbort();
        const b = await exec.next();
        if (b === null) break;
        this.pending = b;
        this.pendingOffset = 0;
      }
      const b = this.pending;
      const take = Math.min(b.length - this.pendingOffset, limit - sent);
      writeDataRows(io.out, b, formats, ctx, this.pendingOffset, this.pendingOffset + take, exec.fields);
      sent += take;
      this.pendingOffset += take;
      if (this.pendingOffset >= b.length) this.pending = null;
      if (io.out.length >= FLUSH_THRESHOLD) await io.flush();
    }
    if (sent >= limit) {
      this.suspendedBefore = true;
      io.out.portalSuspended();
      return 'suspended';
    }
    this.finished = true;
    this.finalTag = exec.commandTag();
    this.execution = null;
    await exec.close();
    io.out.commandComplete(this.suspendedBefore ? this.retag(this.finalTag, sent) : this.finalTag);
    return 'complete';
  }

  private async runCopy(io: PortalIo, exec: Execution): Promise<PortalRunResult> {
    this.finished = true;
    this.execution = null;
    try {
      this.finalTag = await runCopyTransfer(exec.copy!, io, this.controller.signal);
    } finally {
      await exec.close();
    }
    io.out.commandComplete(this.finalTag);
    return 'complete';
  }

  /** A SELECT run in chunks reports the rows of the last chunk, as PostgreSQL does. */
  private retag(tag: string, rows: number): string {
    return tag.startsWith('SELECT ') ? `SELECT ${rows}` : tag;
  }

  /** Release the execution (portal closed, transaction ended, client gone). Never throws. */
  async close(reason?: unknown): Promise<void> {
    if (reason !== undefined && !this.controller.signal.aborted) this.controller.abort(reason);
    const exec = this.execution;
    this.execution = null;
    this.pending = null;
    if (exec !== null) {
      try {
        await exec.close();
      } catch {
        // closing is best effort
      }
    }
  }
}
