/**
 * The piscina worker: runs scan tasks (read + filter + optional partial aggregation) and sends the result
 * back with its typed-array buffers in the transfer list (a top-level Transferable: Piscina.move on a
 * buffer nested in an object would deliver an empty buffer).
 */
import { transferableSymbol, valueSymbol, move } from 'piscina';
import { transferables } from '../common/vector.js';
import { isPackedSums } from './expr/aggregates/packed_sums.js';
import { runScanTask, type ScanTask, type ScanTaskResult } from './scan/scan_task.js';

/** Named task `writeFiles` (pool.runWrite): encode + store data files. */
export { runWriteFilesTask as writeFiles } from '../storage/delta/operations/write_task.js';
/** Used by worker_entry.cts to send QueryErrors back with their SQLSTATE. */
export { encodeWorkerError } from './worker_errors.js';
/** Named task `ping` (pool health check after a failed task). */
export function ping(): string {
  return 'pong';
}

/** Named task `warmCache` (pool.runWarm): read a file's column chunks into this thread's cache (CACHE TABLE). */
export { runWarmTask as warmCache } from './cache/warm_task.js';
/** Named task `scanWrite` (pool.runScanWrite): scan part of a file and write the rows as data files. */
export { runScanWriteTask as scanWrite } from './write/scan_write_task.js';

export function resultTransferList(r: ScanTaskResult): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const b of r.batches) for (const buf of transferables(b)) set.add(buf);
  if (r.partial) {
    for (const buf of transferables(r.partial.keys)) set.add(buf);
    for (const st of r.partial.states) for (const buf of stateBuffers(st)) set.add(buf);
  }
  return [...set];
}

/**
 * The buffers of a serialized aggregate state that are made for it (so moving them detaches nothing the
 * thread keeps): packed sums (fresh slices) and count arrays. Other states are cloned.
 */
function stateBuffers(st: unknown): ArrayBuffer[] {
  if (isPackedSums(st)) return [st.count, st.sum, st.float].flatMap((a) => (a.buffer instanceof ArrayBuffer ? [a.buffer] : []));
  if (st instanceof Float64Array && st.buffer instanceof ArrayBuffer) return [st.buffer];
  return [];
}

export default async function runTask(task: ScanTask): Promise<unknown> {
  const result = await runScanTask(task);
  const list = resultTransferList(result);
  return move({
    get [transferableSymbol]() {
      return list;
    },
    get [valueSymbol]() {
      return result;
    },
  } as unknown as ArrayBuffer);
}
