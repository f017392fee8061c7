/**
 * What every session needs, built once by server/main.ts: the catalog, the worker pool, the database name
 * and default settings. `createSessionFactory` is the one constructor the composition root calls.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { WorkerPool } from '../../executor/pool.js';
import type { SessionFactory } from './api.js';
import { PierSessionFactory } from './session_factory.js';

export interface EngineOptions {
  readonly catalog: Catalog;
  readonly pool: WorkerPool;
  /** the one database clients may connect to (default user and database: pier) */
  readonly database: string;
  /** worker threads a query's scans may spread over */
  readonly parallelism: number;
  /** default GUC values (e.g. { TimeZone: 'Europe/Oslo' }); startup-packet options override them */
  readonly settings?: Readonly<Record<string, string>>;
  /** server_version reported to clients */
  readonly serverVersion?: string;
}

export interface Engine {
  readonly catalog: Catalog;
  readonly pool: WorkerPool;
  readonly database: string;
  readonly parallelism: number;
  readonly settings: Readonly<Record<string, string>>;
}

export function createEngine(options: EngineOptions): Engine {
  return {
    catalog: options.catalog,
    pool: options.pool,
    database: options.database,
    parallelism: Math.max(1, options.parallelism),
    settings: { server_version: options.serverVersion ?? '15.0', ...(options.settings ?? {}) },
  };
}

export function createSessionFactory(options: EngineOptions): SessionFactory {
  return new PierSessionFactory(createEngine(options));
}
