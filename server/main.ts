/**
 * Composition root: config → object store → catalog → worker pool → session factory → listeners.
 * The only place (with cli.ts) that reads the configuration.
 */
import type { PierConfig } from '../conf/config.js';
import { openWarehouse } from './open_warehouse.js';
import { DeltaCatalog } from '../catalog/delta_catalog.js';
import { createWorkerPool } from '../executor/pool.js';
import { createSessionFactory } from './session/engine.js';
import { startPgListener } from './pgwire/listener.js';
import { loadTls } from './pgwire/tls.js';
import { buildAdminApp } from './admin/app.js';
import { startUpkeep } from './upkeep.js';
import { PIER_VERSION } from './version.js';
import type { Logger } from './log.js';

export interface RunningServer {
  readonly port: number;
  readonly adminPort: number | null;
  close(): Promise<void>;
}

export async function startServer(config: PierConfig, log: Logger): Promise<RunningServer> {
  // local folder or s3://; proves put-if-absent (read-only store when it is not honoured)
  const { store, location: warehouse } = await openWarehouse(config, log);
  const catalog = new DeltaCatalog(store);
  const pool = createWorkerPool({ threads: config.workers, cacheMaxBytes: config.cacheMaxBytes });
  const factory = createSessionFactory({ catalog, pool, database: config.database, parallelism: Math.max(1, config.workers), settings: { 'pier.query_max_memory': String(config.queryMaxMemoryBytes), ...(config.optimizeTargetFileSize !== undefined ? { 'pier.optimize_target_file_size': String(config.optimizeTargetFileSize) } : {}) } });
  // metrics, auto-compaction and the admin API's maintenance jobs (server/metrics.ts, storage/delta/operations/optimize_auto.ts)
  const upkeep = startUpkeep(catalog, pool, config, log);
  let ready = false;
  const tls = config.tls?.cert != null && config.tls.key != null ? loadTls(config.tls.cert, config.tls.key) : undefined;
  const pg = await startPgListener({ host: config.host, port: config.port, factory, auth: config.auth, log, ...(tls !== undefined ? { tls } : {}) });
  let admin: ReturnType<typeof buildAdminApp> | null = null;
  let adminPort: number | null = null;
  if (config.adminPort !== 0) {
    admin = buildAdminApp({ version: PIER_VERSION, ready: () => ready, catalog, metrics: upkeep.metrics, token: config.adminToken ?? null, maintenance: upkeep.maintenance });
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
      await upkeep.stop();
      await pool.close();
    },
  };
}
