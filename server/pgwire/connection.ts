/**
 * One client connection: the protocol state machine on a socket.
 *   AwaitingStartup → Authenticating → Ready ↔ InQuery; AwaitingSync after an error in extended mode
 *   (messages are discarded until Sync); Closed.
 * A vanished client or a failing session never throws out of `run()`.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Session, SessionFactory, StartupInfo } from '../session/api.js';
import type { AuthConfig } from './auth/config.js';
import type { ScramVerifierCache } from './auth/authenticate.js';
import { authenticate, ClientGone } from './auth/authenticate.js';
import { BackendWriter } from './codec/backend_writer.js';
import type { FrontendMessage } from './codec/frontend_messages.js';
import { PROTOCOL_3_0 } from './codec/frontend_messages.js';
import { isFatal } from './codec/protocol_error.js';
import { errorFields, noticeFields, queryCanceled } from './error_fields.js';
import { ExtendedQuery } from './extended_query.js';
import { MessageSource } from './message_source.js';
import type { PortalIo } from './portal.js';
import { runSimpleQuery } from './simple_query.js';
import { upgradeSocket, type PgTlsOptions } from './tls.js';

/** The type byte of a frontend message (for the COPY protocol error), as two hex digits. */
function copyMessageByte(kind: string): string {
  const bytes: Record<string, string> = { query: 'Q', parse: 'P', bind: 'B', describe: 'D', execute: 'E', close: 'C', password: 'p' };
  return (bytes[kind] ?? '?').charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
}

export type ConnectionState = 'AwaitingStartup' | 'Authenticating' | 'Ready' | 'InQuery' | 'AwaitingSync' | 'Closed';

/** The subset of a logger the wire layer uses (server/log.ts Logger fits). */
export interface PgLogger {
  warn(msg: string): void;
  error(msg: string): void;
}

export interface ConnectionOptions {
  readonly log?: PgLogger;
  readonly factory: SessionFactory;
  readonly auth: AuthConfig;
  readonly verifiers: ScramVerifierCache;
  /** a CancelRequest arrived on this connection */
  onCancelRequest(processId: number, secretKey: number): void;
  /** the session is ready (the listener registers the connection for cancels) */
  onSession?(conn: PgConnection, session: Session): void;
  /** server certificate: SSLRequest is answered 'S' and the connection encrypted; absent: 'N' */
  readonly tls?: PgTlsOptions;
}

export class PgConnection implements PortalIo {
  readonly out = new BackendWriter();
  private source: MessageSource;
  private socket: Socket;
  private stateNow: ConnectionState = 'AwaitingStartup';
  private session: Session | null = null;
  private extended: ExtendedQuery | null = null;
  private socketGone = false;

  constructor(socket: Socket, private readonly options: ConnectionOptions) {
    this.socket = socket;
    this.source = new MessageSource(socket);
    socket.setNoDelay(true);
    socket.on('close', () => {
      this.socketGone = true;
      void this.extended?.closePortals(new QueryError(SQLSTATE.admin_shutdown, 'client disconnected'));
    });
    socket.on('error', () => {
      this.socketGone = true;
    });
  }

  get state(): ConnectionState {
    return this.stateNow;
  }

  valueContext() {
    return this.session!.valueContext();
  }

  /** Write pending output; waits for 'drain' when the socket buffer is full. */
  async flush(): Promise<void> {
    if (this.out.length === 0) return;
    const bytes = this.out.take();
    if (this.socketGone || this.socket.destroyed) throw new ClientGone();
    if (!this.socket.write(bytes)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
      if (this.socket.destroyed) throw new ClientGone();
    }
  }

