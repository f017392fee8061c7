/**
 * Writing data files as a task that can run on a worker thread: the rows travel as one Arrow IPC stream
 * (a single transferable buffer), the worker encodes Parquet, computes stats, stores the files and returns
 * the `add` actions (uncommitted, as writeDataFiles). Plain data in and out.
 */
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { openObjectStore } from '../../object_store/open.js';
import type { ObjectStoreDescriptor } from '../../object_store/store.js';
import type { AddFile } from '../actions.js';
import { writeDataFiles, type WriteFilesOptions } from './write.js';

export interface WriteFilesTask {
  readonly store: ObjectStoreDescriptor;
  readonly tablePath: string;
  /** the rows as an Arrow IPC stream */
  readonly ipc: Uint8Array;
  readonly partitionColumns: readonly string[];
  readonly maxRowGroupSize?: number;
}

/** A task for `table` (the caller transfers `task.ipc.buffer`). */
export function writeFilesTask(store: ObjectStoreDescriptor, tablePath: string, table: Table, partitionColumns: readonly string[]): WriteFilesTask {
  return { store, tablePath, ipc: tableToIPC(table, 'stream'), partitionColumns };
}

export async function runWriteFilesTask(task: WriteFilesTask): Promise<AddFile[]> {
  const table = tableFromIPC(task.ipc);
  const options: WriteFilesOptions = {
    partitionColumns: task.partitionColumns,
    ...(task.maxRowGroupSize !== undefined ? { maxRowGroupSize: task.maxRowGroupSize } : {}),
  };
  return writeDataFiles(openObjectStore(task.store), task.tablePath, table, options);
}
