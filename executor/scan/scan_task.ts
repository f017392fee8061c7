/**
 * One scan task: read one data file (row group at a time), fill partition columns, drop the rows its deletion
 * vector deletes, filter, and either return the batches or fold them into partial aggregate states. Plain data
 * in and out, so the same function runs in a worker thread (executor/worker.ts) or inline on the main thread.
 *
 * Metadata columns (contract for DML: UPDATE / DELETE / MERGE find the rows they change with them):
 * - `_pier_file` (text): the data file's store key (`DataFile.path`, the key `TableChange.removes` takes);
 * - `_pier_row` (int8): the row's 0-based position in its file, counted before deletion vectors and filters
 *   (the row index deletion vectors use).
 * How to ask: `withMetadataColumns(snapshot)` (catalog/metadata_columns.ts) returns the snapshot with the two
 * columns appended to `fields` and `metadataColumns: true`; a scan over it (ScanSource.metadataColumns, set by
 * bind_table from the snapshot) hands `metadataColumns: true` to its tasks, and then output columns whose
 * `columnNames` entry is `_pier_file` / `_pier_row` are produced here instead of read from the file. They can
 * be projected and filtered like any other column; projection push-down drops them when unused.
 *
 * Column mapping: `fileColumnNames` (when present) is the Parquet column name of each output column (the
 * physical name); `columnNames` stays the logical name (partition columns and metadata columns match on it).
 */
import { renameNestedFields } from './nested_names.js';
import type { Datum } from '../../common/datum.js';
import type { Field } from '../../common/types.js';
import type { Batch, Vector } from '../../common/vector.js';
import { constantVector, isScaledNumerics, sliceVector, takeBatch } from '../../common/vector.js';
import { isCachedVector, threadColumnCache, type CacheDrop, type ColumnCache } from '../cache/column_cache.js';
import { batchFromArrow, convertsByCopy } from '../arrow/from_arrow.js';
import { openObjectStore } from '../../storage/object_store/open.js';
import { NotFoundError, type ObjectStoreDescriptor } from '../../storage/object_store/store.js';
import { QueryError } from '../../common/errors.js';
import { ParquetReader } from '../../storage/parquet/read.js';
import type { DeletionVectorRef } from '../../storage/delta/deletion_vector.js';
import { deletedRows, keepMask } from './deleted_rows.js';
import { isMetadataColumn, metadataColumnVector } from './metadata_vectors.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { PartialAggregate } from '../../planner/physical/nodes.js';
import { compilePredicate, type EvalContext } from '../expr/compile.js';
import { AggregateState, type PartialAggregateResult } from './aggregate_state.js';
import { rowGroupMayMatch } from './row_group_filter.js';
import { emptyCounters, type ScanCounters } from './scan_stats.js';
import { probeStages, readyStage, stageOutputTypes, type JoinStage } from '../join/join_stage.js';
import { outputFields, selectOutput } from './scan_output.js';

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
  /**
   * Read only part k of `count` (contiguous, in order) of the file's row groups, so one big file is spread
   * over several tasks; absent: the whole file.
   */
  readonly split?: { readonly index: number; readonly count: number };
  /**
   * the column-chunk cache of the thread running the task: its byte budget (0 = off) and clear epoch;
   * `insert: false` reads through it (hits used, decoded chunks not kept: a task another thread owns, executor/pool/)
   */
  readonly cache?: { readonly maxBytes: number; readonly epoch: number; readonly drops?: readonly CacheDrop[]; readonly insert?: boolean };
  /** hash-join probes run on the filtered rows, in order (broadcast joins); the result is the joined rows */
  readonly stages?: readonly JoinStage[];
  /** the Parquet column name of each output column when it differs from `columnNames` (column mapping) */
  readonly fileColumnNames?: readonly string[];
  /** column mapping `id` mode: the field id of each output column, for files whose column names differ */
  readonly fileFieldIds?: readonly (number | null)[];
  /** the file's deletion vector: the rows it holds are not returned */
  readonly deletionVector?: DeletionVectorRef;
  /** `columnNames` entries `_pier_file` / `_pier_row` are metadata columns (see the header) */
  readonly metadataColumns?: boolean;
  /** column mapping: physical → logical names of fields nested in struct columns (read as jsonb) */
  readonly nestedFieldNames?: Readonly<Record<string, string>>;
  /**
   * the task returns only these of its `fields` (indexes, distinct), after filtering on all of them; its partial
   * aggregate and join stages are over these columns (scan_output.ts); absent: every field
   */
  readonly output?: readonly number[];
}

export interface ScanTaskResult {
  readonly batches: readonly Batch[];
  readonly partial: PartialAggregateResult | null;
  readonly rows: number;
  /** row groups read / skipped and cache hits / misses of this task */
  readonly counters?: ScanCounters;
}

/** Yields the filtered batches of one file (only the `output` columns when the task has them). */
export async function* scanFile(task: ScanTask, counters: ScanCounters = emptyCounters()): AsyncGenerator<Batch> {
  for await (const s of scanSelected(task, counters, null)) yield s.batch;
}

