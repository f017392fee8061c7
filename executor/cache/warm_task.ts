/**
 * CACHE TABLE's task: read every row group of a file's columns through the thread's column cache (what the
 * cache lacks is decoded and kept) and return only the counters; the rows go nowhere.
 */
import { scanFile, type ScanTask } from '../scan/scan_task.js';
import { emptyCounters, type ScanCounters } from '../scan/scan_stats.js';

export async function runWarmTask(task: ScanTask): Promise<ScanCounters> {
  const counters = emptyCounters();
  for await (const b of scanFile(task, counters)) void b;
  return counters;
}