  /** COPY FROM STDIN data: CopyData payloads until CopyDone; Flush/Sync are ignored meanwhile, as PostgreSQL does. */
  async *copyIn(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const m = await this.source.next();
      if (m === null) throw new ClientGone();
      switch (m.kind) {
        case 'copyData':
          yield m.data;
          continue;
        case 'copyDone':
          return;
        case 'copyFail':
          throw new QueryError(SQLSTATE.query_canceled, `COPY from stdin failed: ${m.message}`);
        case 'flush':
        case 'sync':
          continue;
        case 'terminate':
          throw new ClientGone();
        default:
          throw new QueryError(SQLSTATE.protocol_violation, `unexpected message type 0x${copyMessageByte(m.kind)} during COPY from stdin`);
      }
    }
  }

  /** Abort the running statement (CancelRequest). */
  cancel(): void {
    const p = this.extended?.running;
    if (p !== undefined && p !== null && !p.controller.signal.aborted) p.controller.abort(queryCanceled());
  }

  /** Close the connection now (server shutdown). */
  terminate(reason?: QueryError): void {
    if (reason !== undefined && !this.socket.destroyed) {
      this.out.errorResponse(errorFields(reason));
      void this.flush().catch(() => undefined);
    }
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  async run(): Promise<void> {
    try {
      const info = await this.startup();
      if (info === null) return;
      this.stateNow = 'Authenticating';
      await authenticate(this.options.auth, info.user, this.socket.remoteAddress, {
        out: this.out,
        flush: () => this.flush(),
        next: () => this.source.next(),
      }, this.options.verifiers);
      const session = await this.options.factory.create(info);
      this.session = session;
      this.extended = new ExtendedQuery(session, this);
      session.onNotice = (n) => {
        this.out.noticeResponse(noticeFields(n));
      };
      session.onDiscardAll = () => this.extended?.deallocateAll();
      session.onParameterStatus = (name, value) => {
        this.out.parameterStatus(name, value);
      };
      for (const [k, v] of session.initialParameterStatus()) this.out.parameterStatus(k, v);
      this.out.backendKeyData(session.processId, session.secretKey);
      this.options.onSession?.(this, session);
      this.readyForQuery();
      await this.flush();
      await this.mainLoop(session);
    } catch (err) {
      await this.fail(err);
    } finally {
      await this.cleanup();
    }
  }

  private readyForQuery(): void {
    this.stateNow = 'Ready';
    this.out.readyForQuery(this.session?.transactionStatus() ?? 'I');
  }

  /** Startup phase: answer SSL/GSS requests, handle CancelRequest, accept StartupMessage. */
  private async startup(): Promise<StartupInfo | null> {
    for (;;) {
      const m = await this.source.next();
      if (m === null) return null;
      switch (m.kind) {
        case 'sslRequest':
          if (this.options.tls !== undefined && !(this.socket instanceof TLSSocket)) {
            this.out.rawByte('S');
            await this.flush();
            this.source.detach();
            const secure = upgradeSocket(this.socket, this.options.tls);
            secure.on('error', () => {
              this.socketGone = true;
            });
            secure.on('close', () => {
              this.socketGone = true;
            });
            this.socket = secure;
            this.source = new MessageSource(secure);
            continue;
          }
          this.out.rawByte('N');
          await this.flush();
          continue;
        case 'gssEncRequest':
          this.out.rawByte('N');
          await this.flush();
          continue;
        case 'cancelRequest':
          this.options.onCancelRequest(m.processId, m.secretKey);
          this.socket.end();
          return null;
        case 'startup': {
          if (m.protocolVersion !== PROTOCOL_3_0) {
            throw new QueryError(
              SQLSTATE.protocol_violation,
              `unsupported frontend protocol ${m.protocolVersion >>> 16}.${m.protocolVersion & 0xffff}: server supports 3.0 to 3.0`,
              { severity: 'FATAL' },
            );
          }
          const user = m.params['user'];
          if (user === undefined || user === '') {
            throw new QueryError(SQLSTATE.invalid_authorization_specification, 'no PostgreSQL user name specified in startup packet', { severity: 'FATAL' });
          }
          const options: Record<string, string> = {};
          for (const [k, v] of Object.entries(m.params)) if (k !== 'user' && k !== 'database') options[k] = v;
          return { user, database: m.params['database'] || user, applicationName: m.params['application_name'] ?? '', options };
        }
        default:
          throw new QueryError(SQLSTATE.protocol_violation, `unexpected message ${m.kind} before startup`, { severity: 'FATAL' });
      }
    }
  }

  private async mainLoop(session: Session): Promise<void> {
    const ext = this.extended!;
    for (;;) {
      const m = await this.source.next();
      if (m === null) return;
      if (m.kind === 'terminate') return;
      if (this.stateNow === 'AwaitingSync' && m.kind !== 'sync') continue;
      try {
        await this.dispatch(m, session, ext);
      } catch (err) {
        if (err instanceof ClientGone || isFatal(err)) throw err;
        if (this.socketGone) throw new ClientGone();
        this.logUnexpected(err);
        this.out.errorResponse(errorFields(err));
        session.markFailed();
        if (m.kind === 'query') {
          this.readyForQuery();
          await this.flush();
        } else {
          this.stateNow = 'AwaitingSync';
        }
      }
    }
  }

  private async dispatch(m: FrontendMessage, session: Session, ext: ExtendedQuery): Promise<void> {
    switch (m.kind) {
      case 'query':
        this.stateNow = 'InQuery';
        await ext.dropUnnamed();
        await runSimpleQuery(session, m.sql, this, (p) => {
          ext.running = p;
        });
        this.readyForQuery();
        await this.flush();
        return;
      case 'parse':
        this.stateNow = 'InQuery';
        return ext.parse(m);
      case 'bind':
        this.stateNow = 'InQuery';
        return ext.bind(m);
      case 'describe':
        this.stateNow = 'InQuery';
        return ext.describe(m);
      case 'execute':
        this.stateNow = 'InQuery';
        return ext.execute(m);
      case 'close':
        return ext.close(m);
      case 'sync':
        if (session.transactionStatus() === 'I') await ext.closePortals();
        this.readyForQuery();
        await this.flush();
        return;
      case 'flush':
        await this.flush();
        return;
      case 'copyData':
      case 'copyDone':
      case 'copyFail':
        // Outside COPY these are ignored, as PostgreSQL does.
        return;
      case 'startup':
      case 'sslRequest':
      case 'gssEncRequest':
      case 'cancelRequest':
      case 'password':
      case 'terminate':
        throw new QueryError(SQLSTATE.protocol_violation, `unexpected message ${m.kind}`, { severity: 'FATAL' });
      default: {
        const never: never = m;
        throw new Error(`unknown message ${String(never)}`);
      }
    }
  }

  /** Report a connection-ending error (if the client is still there). */
  private logUnexpected(err: unknown): void {
    if (err instanceof QueryError || err instanceof ClientGone) return;
    this.options.log?.error(`internal error on connection from ${this.socket.remoteAddress ?? '?'}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  private async fail(err: unknown): Promise<void> {
    this.logUnexpected(err);
    if (err instanceof ClientGone || this.socketGone || this.socket.destroyed) return;
    const fields = errorFields(err);
    this.out.errorResponse(isFatal(err) ? fields : { ...fields, severity: 'FATAL' });
    try {
      await this.flush();
    } catch {
      // client gone
    }
  }

  private async cleanup(): Promise<void> {
    this.stateNow = 'Closed';
    try {
      await this.extended?.closePortals(new QueryError(SQLSTATE.admin_shutdown, 'connection closed'));
    } catch {
      // best effort
    }
    try {
      await this.session?.close();
    } catch {
      // best effort
    }
    if (!this.socket.destroyed) {
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    }
  }
}
