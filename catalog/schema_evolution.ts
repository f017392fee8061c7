/**
 * Schema evolution rules for Delta tables: which column type changes the protocol's typeWidening feature
 * allows, the `delta.typeChanges` field metadata that records them, and the table properties that let INSERT
 * add columns (`mergeSchema`, Spark's `delta.schema.autoMerge.enabled`).
 */
import type { Field } from '../common/types.js';
import type { Metadata } from '../storage/delta/actions.js';
import type { DeltaDataType, DeltaStructField, DeltaStructType } from '../storage/delta/schema.js';
import { parseDecimalType, schemaToString } from '../storage/delta/schema.js';
import type { DeltaSnapshot } from '../storage/delta/snapshot.js';
import { COLUMN_MAPPING_MAX_ID, assignColumnMapping, columnMappingMode } from '../storage/delta/column_mapping_write.js';
import { CHAR_VARCHAR_KEY, fieldToDelta } from './delta_types.js';

export const TYPE_CHANGES_KEY = 'delta.typeChanges';
export const ENABLE_TYPE_WIDENING = 'delta.enableTypeWidening';
export const MERGE_SCHEMA_PROPERTIES = ['mergeSchema', 'delta.schema.autoMerge.enabled', 'delta.autoMerge.enabled'] as const;

/** True when INSERT may add the columns it names that the table lacks. */
export function mergeSchemaEnabled(configuration: Readonly<Record<string, string>>): boolean {
  return MERGE_SCHEMA_PROPERTIES.some((k) => (configuration[k] ?? '').toLowerCase() === 'true');
}

const INTEGRAL_DIGITS: Readonly<Record<string, number>> = { byte: 3, short: 5, integer: 10, long: 20 };
const INTEGRAL_ORDER = ['byte', 'short', 'integer', 'long'];

export type TypeChange =
  /** same physical type: nothing to do */
  | { readonly kind: 'same' }
  /** only the column metadata changes (varchar(n) → varchar(m ≥ n) / text) */
  | { readonly kind: 'metadata' }
  /** a widening under the typeWidening feature */
  | { readonly kind: 'widening' }
  | { readonly kind: 'unsupported' };

/** Classify changing a column from (fromType, fromMeta) to (toType, toMeta). */
export function classifyTypeChange(from: DeltaDataType, fromMeta: Readonly<Record<string, unknown>>, to: DeltaDataType, toMeta: Readonly<Record<string, unknown>>): TypeChange {
  if (typeof from !== 'string' || typeof to !== 'string') return { kind: 'unsupported' };
  if (from === to) {
    if (from !== 'string') return { kind: 'same' };
    const a = charLength(fromMeta);
    const b = charLength(toMeta);
    if (a === b) return { kind: 'same' };
    if (b === null) return { kind: 'metadata' };
    if (a !== null && a.kind === 'varchar' && b.kind === 'varchar' && b.length >= a.length) return { kind: 'metadata' };
    return { kind: 'unsupported' };
  }
  const fi = INTEGRAL_ORDER.indexOf(from);
  const ti = INTEGRAL_ORDER.indexOf(to);
  if (fi >= 0 && ti > fi) return { kind: 'widening' };
  if (from === 'float' && to === 'double') return { kind: 'widening' };
  if (['byte', 'short', 'integer'].includes(from) && to === 'double') return { kind: 'widening' };
  if (from === 'date' && to === 'timestamp_ntz') return { kind: 'widening' };
  const td = parseDecimalType(to);
  if (td !== null) {
    const fd = parseDecimalType(from);
    if (fd !== null) {
      const k1 = td.precision - fd.precision;
      const k2 = td.scale - fd.scale;
      return k2 >= 0 && k1 >= k2 ? { kind: 'widening' } : { kind: 'unsupported' };
    }
    const digits = INTEGRAL_DIGITS[from];
    if (digits !== undefined && td.precision - td.scale >= digits) return { kind: 'widening' };
  }
  return { kind: 'unsupported' };
}

function charLength(meta: Readonly<Record<string, unknown>>): { kind: 'varchar' | 'char'; length: number } | null {
  const v = meta[CHAR_VARCHAR_KEY];
  if (typeof v !== 'string') return null;
  const m = /^(varchar|char)\((\d+)\)$/i.exec(v.trim());
  return m === null ? null : { kind: m[1]!.toLowerCase() as 'varchar' | 'char', length: Number(m[2]) };
}

/** The field with its new type, recording the change in `delta.typeChanges` when it is a widening. */
export function widenField(f: DeltaStructField, to: DeltaDataType, toMeta: Readonly<Record<string, unknown>>, change: TypeChange): DeltaStructField {
  const metadata: Record<string, unknown> = { ...f.metadata };
  delete metadata[CHAR_VARCHAR_KEY];
  Object.assign(metadata, toMeta);
  if (change.kind === 'widening') {
    const prior = Array.isArray(f.metadata[TYPE_CHANGES_KEY]) ? (f.metadata[TYPE_CHANGES_KEY] as unknown[]) : [];
    metadata[TYPE_CHANGES_KEY] = [...prior, { fromType: f.type, toType: to }];
  }
  return { ...f, type: to, metadata };
}

/** The table metadata with `added` columns appended (mapping ids and physical names when column mapping is on). */
export function evolveSchema(snap: DeltaSnapshot, added: readonly Field[]): { readonly schema: DeltaStructType; readonly metadata: Metadata } {
  let configuration: Record<string, string> = { ...snap.metadata.configuration };
  const fields: DeltaStructField[] = [...snap.schema.fields];
  for (const f of added) {
    let df = fieldToDelta(f);
    if (columnMappingMode(configuration) !== 'none') {
      const m = assignColumnMapping(df, configuration);
      df = m.field;
      configuration = { ...configuration, [COLUMN_MAPPING_MAX_ID]: String(m.maxColumnId) };
    }
    fields.push(df);
  }
  const schema: DeltaStructType = { type: 'struct', fields };
  return { schema, metadata: { ...snap.metadata, schemaString: schemaToString(schema), configuration } };
}
