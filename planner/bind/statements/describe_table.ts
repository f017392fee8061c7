/** DESCRIBE [TABLE] t: one row per column (col_name, data_type, comment), types named as Databricks does. */
import type { Datum } from '../../../common/datum.js';
import { T, type Field } from '../../../common/types.js';
import type { ObjectStore } from '../../../storage/object_store/store.js';
import { loadSnapshot } from '../../../storage/delta/snapshot.js';
import type { DeltaDataType } from '../../../storage/delta/schema.js';
import { field } from './describe_rows.js';

export const TABLE_FIELDS: readonly Field[] = [field('col_name', T.text), field('data_type', T.text), field('comment', T.text)];

function typeName(t: DeltaDataType): string {
  if (typeof t === 'string') {
    const names: Record<string, string> = { integer: 'int', long: 'bigint', short: 'smallint', byte: 'tinyint' };
    return names[t] ?? t;
  }
  switch (t.type) {
    case 'array': return `array<${typeName(t.elementType)}>`;
    case 'map': return `map<${typeName(t.keyType)},${typeName(t.valueType)}>`;
    case 'struct': return `struct<${t.fields.map((f) => `${f.name}:${typeName(f.type)}`).join(',')}>`;
  }
}

export async function describeTable(store: ObjectStore, path: string): Promise<Datum[][]> {
  const snap = await loadSnapshot(store, path);
  const rows: Datum[][] = snap.schema.fields.map((f) => {
    const c = f.metadata?.['comment'];
    const charVarchar = f.metadata?.['__CHAR_VARCHAR_TYPE_STRING'];
    return [f.name, typeof charVarchar === 'string' ? charVarchar : typeName(f.type), typeof c === 'string' ? c : null];
  });
  if (snap.partitionColumns.length > 0) {
    rows.push(['# Partition Information', '', ''], ['# col_name', 'data_type', 'comment']);
    for (const p of snap.partitionColumns) {
      const f = snap.schema.fields.find((x) => x.name === p);
      const cv = f?.metadata?.['__CHAR_VARCHAR_TYPE_STRING'];
      if (f !== undefined) rows.push([f.name, typeof cv === 'string' ? cv : typeName(f.type), null]);
    }
  }
  return rows;
}
