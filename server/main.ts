/**
 * Composition root: config → object store → catalog → worker pool → session factory → listeners.
 * The only place (with cli.ts) that reads the configuration.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PierConfig } from '../conf/config.js';
import { LocalObjectStore } from '../storage/object_store/local.js';
import { DeltaCatalog } from '../catalog/delta_catalog.js';
import { createWorkerPool } from '../executor/pool.js';
import { createSessionFactory } from './session/engine.js';
import { startPgListener } from './pgwire/listener.js';
import { buildAdminApp } from './admin/app.js';
import { PIER_VERSION } from './version.js';
import type { Logger } from './log.js';

export interface RunningServer {
  readonly port: number;
  readonly adminPort: number | null;
  close(): Promise<void>;
}

export async function startServer(config: PierConfig, log: Logger): Promise<RunningServer> {
  const warehouse = resolve(config.warehouse);
  mkdirSync(warehouse, { recursive: true });
  const store = new LocalObjectStore(warehouse);
  const catalog = new DeltaCatalog(store);
  const pool = createWorkerPool({ threads: config.workers, cacheMaxBytes: config.cacheMaxBytes });
  const factory = createSessionFactory({ catalog, pool, database: config.database, parallelism: Math.max(1, config.workers), settings: { 'pier.query_max_memory': String(config.queryMaxMemoryBytes) } });
  let ready = false;
  const pg = await startPgListener({ host: config.host, port: config.port, factory, auth: config.auth, log });
  let admin: ReturnType<typeof buildAdminApp> | null = null;
  let adminPort: number | null = null;
  if (config.adminPort !== 0) {
    admin = buildAdminApp({ version: PIER_VERSION, ready: () => ready });
    await admin.listen({ host: config.adminHost, port: config.adminPort });
    const addr = admin.server.address();
    adminPort = typeof addr === 'object' && addr !== null ? addr.port : config.adminPort;
  }
  ready = true;
  log.info(`Pier ${PIER_VERSION} listening on ${config.host}:${pg.port} (database "${config.database}", warehouse ${warehouse})`);
  if (adminPort !== null) log.info(`admin API on http://${config.adminHost}:${adminPort}`);
  return {
    port: pg.port,
    adminPort,
    async close() {
      ready = false;
      await pg.close();
      if (admin) await admin.close();
      await pool.close();
    },
  };
}
