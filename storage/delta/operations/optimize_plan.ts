/**
 * OPTIMIZE planning: which files of which partitions are rewritten together (a "bin").
 * - bin-packing: per partition, files smaller than 3/4 of the target size are packed (smallest first) into
 *   bins of up to the target size; bins of a single file are left alone (nothing to compact).
 * - ZORDER BY: every file of a partition is one bin (the whole partition is re-sorted).
 */
import type { AddFile } from '../actions.js';
import type { DeltaStructType } from '../schema.js';

export const DEFAULT_TARGET_FILE_SIZE = 128 * 1024 * 1024;
/** files at least this fraction of the target size are "near the target" and not compacted */
export const NEAR_TARGET = 0.75;

export interface OptimizeBin {
  /** raw partition values (as in add.partitionValues) */
  readonly partitionValues: Readonly<Record<string, string | null>>;
  readonly files: readonly AddFile[];
}

export interface OptimizePlan {
  readonly bins: readonly OptimizeBin[];
  /** files of the selected partitions */
  readonly consideredFiles: number;
  readonly partitions: number;
}

export type OptimizeErrorKind = 'zorder_partition_column' | 'zorder_missing_column' | 'non_partition_predicate';

/** A request OPTIMIZE refuses (the SQL binder and the admin API map it to their own error shapes). */
export class OptimizeError extends Error {
  constructor(readonly kind: OptimizeErrorKind, message: string) {
    super(message);
    this.name = 'OptimizeError';
  }
}

/** `delta.targetFileSize` / config values: bytes, or a number with b, k[b], m[b], g[b] (case-insensitive). */
export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  if (m === null) return null;
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  return n > 0 ? n : null;
}

/** The table's target file size: property `delta.targetFileSize`, else `fallback`. */
export function targetFileSize(configuration: Readonly<Record<string, string>>, fallback = DEFAULT_TARGET_FILE_SIZE): number {
  const v = configuration['delta.targetFileSize'];
  return (v !== undefined ? parseByteSize(v) : null) ?? fallback;
}

/** Checks ZORDER BY columns against the schema: known, not partition columns (Delta's messages). */
export function checkZOrderColumns(zOrderBy: readonly string[], schema: DeltaStructType, partitionColumns: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of zOrderBy) {
    const field = schema.fields.find((f) => f.name === c) ?? schema.fields.find((f) => f.name.toLowerCase() === c.toLowerCase());
    if (field === undefined) throw new OptimizeError('zorder_missing_column', `Z-Ordering column ${c} does not exist in data schema.`);
    if (partitionColumns.includes(field.name)) {
      throw new OptimizeError('zorder_partition_column', `${field.name} is a partition column. Z-Ordering can only be performed on data columns`);
    }
    if (!out.includes(field.name)) out.push(field.name);
  }
  return out;
}

/** Files by partition (key: JSON of the values in partition column order), in first-seen order. */
export function groupByPartition(files: readonly AddFile[], partitionColumns: readonly string[]): Map<string, AddFile[]> {
  const groups = new Map<string, AddFile[]>();
  for (const f of files) {
    const key = JSON.stringify(partitionColumns.map((c) => f.partitionValues[c] ?? null));
    let g = groups.get(key);
    if (g === undefined) { g = []; groups.set(key, g); }
    g.push(f);
  }
  return groups;
}

export interface PlanOptions {
  readonly partitionColumns: readonly string[];
  readonly targetFileSize: number;
  readonly zOrder: boolean;
  /** keep only partitions it accepts (WHERE); absent: all */
  readonly partitionFilter?: (values: Readonly<Record<string, string | null>>) => boolean;
}

export function planOptimize(files: readonly AddFile[], options: PlanOptions): OptimizePlan {
  const bins: OptimizeBin[] = [];
  let considered = 0;
  let partitions = 0;
  for (const group of groupByPartition(files, options.partitionColumns).values()) {
    const values = group[0]!.partitionValues;
    if (options.partitionFilter !== undefined && !options.partitionFilter(values)) continue;
    partitions++;
    considered += group.length;
    if (options.zOrder) {
      bins.push({ partitionValues: values, files: group });
      continue;
    }
    const small = group.filter((f) => f.size < options.targetFileSize * NEAR_TARGET).sort((a, b) => a.size - b.size);
    let bin: AddFile[] = [];
    let binSize = 0;
    const close = (): void => {
      if (bin.length > 1) bins.push({ partitionValues: values, files: bin });
      bin = [];
      binSize = 0;
    };
    for (const f of small) {
      if (bin.length > 0 && binSize + f.size > options.targetFileSize) close();
      bin.push(f);
      binSize += f.size;
    }
    close();
  }
  return { bins, consideredFiles: considered, partitions };
}