/** A filtered batch: rows sel[0..count) of `batch` (sel null: all its rows, count its length). */
interface SelectedBatch {
  readonly batch: Batch;
  readonly sel: Int32Array | null;
  readonly count: number;
}

/**
 * scanFile, except that a filter result `keepSelection(count, rows)` accepts (and no limit) is yielded as the
 * unfiltered batch plus the selection instead of being copied out (null: always copied).
 */
async function* scanSelected(task: ScanTask, counters: ScanCounters, keepSelection: ((count: number, rows: number) => boolean) | null): AsyncGenerator<SelectedBatch> {
  const store = openObjectStore(task.store);
  const fileKey = `${JSON.stringify(task.store)}|${task.path}`;
  const reader = await openDataFile(store, task, fileKey);
  try {
    const pred = task.filter ? compilePredicate(task.filter, task.fields.map((f) => f.type), task.eval) : null;
    const fileCols = new Set(reader.meta.columnNames);
    const fileNames = fileColumnsOf(task, reader.meta);
    const isMeta = (i: number): boolean => task.metadataColumns === true && isMetadataColumn(task.columnNames[i]!);
    const readIdx = task.columnNames.map((n, i) => (!isMeta(i) && !task.partitionColumns.includes(n) && fileCols.has(fileNames[i]!) ? i : -1)).filter((i) => i >= 0);
    const readNames = readIdx.map((i) => fileNames[i]!);
    const readFields = readIdx.map((i) => ({ ...task.fields[i]!, name: fileNames[i]! }));
    const cache = task.cache !== undefined && task.cache.maxBytes > 0 ? threadColumnCache : null;
    if (cache !== null) {
      cache.configure(task.cache!.maxBytes);
      cache.clearUpTo(task.cache!.epoch, task.cache!.drops);
    }
    const deleted = task.deletionVector === undefined ? null : await deletedRows(store, task.deletionVector);
    let produced = 0;
    const [first, end] = rowGroupRange(reader.meta.rowGroups.length, task.split);
    let firstRow = 0;
    for (let rg = 0; rg < first; rg++) firstRow += reader.meta.rowGroups[rg]!.numRows;
    for (let rg = first; rg < end; firstRow += reader.meta.rowGroups[rg]!.numRows, rg++) {
      const rows = reader.meta.rowGroups[rg]!.numRows;
      if (!rowGroupMayMatch(task.filter, fileNames, reader.meta.rowGroups[rg]!)) { counters.rowGroupsSkipped++; continue; }
      const keep = deleted === null ? null : keepMask(deleted, firstRow, rows);
      if (keep !== null && keep.count === 0) { counters.rowGroupsSkipped++; continue; }
      counters.rowGroupsRead++;
      let read: Batch | null = null;
      if (readNames.length > 0) read = renameNestedFields(await readColumns(reader, rg, readNames, readFields, cache, fileKey, counters, task.cache?.insert !== false), task.nestedFieldNames);
      const n = read?.length ?? rows;
      const columns: Vector[] = task.fields.map((f, i) => {
        const name = task.columnNames[i]!;
        if (isMeta(i)) return metadataColumnVector(name, task.path, firstRow, n);
        const r = readIdx.indexOf(i);
        if (r >= 0) return read!.columns[r]!;
        // partition column (or a column the file lacks): constant / NULL
        return constantVector(f.type, task.partitionColumns.includes(name) ? (task.partitionValues[name] ?? null) : null, n);
      });
      let batch: Batch = { length: n, columns };
      if (keep !== null && keep.count < n) batch = takeBatch(batch, keep.sel, keep.count);
      if (pred) {
        const { sel, count } = pred.select(batch);
        if (count === 0) continue;
        if (count < batch.length && task.limit === null && keepSelection !== null && keepSelection(count, batch.length)) {
          yield { batch: selectOutput(batch, task.output), sel, count };
          continue;
        }
        // only the output columns are copied (columns only the filter uses are dropped here: scan_output.ts)
        batch = count < batch.length ? takeBatch(selectOutput(batch, task.output), sel, count) : selectOutput(batch, task.output);
      } else batch = selectOutput(batch, task.output);
      if (task.limit !== null && produced + batch.length > task.limit) batch = takeBatch(batch, Array.from({ length: task.limit - produced }, (_, i) => i));
      produced += batch.length;
      if (batch.length > 0) yield { batch, sel: null, count: batch.length };
      if (task.limit !== null && produced >= task.limit) return;
    }
  } finally {
    reader.close();
  }
}

/** The Parquet column name of each output column: by name, else (column mapping id mode) by field id. */
function fileColumnsOf(task: ScanTask, meta: ParquetReader['meta']): readonly string[] {
  const names = task.fileColumnNames ?? task.columnNames;
  const ids = task.fileFieldIds;
  if (ids === undefined || meta.fieldIds === undefined) return names;
  return names.map((n, i) => {
    const id = ids[i];
    if (id === null || id === undefined || meta.columnNames.includes(n)) return n;
    const k = meta.fieldIds!.indexOf(id);
    return k >= 0 ? meta.columnNames[k]! : n;
  });
}

