/**
 * One scan task: read one data file (row group at a time), fill partition columns, filter, and either
 * return the batches or fold them into partial aggregate states. Plain data in and out, so the same
 * function runs in a worker thread (executor/worker.ts) or inline on the main thread (threads: 0).
 */
import type { Datum } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import type { Batch, Vector } from '../../common/vector.js';
import { constantVector, takeBatch } from '../../common/vector.js';
import { batchFromArrow } from '../arrow/from_arrow.js';
import { openObjectStore } from '../../storage/object_store/open.js';
import type { ObjectStoreDescriptor } from '../../storage/object_store/store.js';
import { ParquetReader } from '../../storage/parquet/read.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { PartialAggregate } from '../../planner/physical/nodes.js';
import { compilePredicate, type EvalContext } from '../expr/compile.js';
import { AggregateState, type PartialAggregateResult } from './aggregate_state.js';

export interface ScanTask {
  readonly store: ObjectStoreDescriptor;
  readonly path: string;
  readonly size: number;
  /** output columns of the scan, in order */
  readonly fields: readonly Field[];
  /** the file column name of each output column (the table's column names) */
  readonly columnNames: readonly string[];
  readonly partitionColumns: readonly string[];
  readonly partitionValues: Readonly<Record<string, Datum>>;
  readonly filter: BoundExpr | null;
  /** stop after this many (filtered) rows */
  readonly limit: number | null;
  readonly partialAggregate: PartialAggregate | null;
  readonly eval: EvalContext;
}

export interface ScanTaskResult {
  readonly batches: readonly Batch[];
  readonly partial: PartialAggregateResult | null;
  readonly rows: number;
}

/** Yields the filtered batches of one file. */
export async function* scanFile(task: ScanTask): AsyncGenerator<Batch> {
  const store = openObjectStore(task.store);
  const reader = await ParquetReader.open(store, task.path, { size: task.size });
  try {
    const pred = task.filter ? compilePredicate(task.filter, task.fields.map((f) => f.type), task.eval) : null;
    const fileCols = new Set(reader.meta.columnNames);
    const readIdx = task.columnNames.map((n, i) => (!task.partitionColumns.includes(n) && fileCols.has(n) ? i : -1)).filter((i) => i >= 0);
    const readNames = readIdx.map((i) => task.columnNames[i]!);
    const readFields = readIdx.map((i) => ({ ...task.fields[i]!, name: task.columnNames[i]! }));
    let produced = 0;
    for (let rg = 0; rg < reader.meta.rowGroups.length; rg++) {
      const rows = reader.meta.rowGroups[rg]!.numRows;
      let read: Batch | null = null;
      if (readNames.length > 0) read = batchFromArrow(await reader.readRowGroup(rg, readNames), readFields, { missingAsNull: true });
      const n = read?.length ?? rows;
      const columns: Vector[] = task.fields.map((f, i) => {
        const name = task.columnNames[i]!;
        const r = readIdx.indexOf(i);
        if (r >= 0) return read!.columns[r]!;
        // partition column (or a column the file lacks): constant / NULL
        return constantVector(f.type, task.partitionColumns.includes(name) ? (task.partitionValues[name] ?? null) : null, n);
      });
      let batch: Batch = { length: n, columns };
      if (pred) {
        const { sel, count } = pred.select(batch);
        if (count === 0) continue;
        if (count < n) batch = takeBatch(batch, sel, count);
      }
      if (task.limit !== null && produced + batch.length > task.limit) batch = takeBatch(batch, Array.from({ length: task.limit - produced }, (_, i) => i));
      produced += batch.length;
      if (batch.length > 0) yield batch;
      if (task.limit !== null && produced >= task.limit) return;
    }
  } finally {
    reader.close();
  }
}

export async function runScanTask(task: ScanTask): Promise<ScanTaskResult> {
  if (task.partialAggregate) {
    const pa = task.partialAggregate;
    const state = new AggregateState(pa.groupKeys, pa.aggregates, task.fields.map((f) => f.type), task.eval);
    let rows = 0;
    for await (const b of scanFile(task)) {
      state.update(b);
      rows += b.length;
    }
    return { batches: [], partial: state.serialize(), rows };
  }
  const batches: Batch[] = [];
  let rows = 0;
  for await (const b of scanFile(task)) {
    batches.push(b);
    rows += b.length;
  }
  return { batches, partial: null, rows };
}
