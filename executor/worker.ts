/**
 * The piscina worker: runs scan tasks (read + filter + optional partial aggregation) and sends the result
 * back with its typed-array buffers in the transfer list (a top-level Transferable: Piscina.move on a
 * buffer nested in an object would deliver an empty buffer).
 */
import { transferableSymbol, valueSymbol, move } from 'piscina';
import { transferables } from '../common/vector.js';
import { runScanTask, type ScanTask, type ScanTaskResult } from './scan/scan_task.js';

export function resultTransferList(r: ScanTaskResult): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const b of r.batches) for (const buf of transferables(b)) set.add(buf);
  if (r.partial) for (const buf of transferables(r.partial.keys)) set.add(buf);
  return [...set];
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
