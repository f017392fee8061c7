/**
 * Delta types beyond the scalars (see the table in delta_types.ts):
 *
 * | Delta                        | SqlType                                                          |
 * |------------------------------|------------------------------------------------------------------|
 * | binary                       | bytea                                                            |
 * | array<T> (T scalar)          | T[] (containsNull kept by Delta; Pier arrays always allow NULL)  |
 * | array<array/struct/map>      | jsonb[] (each element a JSON value)                              |
 * | struct<…>                    | jsonb: an object of the fields, in schema order as jsonb sorts  |
 * | map<K,V>                     | jsonb: an object when K is string, else [{"key":…,"value":…}]    |
 * | string + {"pier.sqlType":"json"/"jsonb"} | json / jsonb                                         |
 *
 * Pier writes bytea, arrays of scalars, json and jsonb; struct and map columns are read only.
 */
import { QueryError, SQLSTATE } from '../common/errors.js';
import { type SqlType, T, arrayType, formatType } from '../common/types.js';
import type { DeltaDataType } from '../storage/delta/schema.js';

/** Column metadata key marking a Delta `string` column as json/jsonb. */
export const PIER_SQL_TYPE_KEY = 'pier.sqlType';

export function jsonTypeFromMetadata(metadata: Readonly<Record<string, unknown>>): SqlType | null {
  const v = metadata[PIER_SQL_TYPE_KEY];
  if (v === 'json') return T.json;
  if (v === 'jsonb') return T.jsonb;
  return null;
}

/** Delta type of an array's element, or 0A000 for element types Delta cannot hold. */
export function deltaArrayOf(element: SqlType, scalarToDelta: (t: SqlType) => DeltaDataType): DeltaDataType {
  if (element.kind === 'interval' || element.kind === 'unknown' || element.kind === 'array') {
    throw new QueryError(SQLSTATE.feature_not_supported, `type ${formatType(arrayType(element))} cannot be stored in a Delta table`);
  }
  return { type: 'array', elementType: scalarToDelta(element), containsNull: true };
}

/** SqlType of a non-string Delta type (array / struct / map); `scalar` maps primitive names. */
export function nestedDeltaTypeToSql(type: Exclude<DeltaDataType, string>, scalar: (t: string) => SqlType): SqlType {
  switch (type.type) {
    case 'struct': case 'map': return T.jsonb;
    case 'array': {
      const el = type.elementType;
      if (typeof el !== 'string') return arrayType(T.jsonb);
      return arrayType(scalar(el));
    }
  }
}

const PHYSICAL_NAME_KEY = 'delta.columnMapping.physicalName';

/**
 * Column mapping: physical → logical names of the fields nested in struct / array / map columns (struct
 * values read as jsonb get their logical keys); empty when no nested field is renamed.
 */
export function nestedFieldNames(schema: { readonly fields: readonly { readonly type: DeltaDataType }[] }): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (t: DeltaDataType): void => {
    if (typeof t === 'string') return;
    switch (t.type) {
      case 'struct':
        for (const f of t.fields) {
          const p = f.metadata[PHYSICAL_NAME_KEY];
          if (typeof p === 'string' && p !== f.name) out[p] = f.name;
          walk(f.type);
        }
        return;
      case 'array': walk(t.elementType); return;
      case 'map': walk(t.keyType); walk(t.valueType); return;
    }
  };
  for (const f of schema.fields) walk(f.type);
  return out;
}

/** Delta types Pier reads as jsonb but cannot write back (struct, map, arrays of nested values). */
function readOnlyType(t: DeltaDataType): string | null {
  if (typeof t === 'string') return null;
  if (t.type === 'array') return typeof t.elementType === 'string' ? null : `array<${t.elementType.type}>`;
  return t.type;
}

/** 0A000 when a write would have to store a struct / map column (Pier reads those as jsonb, read only). */
export function assertWritableSchema(schema: { readonly fields: readonly { readonly name: string; readonly type: DeltaDataType }[] }, table: string): void {
  for (const f of schema.fields) {
    const t = readOnlyType(f.type);
    if (t !== null) {
      throw new QueryError(SQLSTATE.feature_not_supported, `cannot write to table "${table}": column "${f.name}" has Delta type ${t}, which Pier reads as jsonb but does not write`);
    }
  }
}

/** 0A000 for partition columns of types Delta partition values cannot hold (bytea, json, jsonb, arrays). */
export function assertPartitionable(fields: readonly { readonly name: string; readonly type: SqlType }[], columns: readonly string[]): void {
  for (const c of columns) {
    const t = fields.find((f) => f.name === c)?.type;
    if (t !== undefined && (t.kind === 'bytea' || t.kind === 'json' || t.kind === 'jsonb' || t.kind === 'array')) {
      throw new QueryError(SQLSTATE.feature_not_supported, `cannot partition by column "${c}" of type ${formatType(t)}`);
    }
  }
}
