/**
 * Table upkeep wired at start: the process's metrics (scan / commit hooks, per-table file counts), background
 * auto-compaction, and what the admin API's OPTIMIZE / VACUUM jobs need (worker pool writes, target size).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { PierConfig } from '../conf/config.js';
import type { WorkerPool } from '../executor/pool.js';
import { startAutoCompaction } from '../storage/delta/operations/optimize_auto.js';
import type { MaintenanceDeps } from './admin/maintenance.js';
import type { Logger } from './log.js';
import { metrics, type PierMetrics } from './metrics.js';
import { catalogTableStats } from './table_stats.js';

export interface Upkeep {
  readonly metrics: PierMetrics;
  readonly maintenance: MaintenanceDeps;
  stop(): Promise<void>;
}

export function startUpkeep(catalog: Catalog, pool: WorkerPool, config: PierConfig, log: Logger): Upkeep {
  metrics.install();
  metrics.setPoolThreads(pool.threads);
  metrics.setTableSource(catalogTableStats(catalog, config.optimizeTargetFileSize));
  const writeFiles: MaintenanceDeps['writeFiles'] = pool.threads > 0 && pool.runWrite !== undefined ? (task, signal) => pool.runWrite!(task, signal) : undefined;
  const maintenance: MaintenanceDeps = {
    ...(config.optimizeTargetFileSize !== undefined ? { defaultTargetFileSize: config.optimizeTargetFileSize } : {}),
    ...(writeFiles !== undefined ? { writeFiles } : {}),
  };
  const auto = startAutoCompaction({
    ...(config.optimizeTargetFileSize !== undefined ? { defaultTargetFileSize: config.optimizeTargetFileSize } : {}),
    ...(writeFiles !== undefined ? { writeFiles: (t) => writeFiles(t) } : {}),
    log: (level, message) => (level === 'warn' ? log.warn(message) : log.info(message)),
  });
  return { metrics, maintenance, stop: () => auto.stop() };
}
