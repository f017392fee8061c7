/**
 * Counters of one scan task (row groups read / skipped by footer statistics, column-chunk cache hits /
 * misses), returned in its result so the main thread can add up the tasks of one scan (EXPLAIN ANALYZE)
 * wherever they ran.
 */
export interface ScanCounters {
  rowGroupsRead: number;
  rowGroupsSkipped: number;
  cacheHits: number;
  cacheMisses: number;
}

export function emptyCounters(): ScanCounters {
  return { rowGroupsRead: 0, rowGroupsSkipped: 0, cacheHits: 0, cacheMisses: 0 };
}

export function addCounters(into: ScanCounters, d: ScanCounters): void {
  into.rowGroupsRead += d.rowGroupsRead;
  into.rowGroupsSkipped += d.rowGroupsSkipped;
  into.cacheHits += d.cacheHits;
  into.cacheMisses += d.cacheMisses;
}
