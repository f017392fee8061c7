/**
 * The worker threads' starting old-generation size. A worker's JS heap is small (~15 MB: code, footers,
 * plans) while each scan task allocates tens of MB of column buffers outside it; from a small heap V8 sets a
 * small next-collection limit and runs a full mark-compact every few MB of such allocation (measured: ~16
 * per cold TPC-H q06 run, half of the workers' CPU). Starting the old generation at 128 MB lets the buffers
 * of several row groups come and go between collections (q06 cold: 16 → 4 collections, CPU −45%).
 * V8 reads the flag when an isolate is created, so it is set in the main thread before the pool starts its
 * workers; an explicit --initial-old-space-size (command line or NODE_OPTIONS) is left alone.
 */
import { setFlagsFromString } from 'node:v8';

export const WORKER_INITIAL_OLD_SPACE_MB = 128;
const FLAG = '--initial-old-space-size';

/** The flag to set, or null when the operator already chose one. */
export function workerHeapFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  const chosen = (arg: string): boolean => `--${arg.replace(/^--/, '').split('=')[0]!.replaceAll('_', '-')}` === FLAG;
  if (execArgv.some(chosen) || (nodeOptions ?? '').split(/\s+/).some(chosen)) return null;
  return `${FLAG}=${WORKER_INITIAL_OLD_SPACE_MB}`;
}

let configured = false;

/** Set the flag once per process (before the first worker thread starts). */
export function configureWorkerHeap(): void {
  if (configured) return;
  configured = true;
  const flag = workerHeapFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag !== null) setFlagsFromString(flag);
}
