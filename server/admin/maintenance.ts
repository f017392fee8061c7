/**
 * OPTIMIZE and VACUUM as admin API jobs: the same operation functions (and commit path) as the SQL
 * statements, run in the background with progress and cancellation.
 */
import type { Table } from '../../catalog/catalog.js';
import type { AddFile } from '../../storage/delta/actions.js';
import type { WriteFilesTask } from '../../storage/delta/operations/write_task.js';
import { optimizeTable } from '../../storage/delta/operations/optimize.js';
import { vacuumTable } from '../../storage/delta/operations/vacuum.js';
import { partitionFilterFromText } from '../../planner/bind/statements/optimize.js';
import type { JobContext } from './jobs.js';

export interface MaintenanceDeps {
  /** used when a table has no delta.targetFileSize (config optimize.targetFileSize) */
  readonly defaultTargetFileSize?: number;
  /** encode + store rewritten files on the worker pool */
  readonly writeFiles?: (task: WriteFilesTask, signal?: AbortSignal) => Promise<AddFile[]>;
}

export interface OptimizeBody {
  readonly where?: string;
  readonly zorderBy?: readonly string[];
}

export interface VacuumBody {
  readonly retainHours?: number;
  readonly dryRun?: boolean;
  /** false: allow a retention under the table's (like spark.databricks.delta.retentionDurationCheck.enabled) */
  readonly retentionCheck?: boolean;
}

/** Validate what can be checked before the job starts (the WHERE predicate); throws QueryError. */
export async function prepareOptimize(table: Table, body: OptimizeBody) {
  const snap = await table.snapshot();
  return body.where !== undefined && body.where.trim() !== '' ? partitionFilterFromText(body.where, snap) : undefined;
}

export function runOptimizeJob(table: Table, body: OptimizeBody, filter: Awaited<ReturnType<typeof prepareOptimize>>, deps: MaintenanceDeps) {
  return async (ctx: JobContext): Promise<unknown> => {
    const loc = table.deltaLocation!();
    const writeFiles = deps.writeFiles;
    const res = await optimizeTable(loc.store, loc.path, {
      zOrderBy: body.zorderBy ?? [],
      ...(filter !== undefined ? { partitionFilter: filter } : {}),
      predicateText: body.where !== undefined && body.where.trim() !== '' ? [body.where.trim()] : [],
      ...(deps.defaultTargetFileSize !== undefined ? { defaultTargetFileSize: deps.defaultTargetFileSize } : {}),
      ...(writeFiles !== undefined ? { writeFiles: (t: WriteFilesTask) => writeFiles(t, ctx.signal) } : {}),
      signal: ctx.signal,
      onProgress: (d, t) => ctx.progress(d, t),
    });
    return { path: table.location, version: res.version, metrics: res.metrics };
  };
}

export function runVacuumJob(table: Table, body: VacuumBody) {
  return async (ctx: JobContext): Promise<unknown> => {
    const loc = table.deltaLocation!();
    const res = await vacuumTable(loc.store, loc.path, {
      ...(body.retainHours !== undefined ? { retentionHours: body.retainHours } : {}),
      dryRun: body.dryRun === true,
      retentionCheck: body.retentionCheck !== false,
      signal: ctx.signal,
      onProgress: (d, t) => ctx.progress(d, t),
    });
    return { path: table.location, dryRun: res.dryRun, numDeletedFiles: res.dryRun ? 0 : res.files.length, numFiles: res.files.length, bytes: res.bytes, files: res.files, numVacuumedDirectories: res.directories };
  };
}
