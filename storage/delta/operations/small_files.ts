/**
 * Small-file upkeep: how many data files of a snapshot are "small" (under 3/4 of the target file size) and
 * the warning DESCRIBE DETAIL (and the admin API) show when there are many of them.
 */
import type { DeltaSnapshot } from '../snapshot.js';
import { DEFAULT_TARGET_FILE_SIZE, NEAR_TARGET, targetFileSize } from './optimize_plan.js';

/** A table with at least this many small files in one partition gets the warning / auto-compaction. */
export const SMALL_FILE_THRESHOLD = 50;

export function smallFileCount(snap: DeltaSnapshot, fallbackTarget = DEFAULT_TARGET_FILE_SIZE): number {
  const target = targetFileSize(snap.metadata.configuration, fallbackTarget);
  return snap.files.filter((f) => f.size < target * NEAR_TARGET).length;
}

/** The warning text when the snapshot has many small files, else null. */
export function smallFileWarning(snap: DeltaSnapshot, threshold = SMALL_FILE_THRESHOLD, fallbackTarget = DEFAULT_TARGET_FILE_SIZE): string | null {
  const n = smallFileCount(snap, fallbackTarget);
  if (n < threshold) return null;
  const target = targetFileSize(snap.metadata.configuration, fallbackTarget);
  return `table has ${n} data files smaller than ${Math.round((target * NEAR_TARGET) / 1024)} kB (3/4 of the target file size); run OPTIMIZE to compact them`;
}
