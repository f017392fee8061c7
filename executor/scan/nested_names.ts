/**
 * Column mapping for nested fields: struct values read as jsonb carry the Parquet (physical) field names;
 * this gives them the logical names of the Delta schema (and jsonb's key order for those names).
 */
import type { Datum } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import type { Batch, Vector } from '../../common/vector.js';
import { jsonbText, normaliseJsonb } from '../../common/values/json_format.js';
import { J, type JsonValue, parseJsonValue } from '../../common/values/json_value.js';

function rename(v: JsonValue, names: Readonly<Record<string, string>>): JsonValue {
  switch (v.k) {
    case 'obj': return J.obj(v.v.map(([k, x]) => [names[k] ?? k, rename(x, names)] as const));
    case 'arr': return J.arr(v.v.map((x) => rename(x, names)));
    default: return v;
  }
}

function renameText(s: string, names: Readonly<Record<string, string>>): string {
  return jsonbText(normaliseJsonb(rename(parseJsonValue(s, 'jsonb'), names)));
}

function renameDatum(t: SqlType, d: Datum, names: Readonly<Record<string, string>>): Datum {
  if (d === null) return null;
  if (t.kind === 'jsonb') return renameText(d as string, names);
  if (t.kind === 'array') return (d as readonly Datum[]).map((x) => renameDatum(t.element, x, names));
  return d;
}

const hasJsonb = (t: SqlType): boolean => t.kind === 'jsonb' || (t.kind === 'array' && hasJsonb(t.element));

export function renameNestedFields(b: Batch, names: Readonly<Record<string, string>> | undefined): Batch {
  if (names === undefined || !b.columns.some((c) => hasJsonb(c.type))) return b;
  return {
    length: b.length,
    columns: b.columns.map((c): Vector => {
      if (!hasJsonb(c.type)) return c;
      const data = (c.data as Datum[]).map((d, i) => (c.nulls !== null && c.nulls[i] === 1 ? d : renameDatum(c.type, d, names)));
      return { ...c, data: data as Vector['data'] };
    }),
  };
}
