/**
 * OPTIMIZE [WHERE partition predicate] [ZORDER BY (cols)]: rewrite the small files of each partition into
 * files of about the target size (bin-packing), or every file of each partition sorted by Z-value (ZORDER),
 * and commit `remove`s + `add`s with dataChange=false (operation OPTIMIZE) through the one commit path.
 * A concurrent commit that left every rewritten file in place (an append) does not fail OPTIMIZE: it is
 * committed again on top of it. Used by the SQL statement, the admin API jobs and auto-compaction alike.
 */
import { Table as ArrowTable } from 'apache-arrow';
import type { ObjectStore } from '../../object_store/store.js';
import { readParquetTables } from '../../parquet/read.js';
import { gatherRows } from './zorder_take.js';
import { type AddFile, type RemoveFile, addAction, removeAction } from '../actions.js';
import { joinKey } from '../replay.js';
import { loadSnapshot, resolveDataPath } from '../snapshot.js';
import { CommitConflictError, commitTransaction } from '../transaction.js';
import { encodeAddPath, partitionFolder, writeDataFiles } from './write.js';
import { writeFilesTask, type WriteFilesTask } from './write_task.js';
import { checkZOrderColumns, DEFAULT_TARGET_FILE_SIZE, planOptimize, targetFileSize, type OptimizeBin } from './optimize_plan.js';
import { commitMetrics, fileSizeStats, type OptimizeMetrics } from './optimize_metrics.js';
import { zOrderPermutation } from './zorder.js';

export interface OptimizeOptions {
  readonly zOrderBy?: readonly string[];
  /** keeps the partitions to optimize (raw partition values); absent: all */
  readonly partitionFilter?: (values: Readonly<Record<string, string | null>>) => boolean;
  /** the predicate's text for the commit's operationParameters */
  readonly predicateText?: readonly string[];
  /** used when the table has no `delta.targetFileSize` (config optimize.targetFileSize) */
  readonly defaultTargetFileSize?: number;
  /** encode + store data files elsewhere (the worker pool); default: on this thread */
  readonly writeFiles?: (task: WriteFilesTask) => Promise<AddFile[]>;
  readonly signal?: AbortSignal;
  /** after every bin: files rewritten so far / to rewrite */
  readonly onProgress?: (done: number, total: number) => void;
  /** auto-compaction (commitInfo operationParameters.auto) */
  readonly auto?: boolean;
  readonly now?: () => number;
}

export interface OptimizeResult {
  /** the committed version; null when there was nothing to rewrite */
  readonly version: number | null;
  readonly metrics: OptimizeMetrics;
}

const MAX_CONFLICT_RETRIES = 10;

export async function optimizeTable(store: ObjectStore, tablePath: string, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  const now = options.now ?? Date.now;
  const start = now();
  const snap = await loadSnapshot(store, tablePath);
  const partitionColumns = snap.partitionColumns;
  const zOrderBy = checkZOrderColumns(options.zOrderBy ?? [], snap.schema, partitionColumns);
  const target = targetFileSize(snap.metadata.configuration, options.defaultTargetFileSize ?? DEFAULT_TARGET_FILE_SIZE);
  const plan = planOptimize(snap.files, {
    partitionColumns, targetFileSize: target, zOrder: zOrderBy.length > 0,
    ...(options.partitionFilter !== undefined ? { partitionFilter: options.partitionFilter } : {}),
  });
  const total = plan.bins.reduce((s, b) => s + b.files.length, 0);
  const adds: AddFile[] = [];
  const removes: RemoveFile[] = [];
  const written: AddFile[] = [];
  let done = 0;
  options.onProgress?.(0, total);
  try {
    for (const bin of plan.bins) {
      options.signal?.throwIfAborted();
      const out = await rewriteBin(store, tablePath, bin, partitionColumns, zOrderBy, target, options);
      written.push(...out);
      adds.push(...out);
      const ts = now();
      for (const f of bin.files) {
        removes.push({
          path: f.path, deletionTimestamp: ts, dataChange: false, extendedFileMetadata: true,
          partitionValues: f.partitionValues, size: f.size, ...(f.stats ? { stats: f.stats } : {}),
        });
      }
      done += bin.files.length;
      options.onProgress?.(done, total);
    }
    options.signal?.throwIfAborted();
  } catch (e) {
    await deleteWritten(store, tablePath, written);
    throw e;
  }
  const rowsRewritten = adds.reduce((s, a) => s + statsRows(a.stats), 0);
  const metrics: OptimizeMetrics = {
    numFilesAdded: adds.length,
    numFilesRemoved: removes.length,
    filesAdded: fileSizeStats(adds.map((a) => a.size)),
    filesRemoved: fileSizeStats(removes.map((r) => r.size ?? 0)),
    partitionsOptimized: new Set(plan.bins.map((b) => JSON.stringify(partitionColumns.map((c) => b.partitionValues[c] ?? null)))).size,
    zOrderStats: zOrderBy.length === 0 ? null : {
      strategyName: 'all',
      inputCubeFiles: { num: 0, size: 0 },
      inputOtherFiles: { num: removes.length, size: removes.reduce((s, r) => s + (r.size ?? 0), 0) },
      inputNumCubes: 0,
      mergedFiles: { num: removes.length, size: removes.reduce((s, r) => s + (r.size ?? 0), 0) },
      numOutputCubes: plan.bins.length,
    },
    numBatches: plan.bins.length,
    totalConsideredFiles: plan.consideredFiles,
    totalFilesSkipped: plan.consideredFiles - removes.length,
    preserveInsertionOrder: zOrderBy.length === 0,
    numRowsRewritten: rowsRewritten,
    startTimeMs: start,
    endTimeMs: now(),
  };
  if (removes.length === 0) return { version: null, metrics };
  const actions = [...removes.map(removeAction), ...adds.map(addAction)];
  let readVersion = snap.version;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await commitTransaction(store, tablePath, {
        readVersion,
        actions,
        operation: 'OPTIMIZE',
        operationParameters: {
          predicate: JSON.stringify(options.predicateText ?? []),
          zOrderBy: JSON.stringify(zOrderBy),
          ...(options.auto === true ? { auto: true } : {}),
        },
        operationMetrics: commitMetrics(metrics, adds.map((a) => a.size)),
        isBlindAppend: false,
        // dataChange=false rewrite: concurrent appends do not conflict, concurrent removes of its inputs do
        readFiles: removes.map((r) => r.path),
        now,
      });
      return { version: res.version, metrics };
    } catch (e) {
      if (!(e instanceof CommitConflictError) || attempt >= MAX_CONFLICT_RETRIES) {
        await deleteWritten(store, tablePath, written);
        throw e;
      }
      // rebase when the winners kept every file we rewrote and changed neither schema nor partitioning
      const latest = await loadSnapshot(store, tablePath);
      const still = removes.every((r) => latest.state.files.has(r.path));
      const sameShape = latest.metadata.schemaString === snap.metadata.schemaString
        && JSON.stringify(latest.partitionColumns) === JSON.stringify(partitionColumns);
      if (!still || !sameShape) {
        await deleteWritten(store, tablePath, written);
        throw e;
      }
      readVersion = latest.version;
    }
  }
}

