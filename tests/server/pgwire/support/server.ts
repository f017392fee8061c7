/** Starts a pg wire listener on a free port with the fake session factory. */
import pg from 'pg';
import type { AuthConfig } from '../../../../server/pgwire/auth/config.js';
import type { PgListener } from '../../../../server/pgwire/listener.js';
import { startPgListener } from '../../../../server/pgwire/listener.js';
import { FakeSessionFactory } from './fake_session.js';

export interface TestServer {
  readonly listener: PgListener;
  readonly factory: FakeSessionFactory;
  readonly port: number;
  client(config?: pg.ClientConfig): Promise<pg.Client>;
  close(): Promise<void>;
}

export async function startTestServer(auth?: AuthConfig): Promise<TestServer> {
  const factory = new FakeSessionFactory();
  const listener = await startPgListener({ host: '127.0.0.1', port: 0, factory, ...(auth ? { auth } : {}) });
  const clients: pg.Client[] = [];
  return {
    listener,
    factory,
    port: listener.port,
    async client(config: pg.ClientConfig = {}) {
      const c = new pg.Client({ host: '127.0.0.1', port: listener.port, user: 'pier', database: 'pier', ...config });
      c.on('error', () => undefined);
      await c.connect();
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await listener.close();
    },
  };
}
