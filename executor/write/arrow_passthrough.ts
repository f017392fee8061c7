/**
 * The fastest CREATE TABLE AS: when a scan task has no filter, reads only file columns, and the file's Arrow
 * types are exactly the ones the table's columns are written as, a row group goes from the Parquet reader to
 * the Parquet writer as Arrow data, never becoming JS values (a Decimal128 column of precision ≤ 18 is narrowed
 * to the Decimal64 Pier writes). Anything else (a filter, a cast, a dictionary or large-string column, partition
 * columns) returns null and the task takes the general path.
 */
import { type Data, type DataType, type Decimal, RecordBatch, Schema, Struct, Table, Type, Field as ArrowField, makeData } from 'apache-arrow';
import type { Field } from '../../common/types.js';
import { ParquetReader } from '../../storage/parquet/read.js';
import { openObjectStore } from '../../storage/object_store/open.js';
import { arrowTypeFor, decimal64Words } from '../arrow/to_arrow.js';
import { rebasedValidity } from '../../storage/arrow/values.js';
import { rowGroupRange, type ScanTask } from '../scan/scan_task.js';

function sameType(a: DataType, b: DataType): boolean {
  // String() of a decimal type leaves out its bit width
  return a.typeId === b.typeId && String(a) === String(b) && (a.typeId !== Type.Decimal || (a as Decimal).bitWidth === (b as Decimal).bitWidth);
}

/** A column chunk as the target type: itself, a Decimal128 narrowed to the Decimal64 of the same precision and scale, or null. */
function asTarget(data: Data, target: DataType): Data | null {
  const t = data.type as DataType;
  if (sameType(t, target)) return data;
  if (t.typeId !== Type.Decimal || target.typeId !== Type.Decimal) return null;
  const from = t as Decimal, to = target as Decimal;
  if (from.bitWidth !== 128 || to.bitWidth !== 64 || from.scale !== to.scale || from.precision !== to.precision) return null;
  // arrow-js slices `values` itself; `offset` is for the bitmap
  const out = decimal64Words(data.values as unknown as Uint32Array, data.length);
  return makeData({ type: to, length: data.length, nullCount: data.nullCount, nullBitmap: rebasedValidity(data), data: out });
}

/** Target Arrow types of the fields, or null when a type cannot be written (interval, arrays). */
function targetTypes(fields: readonly Field[]): DataType[] | null {
  try {
    return fields.map((f) => arrowTypeFor(f.type));
  } catch {
    return null;
  }
}

/** Whether the task qualifies before reading anything. */
export function passthroughEligible(task: ScanTask): boolean {
  return task.filter === null && task.limit === null && task.partialAggregate === null
    && task.columnNames.every((n) => !task.partitionColumns.includes(n))
    && task.deletionVector === undefined && task.fileColumnNames === undefined && task.fileFieldIds === undefined && task.metadataColumns !== true;
}

/**
 * The task's row groups as Arrow tables with the table's schema (one per row group), or null when some
 * column's Arrow type differs from what the table's column is written as.
 */
export async function* passthroughRowGroups(task: ScanTask, fields: readonly Field[]): AsyncGenerator<Table | null> {
  const types = targetTypes(fields);
  if (types === null) { yield null; return; }
  const schema = new Schema(fields.map((f, i) => new ArrowField(f.name, types[i]!, true)));
  const reader = await ParquetReader.open(openObjectStore(task.store), task.path, { size: task.size });
  try {
    if (!task.columnNames.every((n) => reader.meta.columnNames.includes(n))) { yield null; return; }
    const [first, end] = rowGroupRange(reader.meta.rowGroups.length, task.split);
    for (let rg = first; rg < end; rg++) {
      const t = await reader.readRowGroup(rg, task.columnNames);
      const batches: RecordBatch[] = [];
      for (const rb of t.batches) {
        const children: Data[] = [];
        for (let i = 0; i < task.columnNames.length; i++) {
          const c = rb.getChild(task.columnNames[i]!);
          const d = c === null ? null : asTarget(c.data[0]!, types[i]!);
          if (d === null) { yield null; return; }
          children.push(d);
        }
        batches.push(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rb.numRows, nullCount: 0, children })));
      }
      yield batches.length === 0 ? new Table(schema) : new Table(batches);
    }
  } finally {
    reader.close();
  }
}