function statsRows(stats: string | null | undefined): number {
  if (!stats) return 0;
  try {
    const n = (JSON.parse(stats) as { numRecords?: unknown }).numRecords;
    return typeof n === 'number' ? n : 0;
  } catch {
    return 0;
  }
}

async function deleteWritten(store: ObjectStore, tablePath: string, adds: readonly AddFile[]): Promise<void> {
  await Promise.all(adds.map((a) => store.delete(joinKey(tablePath, decodeURIComponent(a.path))).catch(() => undefined)));
}

/** Read a bin's files, Z-sort when asked, write files of about `target` bytes; returns their `add`s. */
async function rewriteBin(
  store: ObjectStore, tablePath: string, bin: OptimizeBin, partitionColumns: readonly string[],
  zOrderBy: readonly string[], target: number, options: OptimizeOptions,
): Promise<AddFile[]> {
  const tables: ArrowTable[] = [];
  for (const f of bin.files) {
    const parts = await readParquetTables(store, resolveDataPath(store, tablePath, f.path));
    const dataCols = parts[0]?.schema.fields.map((x) => x.name).filter((n) => !partitionColumns.includes(n)) ?? [];
    for (const p of parts) if (p.numRows > 0) tables.push(p.select(dataCols));
  }
  if (tables.length === 0) return [];
  // files of one table written by one writer share a schema; align the others to the first's column order
  const names = tables[0]!.schema.fields.map((f) => f.name);
  const fingerprint = (t: ArrowTable): string => JSON.stringify(names.map((n) => String(t.schema.fields.find((f) => f.name === n)?.type)));
  const want = fingerprint(tables[0]!);
  for (const t of tables) {
    if (t.schema.fields.length !== names.length || fingerprint(t) !== want) {
      throw new Error('OPTIMIZE: the data files of one partition have different Parquet schemas');
    }
  }
  let table = new ArrowTable(tables.flatMap((t) => t.select(names).batches));
  if (zOrderBy.length > 0) table = gatherRows(table, zOrderPermutation(table, zOrderBy));
  const inputBytes = bin.files.reduce((s, f) => s + f.size, 0);
  const bytesPerRow = Math.max(1, inputBytes / Math.max(1, table.numRows));
  const rowsPerFile = Math.max(1, Math.floor(target / bytesPerRow));
  const folder = partitionFolder(partitionColumns, bin.partitionValues);
  const dir = folder === '' ? tablePath : joinKey(tablePath, folder);
  const pieces: ArrowTable[] = [];
  for (let s = 0; s < table.numRows; s += rowsPerFile) pieces.push(table.slice(s, Math.min(table.numRows, s + rowsPerFile)));
  const results = await Promise.all(pieces.map((piece) => (options.writeFiles !== undefined
    ? options.writeFiles(writeFilesTask(store.descriptor, dir, piece, []))
    : writeDataFiles(store, dir, piece, { maxRowsPerFile: rowsPerFile }))));
  return results.flat().map((a) => ({
    ...a,
    path: folder === '' ? a.path : encodeAddPath(`${folder}/${decodeURIComponent(a.path)}`),
    partitionValues: { ...bin.partitionValues },
    dataChange: false,
  }));
}
