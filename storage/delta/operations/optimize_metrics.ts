/**
 * OPTIMIZE's metrics: the struct Databricks returns as the `metrics` column (numFilesAdded, filesAdded {min,
 * max, avg, totalFiles, totalSize}, zOrderStats, numBatches, …) and the string map Delta writes into the
 * commit's operationMetrics (numAddedFiles, numRemovedBytes, p50FileSize, … plus the struct's counters).
 */

export interface FileSizeStats {
  readonly min: number | null;
  readonly max: number | null;
  readonly avg: number;
  readonly totalFiles: number;
  readonly totalSize: number;
}

export interface ZOrderStats {
  readonly strategyName: string;
  readonly inputCubeFiles: { readonly num: number; readonly size: number };
  readonly inputOtherFiles: { readonly num: number; readonly size: number };
  readonly inputNumCubes: number;
  readonly mergedFiles: { readonly num: number; readonly size: number };
  readonly numOutputCubes: number;
}

export interface OptimizeMetrics {
  readonly numFilesAdded: number;
  readonly numFilesRemoved: number;
  readonly filesAdded: FileSizeStats;
  readonly filesRemoved: FileSizeStats;
  readonly partitionsOptimized: number;
  readonly zOrderStats: ZOrderStats | null;
  readonly numBatches: number;
  readonly totalConsideredFiles: number;
  readonly totalFilesSkipped: number;
  readonly preserveInsertionOrder: boolean;
  readonly numRowsRewritten: number;
  readonly startTimeMs: number;
  readonly endTimeMs: number;
}

export function fileSizeStats(sizes: readonly number[]): FileSizeStats {
  const total = sizes.reduce((s, x) => s + x, 0);
  return {
    min: sizes.length === 0 ? null : Math.min(...sizes),
    max: sizes.length === 0 ? null : Math.max(...sizes),
    avg: sizes.length === 0 ? 0 : total / sizes.length,
    totalFiles: sizes.length,
    totalSize: total,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** The commit's operationMetrics (string values are made by the commit path). */
export function commitMetrics(m: OptimizeMetrics, added: readonly number[]): Record<string, unknown> {
  const sorted = [...added].sort((a, b) => a - b);
  return {
    numAddedFiles: m.numFilesAdded,
    numRemovedFiles: m.numFilesRemoved,
    numAddedBytes: m.filesAdded.totalSize,
    numRemovedBytes: m.filesRemoved.totalSize,
    minFileSize: m.filesAdded.min ?? 0,
    p25FileSize: percentile(sorted, 0.25),
    p50FileSize: percentile(sorted, 0.5),
    p75FileSize: percentile(sorted, 0.75),
    maxFileSize: m.filesAdded.max ?? 0,
    numDeletionVectorsRemoved: 0,
    numFilesAdded: m.numFilesAdded,
    numFilesRemoved: m.numFilesRemoved,
    filesAdded: m.filesAdded,
    filesRemoved: m.filesRemoved,
    partitionsOptimized: m.partitionsOptimized,
    numBatches: m.numBatches,
    totalConsideredFiles: m.totalConsideredFiles,
    totalFilesSkipped: m.totalFilesSkipped,
    ...(m.zOrderStats !== null ? { zOrderStats: m.zOrderStats } : {}),
  };
}
