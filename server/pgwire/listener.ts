/**
 * The PostgreSQL wire protocol listener: accepts TCP connections and runs one PgConnection each.
 * CancelRequest → factory.cancel(pid, secret) (and the matching connection's running statement is
 * aborted); `close()` ends every connection.
 */
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Session, SessionFactory } from '../session/api.js';
import { ScramVerifierCache } from './auth/authenticate.js';
import type { AuthConfig } from './auth/config.js';
import { DEFAULT_AUTH_CONFIG } from './auth/config.js';
import type { PgLogger } from './connection.js';
import { PgConnection } from './connection.js';
import type { PgTlsOptions } from './tls.js';

export interface PgListenerOptions {
  readonly host: string;
  /** 0 = any free port */
  readonly port: number;
  readonly factory: SessionFactory;
  /** default: trust */
  readonly auth?: AuthConfig;
  /** server certificate (server/pgwire/tls.ts loadTls); absent: SSLRequest is answered 'N' */
  readonly tls?: PgTlsOptions;
  /** where unexpected (non-QueryError) failures are reported; default: nowhere */
  readonly log?: PgLogger;
}

export interface PgListener {
  readonly port: number;
  /** number of open client connections */
  connectionCount(): number;
  close(): Promise<void>;
}

export async function startPgListener(options: PgListenerOptions): Promise<PgListener> {
  const auth = options.auth ?? DEFAULT_AUTH_CONFIG;
  const verifiers = new ScramVerifierCache();
  const sockets = new Set<Socket>();
  const connections = new Set<PgConnection>();
  const byPid = new Map<number, { conn: PgConnection; session: Session }>();

  const onCancelRequest = (processId: number, secretKey: number): void => {
    try {
      options.factory.cancel(processId, secretKey);
    } catch {
      // a failing cancel must not hurt the listener
    }
    const entry = byPid.get(processId);
    if (entry !== undefined && entry.session.secretKey === secretKey) entry.conn.cancel();
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const conn = new PgConnection(socket, {
      factory: options.factory,
      auth,
      verifiers,
      ...(options.log !== undefined ? { log: options.log } : {}),
      ...(options.tls !== undefined ? { tls: options.tls } : {}),
      onCancelRequest,
      onSession: (c, session) => byPid.set(session.processId, { conn: c, session }),
    });
    connections.add(conn);
    socket.on('close', () => {
      sockets.delete(socket);
    });
    conn
      .run()
      .catch(() => undefined)
      .finally(() => {
        connections.delete(conn);
        for (const [pid, e] of byPid) if (e.conn === conn) byPid.delete(pid);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : options.port;

  return {
    port,
    connectionCount: () => connections.size,
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const shutdown = new QueryError(SQLSTATE.admin_shutdown, 'terminating connection due to administrator command', { severity: 'FATAL' });
      for (const c of connections) c.terminate(shutdown);
      for (const s of sockets) if (s.readyState === 'opening') s.destroy();
      const deadline = setTimeout(() => {
        for (const s of sockets) s.destroy();
      }, 2000);
      await closed;
      clearTimeout(deadline);
    },
  };
}
