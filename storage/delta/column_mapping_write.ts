/**
 * Column mapping on the write side (Delta PROTOCOL.md, "Column Mapping"): with `delta.columnMapping.mode` `name`
 * or `id`, data files name their columns by each field's `delta.columnMapping.physicalName` and carry its
 * `delta.columnMapping.id` as the Parquet field id; partition values and stats are keyed by physical names too.
 * Metadata helpers used by ALTER TABLE (turning mapping on, assigning ids and physical names to new fields).
 */
import { randomUUID } from 'node:crypto';
import { Field as ArrowField, RecordBatch, Schema, Struct, Table, makeData } from 'apache-arrow';
import type { DeltaStructField, DeltaStructType } from './schema.js';

export const COLUMN_MAPPING_MODE = 'delta.columnMapping.mode';
export const COLUMN_MAPPING_MAX_ID = 'delta.columnMapping.maxColumnId';
export const COLUMN_MAPPING_ID = 'delta.columnMapping.id';
export const COLUMN_MAPPING_PHYSICAL_NAME = 'delta.columnMapping.physicalName';
/** The Arrow field metadata key the Parquet writer turns into a field id. */
export const PARQUET_FIELD_ID = 'PARQUET:field_id';

export type ColumnMappingMode = 'none' | 'name' | 'id';

export function columnMappingMode(configuration: Readonly<Record<string, string>>): ColumnMappingMode {
  const m = (configuration[COLUMN_MAPPING_MODE] ?? 'none').toLowerCase();
  return m === 'name' || m === 'id' ? m : 'none';
}

/** A field's physical name: its mapping metadata, else its logical name. */
export function physicalName(f: DeltaStructField): string {
  const p = f.metadata[COLUMN_MAPPING_PHYSICAL_NAME];
  return typeof p === 'string' && p.length > 0 ? p : f.name;
}

export function fieldId(f: DeltaStructField): number | null {
  const id = f.metadata[COLUMN_MAPPING_ID];
  return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null;
}

/** How a table's logical columns become the columns of its data files. */
export interface PhysicalLayout {
  /** partition columns by physical name (the keys of add.partitionValues) */
  readonly partitionColumns: readonly string[];
  /** rename the columns of an Arrow table in logical column order to physical names, with field ids */
  toPhysical(table: Table): Table;
}

/** null when the table does not use column mapping (files use the logical names). */
export function physicalLayout(schema: DeltaStructType, configuration: Readonly<Record<string, string>>, partitionColumns: readonly string[]): PhysicalLayout | null {
  if (columnMappingMode(configuration) === 'none') return null;
  const byLogical = new Map(schema.fields.map((f) => [f.name, f]));
  const physOf = (name: string): string => {
    const f = byLogical.get(name);
    return f === undefined ? name : physicalName(f);
  };
  return {
    partitionColumns: partitionColumns.map(physOf),
    toPhysical(table: Table): Table {
      const fields = table.schema.fields.map((af) => {
        const f = byLogical.get(af.name);
        const meta = new Map(af.metadata);
        const id = f === undefined ? null : fieldId(f);
        if (id !== null) meta.set(PARQUET_FIELD_ID, String(id));
        return new ArrowField(physOf(af.name), af.type, af.nullable, meta);
      });
      const schemaOut = new Schema(fields, table.schema.metadata);
      const batches = table.batches.map((b) => new RecordBatch(schemaOut, makeData({
        type: new Struct(fields), length: b.numRows, nullCount: 0, children: b.data.children,
      })));
      return new Table(schemaOut, batches);
    },
  };
}

/** A fresh physical name for a column added under column mapping (Spark's form). */
export function newPhysicalName(): string {
  return `col-${randomUUID()}`;
}

/**
 * The schema and configuration with column mapping mode `name` turned on: every field gets an id (1, 2, …)
 * and keeps its current name as its physical name (existing data files stay readable as they are).
 */
export function enableColumnMapping(schema: DeltaStructType, configuration: Readonly<Record<string, string>>): { schema: DeltaStructType; configuration: Record<string, string> } {
  let next = 0;
  const fields = schema.fields.map((f): DeltaStructField => ({
    ...f,
    metadata: { ...f.metadata, [COLUMN_MAPPING_ID]: ++next, [COLUMN_MAPPING_PHYSICAL_NAME]: f.name },
  }));
  return {
    schema: { type: 'struct', fields },
    configuration: { ...configuration, [COLUMN_MAPPING_MODE]: 'name', [COLUMN_MAPPING_MAX_ID]: String(next) },
  };
}

/** Give a new field its mapping metadata (next id, fresh physical name); returns the field and the new max id. */
export function assignColumnMapping(f: DeltaStructField, configuration: Readonly<Record<string, string>>): { field: DeltaStructField; maxColumnId: number } {
  const maxColumnId = Number(configuration[COLUMN_MAPPING_MAX_ID] ?? '0') + 1;
  return {
    field: { ...f, metadata: { ...f.metadata, [COLUMN_MAPPING_ID]: maxColumnId, [COLUMN_MAPPING_PHYSICAL_NAME]: newPhysicalName() } },
    maxColumnId,
  };
}

/**
 * A new table whose properties ask for column mapping (`delta.columnMapping.mode` name or id): its fields get
 * ids and physical names (their names) and maxColumnId is set; other tables are returned as they are.
 */
export function newTableColumnMapping(schema: DeltaStructType, configuration: Readonly<Record<string, string>>): { schema: DeltaStructType; configuration: Readonly<Record<string, string>> } {
  const mode = columnMappingMode(configuration);
  if (mode === 'none' || schema.fields.every((f) => fieldId(f) !== null)) return { schema, configuration };
  const on = enableColumnMapping(schema, configuration);
  return { schema: on.schema, configuration: { ...on.configuration, [COLUMN_MAPPING_MODE]: configuration[COLUMN_MAPPING_MODE]! } };
}
