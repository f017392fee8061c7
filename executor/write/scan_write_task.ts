/**
 * CREATE TABLE AS over a plain scan, done where the rows are read: a worker scans its part of a file (the
 * usual scan task: filter, casts of the read path) and writes the rows straight into the new table's data
 * files, returning only the (uncommitted) `add` actions. Nothing crosses threads but the task and the
 * actions; the caller commits all of them in one Delta commit.
 */
import type { Field } from '../../common/types.js';
import type { Batch } from '../../common/vector.js';
import type { AddFile } from '../../storage/delta/actions.js';
import { writeDataFiles } from '../../storage/delta/operations/write.js';
import { openObjectStore } from '../../storage/object_store/open.js';
import type { ObjectStore, ObjectStoreDescriptor } from '../../storage/object_store/store.js';
import { Table as ArrowTable } from 'apache-arrow';
import { passthroughEligible, passthroughRowGroups } from './arrow_passthrough.js';
import { tableFromBatches } from '../arrow/to_arrow.js';
import { scanFile, type ScanTask } from '../scan/scan_task.js';

/** Rows per data file written by one task. */
const FILE_ROWS = 1 << 18;

export interface WriteTarget {
  readonly store: ObjectStoreDescriptor;
  readonly tablePath: string;
  readonly partitionColumns: readonly string[];
  /** the table's columns (the scan's output columns, in order) */
  readonly fields: readonly Field[];
}

export interface ScanWriteTask {
  readonly scan: ScanTask;
  readonly target: WriteTarget;
}

export interface ScanWriteResult {
  readonly adds: readonly AddFile[];
  readonly rows: number;
}

export async function runScanWriteTask(task: ScanWriteTask): Promise<ScanWriteResult> {
  const { target } = task;
  const store = openObjectStore(target.store);
  if (passthroughEligible(task.scan)) {
    const direct = await writePassthrough(task, store);
    if (direct !== null) return direct;
  }
  const adds: AddFile[] = [];
  let pending: Batch[] = [];
  let pendingRows = 0;
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (pendingRows === 0) return;
    const arrow = tableFromBatches(pending, target.fields);
    pending = [];
    pendingRows = 0;
    adds.push(...(await writeDataFiles(store, target.tablePath, arrow, { partitionColumns: target.partitionColumns })));
  };
  try {
    for await (const b of scanFile(task.scan)) {
      if (b.length === 0) continue;
      pending.push(b);
      pendingRows += b.length;
      rows += b.length;
      if (pendingRows >= FILE_ROWS) await flush();
    }
    await flush();
  } catch (e) {
    await Promise.all(adds.map((a) => store.delete(`${target.tablePath}/${decodeURIComponent(a.path)}`).catch(() => undefined)));
    throw e;
  }
  return { adds, rows };
}

/** Row groups copied as Arrow data (executor/write/arrow_passthrough.ts); null when the types do not allow it. */
async function writePassthrough(task: ScanWriteTask, store: ObjectStore): Promise<ScanWriteResult | null> {
  const { target } = task;
  const adds: AddFile[] = [];
  let pending: ArrowTable[] = [];
  let pendingRows = 0;
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (pendingRows === 0) return;
    const table = pending.length === 1 ? pending[0]! : new ArrowTable(pending.flatMap((t) => t.batches));
    pending = [];
    pendingRows = 0;
    adds.push(...(await writeDataFiles(store, target.tablePath, table, { partitionColumns: target.partitionColumns })));
  };
  try {
    let first = true;
    for await (const t of passthroughRowGroups(task.scan, target.fields)) {
      if (t === null) {
        if (first) return null;
        throw new Error('CREATE TABLE AS: column types changed between row groups of one file');
      }
      first = false;
      if (t.numRows === 0) continue;
      pending.push(t);
      pendingRows += t.numRows;
      rows += t.numRows;
      if (pendingRows >= FILE_ROWS) await flush();
    }
    await flush();
  } catch (e) {
    await Promise.all(adds.map((a) => store.delete(`${target.tablePath}/${decodeURIComponent(a.path)}`).catch(() => undefined)));
    throw e;
  }
  return { adds, rows };
}
