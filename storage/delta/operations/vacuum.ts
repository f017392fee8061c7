/**
 * VACUUM [RETAIN n HOURS] [DRY RUN]: delete the data files no version inside the retention window needs
 * (selection: vacuum_plan.ts). A real run records `VACUUM START` and `VACUUM END` commits (commitInfo only) as
 * Delta does. A retention under the table's `delta.deletedFileRetentionDuration` is refused unless the
 * check is turned off. Used by the SQL statement and the admin API jobs.
 */
import type { ObjectStore } from '../../object_store/store.js';
import { commitTransaction } from '../transaction.js';
import { planVacuum, tableRetentionMs, readLogHistory } from './vacuum_plan.js';

export type VacuumErrorKind = 'retention_too_short' | 'negative_retention';

export class VacuumError extends Error {
  constructor(readonly kind: VacuumErrorKind, message: string) {
    super(message);
    this.name = 'VacuumError';
  }
}

export interface VacuumOptions {
  /** RETAIN n HOURS; absent: the table's retention */
  readonly retentionHours?: number;
  readonly dryRun?: boolean;
  /** false: allow a retention under the table's (spark.databricks.delta.retentionDurationCheck.enabled) */
  readonly retentionCheck?: boolean;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface VacuumResult {
  /** store keys of the files deleted (dry run: that would be deleted) */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly directories: number;
  readonly dryRun: boolean;
}

const DELETE_PARALLELISM = 16;

/** Databricks' refusal of a short retention. */
export function retentionTooShortMessage(tableRetentionHours: number): string {
  return 'requirement failed: Are you sure you would like to vacuum files with such a low retention period? '
    + 'If you have writers that are currently writing to this table, there is a risk that you may corrupt the state of your Delta table.\n\n'
    + 'If you are certain that there are no operations being performed on this table, such as insert/upsert/delete/optimize, '
    + 'then you may turn off this check by setting:\nspark.databricks.delta.retentionDurationCheck.enabled = false\n\n'
    + `If you are not sure, please use a value not less than "${tableRetentionHours} hours".`;
}

export async function vacuumTable(store: ObjectStore, tablePath: string, options: VacuumOptions = {}): Promise<VacuumResult> {
  const now = options.now ?? Date.now;
  const history = await readLogHistory(store, tablePath);
  const tableMs = tableRetentionMs(history.configuration);
  if (options.retentionHours !== undefined && options.retentionHours < 0) {
    throw new VacuumError('negative_retention', "Retention for Vacuum can't be less than 0.");
  }
  const retentionMs = options.retentionHours !== undefined ? options.retentionHours * 3_600_000 : tableMs;
  if (options.retentionCheck !== false && retentionMs < tableMs) {
    throw new VacuumError('retention_too_short', retentionTooShortMessage(Math.round(tableMs / 3_600_000)));
  }
  const startedAt = now();
  const plan = await planVacuum(store, tablePath, retentionMs, startedAt, history);
  const bytes = plan.files.reduce((s, f) => s + f.size, 0);
  const paths = plan.files.map((f) => f.path);
  if (options.dryRun === true) return { files: paths, bytes, directories: plan.directories, dryRun: true };

  let readVersion = plan.latestVersion;
  const start = await commitTransaction(store, tablePath, {
    readVersion,
    actions: [],
    operation: 'VACUUM START',
    operationParameters: {
      retentionCheckEnabled: options.retentionCheck !== false,
      defaultRetentionMillis: tableMs,
      ...(options.retentionHours !== undefined ? { specifiedRetentionMillis: retentionMs } : {}),
    },
    operationMetrics: { numFilesToDelete: paths.length, sizeOfDataToDelete: bytes },
    isBlindAppend: true,
    now,
  });
  readVersion = start.version;
  let deleted = 0;
  let status = 'COMPLETED';
  options.onProgress?.(0, paths.length);
  try {
    for (let i = 0; i < paths.length; i += DELETE_PARALLELISM) {
      options.signal?.throwIfAborted();
      const chunk = paths.slice(i, i + DELETE_PARALLELISM);
      await Promise.all(chunk.map((p) => store.delete(p)));
      deleted += chunk.length;
      options.onProgress?.(deleted, paths.length);
    }
  } catch (e) {
    status = 'FAILED';
    await commitEnd(store, tablePath, readVersion, status, deleted, plan.directories, now).catch(() => undefined);
    throw e;
  }
  await commitEnd(store, tablePath, readVersion, status, deleted, plan.directories, now);
  return { files: paths, bytes, directories: plan.directories, dryRun: false };
}

async function commitEnd(store: ObjectStore, tablePath: string, readVersion: number, status: string, deleted: number, dirs: number, now: () => number): Promise<void> {
  await commitTransaction(store, tablePath, {
    readVersion,
    actions: [],
    operation: 'VACUUM END',
    operationParameters: { status },
    operationMetrics: { numDeletedFiles: deleted, numVacuumedDirectories: dirs },
    isBlindAppend: true,
    now,
  });
}
