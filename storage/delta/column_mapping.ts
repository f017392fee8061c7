/**
 * Column mapping on the read side (PROTOCOL.md "Column Mapping"): with `delta.columnMapping.mode` `name` or
 * `id`, each top-level field's data lives in the Parquet column named by its `delta.columnMapping.physicalName`
 * (Spark writes that name in both modes, plus the field id in `id` mode), and add.partitionValues and stats are
 * keyed by physical names. Mode `none`: physical name = logical name.
 */
import { columnMappingMode, fieldId, physicalName } from './column_mapping_write.js';
import type { DeltaStructType } from './schema.js';

/** The physical name of each top-level field of `schema` (its logical name when mapping is off). */
export function physicalColumnNames(schema: DeltaStructType, configuration: Readonly<Record<string, string>>): string[] {
  if (columnMappingMode(configuration) === 'none') return schema.fields.map((f) => f.name);
  return schema.fields.map(physicalName);
}

/** In `id` mode, the field id of each top-level field (null when absent); null in other modes. */
export function columnFieldIds(schema: DeltaStructType, configuration: Readonly<Record<string, string>>): (number | null)[] | null {
  if (columnMappingMode(configuration) !== 'id') return null;
  return schema.fields.map(fieldId);
}
