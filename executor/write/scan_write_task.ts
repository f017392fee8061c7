/**
 * CREATE TABLE AS over a plain scan, done where the rows are read: a worker scans its part of a file (the
 * usual scan task: filter, casts of the read path) and writes the rows straight into the new table's data
 * files, returning only the (uncommitted) `add` actions. Nothing crosses threads but the task and the
 * actions; the caller commits all of them in one Delta commit.
 */
import type { AppendResult, AppendTarget } from '../../catalog/catalog.js';
import type { AddFile } from '../../storage/delta/actions.js';
import { writeDataFiles } from '../../storage/delta/operations/write.js';
import { openObjectStore } from '../../storage/object_store/open.js';
import type { ObjectStore } from '../../storage/object_store/store.js';
import { Table as ArrowTable } from 'apache-arrow';
import { passthroughEligible, passthroughRowGroups } from './arrow_passthrough.js';
import { tableFromBatches } from '../arrow/to_arrow.js';
import { scanFile, type ScanTask } from '../scan/scan_task.js';

/** Rows per data file written by one task. */
const FILE_ROWS = 1 << 18;

export interface ScanWriteTask {
  readonly scan: ScanTask;
  /** the table's columns are the scan's output columns, in order */
  readonly target: AppendTarget;
}

export async function runScanWriteTask(task: ScanWriteTask): Promise<AppendResult> {
  const { target } = task;
  const store = openObjectStore(target.store);
  if (passthroughEligible(task.scan)) {
    const direct = await writePassthrough(task, store);
    if (direct !== null) return direct;
  }
  return writeChunks(store, target, scanFile(task.scan), (b) => b.length, (bs) => tableFromBatches(bs, target.fields));
}

/** Row groups copied as Arrow data (executor/write/arrow_passthrough.ts); null when the types do not allow it. */
async function writePassthrough(task: ScanWriteTask, store: ObjectStore): Promise<AppendResult | null> {
  const groups = passthroughRowGroups(task.scan, task.target.fields)[Symbol.asyncIterator]();
  const first = await groups.next();
  if (!first.done && first.value === null) {
    await groups.return?.(undefined);
    return null;
  }
  async function* tables(): AsyncIterable<ArrowTable> {
    for (let r = first; !r.done; r = await groups.next()) {
      if (r.value === null) throw new Error('CREATE TABLE AS: column types changed between row groups of one file');
      yield r.value;
    }
  }
  const toTable = (ts: ArrowTable[]) => (ts.length === 1 ? ts[0]! : new ArrowTable(ts.flatMap((t) => t.batches)));
  return writeChunks(store, task.target, tables(), (t) => t.numRows, toTable);
}

/**
 * Write `chunks` into data files of about FILE_ROWS rows each. If the source fails, the files already written
 * are deleted (they were never committed, so nobody can see them either way).
 */
async function writeChunks<C>(store: ObjectStore, target: AppendTarget, chunks: AsyncIterable<C>, rowsOf: (c: C) => number, toTable: (cs: C[]) => ArrowTable): Promise<AppendResult> {
  const adds: AddFile[] = [];
  let pending: C[] = [];
  let pendingRows = 0;
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (pendingRows === 0) return;
    const table = toTable(pending);
    pending = [];
    pendingRows = 0;
    adds.push(...(await writeDataFiles(store, target.tablePath, table, { partitionColumns: target.partitionColumns })));
  };
  try {
    for await (const c of chunks) {
      const n = rowsOf(c);
      if (n === 0) continue;
      pending.push(c);
      pendingRows += n;
      rows += n;
      if (pendingRows >= FILE_ROWS) await flush();
    }
    await flush();
  } catch (e) {
    await Promise.all(adds.map((a) => store.delete(`${target.tablePath}/${decodeURIComponent(a.path)}`).catch(() => undefined)));
    throw e;
  }
  return { adds, rows };
}