/** Open the task's data file; a missing one is named in the error (a table whose files were removed by hand). */
async function openDataFile(store: ReturnType<typeof openObjectStore>, task: ScanTask, fileKey: string): Promise<ParquetReader> {
  try {
    return await ParquetReader.open(store, task.path, { size: task.size, cacheKey: fileKey });
  } catch (e) {
    if (e instanceof NotFoundError) throw new QueryError('58P01', `data file "${task.path}" of the table is missing`, { cause: e });
    throw e;
  }
}

/** Decode the columns of row group `rg` (from the cache where it has them; what is decoded goes into it). */
async function readColumns(reader: ParquetReader, rg: number, names: readonly string[], fields: readonly Field[], cache: ColumnCache | null, fileKey: string, counters: ScanCounters, insert = true): Promise<Batch> {
  if (cache === null) return decode(reader, rg, names, fields);
  const keys = fields.map((f, i) => `${fileKey}|${rg}|${names[i]!}|${JSON.stringify(f.type)}`);
  const cols: (Vector | undefined)[] = keys.map((k) => cache.get(k));
  const missing = cols.flatMap((c, i) => (c === undefined ? [i] : []));
  counters.cacheHits += cols.length - missing.length;
  counters.cacheMisses += missing.length;
  if (missing.length > 0) {
    const b = await decode(reader, rg, missing.map((i) => names[i]!), missing.map((i) => fields[i]!));
    missing.forEach((i, j) => {
      cols[i] = b.columns[j]!;
      if (insert) cache.set(keys[i]!, b.columns[j]!);
    });
  }
  return { length: reader.meta.rowGroups[rg]!.numRows, columns: cols as Vector[] };
}

/** Decode columns of row group `rg` straight out of the decoder's memory where the conversion copies anyway. */
function decode(reader: ParquetReader, rg: number, names: readonly string[], fields: readonly Field[]): Promise<Batch> {
  return reader.readRowGroupWith(rg, names, (t) => batchFromArrow(t, fields, { missingAsNull: true }), convertsByCopy(fields));
}

/** A batch whose typed arrays may be transferred to another thread (cached vectors are copied). */
function unshared(b: Batch): Batch {
  if (!b.columns.some(isCachedVector)) return b;
  return {
    length: b.length,
    columns: b.columns.map((c) => (isCachedVector(c) && (ArrayBuffer.isView(c.data) || isScaledNumerics(c.data) || c.nulls !== null) ? sliceVector(c, 0, c.length) : c)),
  };
}

/** Row groups [first, end) of part `split.index` of `split.count` of a file with `n` row groups. */
export function rowGroupRange(n: number, split: ScanTask['split']): [number, number] {
  if (split === undefined || split.count <= 1) return [0, n];
  return [Math.floor((split.index * n) / split.count), Math.floor(((split.index + 1) * n) / split.count)];
}

/**
 * Fraction of a batch's rows at or above which a partial aggregate reads the filter's selection instead of the
 * rows copied out (measured on q01-like aggregates over 120K-row batches: the selection wins from about 1% kept)
 */
const SELECTION_MIN_FRACTION = 0.05;
function keepsMost(count: number, rows: number): boolean {
  return count >= rows * SELECTION_MIN_FRACTION;
}

export async function runScanTask(task: ScanTask): Promise<ScanTaskResult> {
  if (task.partialAggregate) {
    const pa = task.partialAggregate;
    // with join stages the aggregate folds the joined rows (partial aggregation above broadcast joins)
    const joins = task.stages !== undefined && task.stages.length > 0 ? task.stages.map((st) => readyStage(st, task.eval)) : null;
    const input = joins === null ? outputFields(task.fields, task.output).map((f) => f.type) : stageOutputTypes(task.stages![task.stages!.length - 1]!);
    const state = new AggregateState(pa.groupKeys, pa.aggregates, input, task.eval);
    let rows = 0;
    const counters = emptyCounters();
    // without join stages, a filter keeping most rows hands its selection to the aggregate (no copy)
    for await (const s of scanSelected(task, counters, joins === null ? keepsMost : null)) {
      const b = s.batch;
      if (joins === null) {
        if (s.sel === null) state.update(b);
        else state.updateSelected(b, s.sel, s.count);
        rows += s.count;
        continue;
      }
      for (const j of probeStages(joins, b)) {
        state.update(j);
        rows += j.length;
      }
    }
    return { batches: [], partial: state.serialize(), rows, counters };
  }
  const batches: Batch[] = [];
  let rows = 0;
  const counters = emptyCounters();
  const stages = task.stages !== undefined && task.stages.length > 0 ? task.stages.map((st) => readyStage(st, task.eval)) : null;
  for await (const b of scanFile(task, counters)) {
    if (stages === null) {
      batches.push(unshared(b));
      rows += b.length;
      continue;
    }
    for (const j of probeStages(stages, b)) {
      batches.push(unshared(j));
      rows += j.length;
    }
  }
  return { batches, partial: null, rows, counters };
}
