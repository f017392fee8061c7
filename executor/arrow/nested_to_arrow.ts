/**
 * Arrow data for bytea (Binary), json/jsonb (Utf8) and arrays (List<element>, the Parquet 3-level list with
 * an `element` field, as Delta expects) when writing Parquet.
 */
import { type Binary, type DataType, Field as ArrowField, List, makeData } from 'apache-arrow';
import type { Datum } from '../../common/datum.js';
import type { Field, SqlType } from '../../common/types.js';
import { type Vector, vectorFromDatums } from '../../common/vector.js';

export function arrowListType(element: DataType): List {
  return new List(new ArrowField('element', element, true));
}

export function binaryData(v: Vector, type: DataType, nullBitmap: Uint8Array | undefined, nullCount: number) {
  const values = v.data as string[];
  const offsets = new Int32Array(v.length + 1);
  let total = 0;
  for (let i = 0; i < v.length; i++) {
    if (v.nulls === null || v.nulls[i] !== 1) total += (values[i] ?? '').length;
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < v.length; i++) {
    if (v.nulls !== null && v.nulls[i] === 1) continue;
    const s = values[i] ?? '';
    const o = offsets[i]!;
    for (let j = 0; j < s.length; j++) data[o + j] = s.charCodeAt(j);
  }
  return makeData({ type: type as Binary, length: v.length, nullCount, nullBitmap, valueOffsets: offsets, data });
}

type ChildData = (v: Vector, f: Field, type: DataType) => ReturnType<typeof makeData>;

export function listData(v: Vector, f: Field, type: DataType, nullBitmap: Uint8Array | undefined, nullCount: number, child: ChildData) {
  const element = (f.type as Extract<SqlType, { kind: 'array' }>).element;
  const rows = v.data as (readonly Datum[] | null)[];
  const offsets = new Int32Array(v.length + 1);
  const flat: Datum[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = v.nulls !== null && v.nulls[i] === 1 ? null : rows[i];
    if (r !== null && r !== undefined) for (const d of r) flat.push(d);
    offsets[i + 1] = flat.length;
  }
  const list = type as List;
  const childVector = vectorFromDatums(element, flat);
  const childData = child(childVector, { name: 'element', type: element, nullable: true }, list.children[0]!.type as DataType);
  return makeData({ type: list, length: v.length, nullCount, nullBitmap, valueOffsets: offsets, child: childData });
}

