/**
 * Arrow → Pier for the types beyond flat scalars: Binary → bytea byte strings, List/LargeList/FixedSizeList →
 * array datums (elements as the element type's datums), Struct / Map (and nested lists) → jsonb text.
 * Struct → JSON object of its fields; Map → object when keys are strings, else [{"key": …, "value": …}, …].
 * Scalars inside JSON: numbers as numbers (float NaN/±Infinity as strings), dates/timestamps as ISO strings
 * (`2024-01-02`, `2024-01-02T03:04:05.000006`, zoned ones with `+00:00`), binary as `\x…` strings.
 */
import { type Data, type DataType, Type } from 'apache-arrow';
import type { Datum } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { type SqlType, formatType } from '../../common/types.js';
import { formatBytea, utf8ByteString } from '../../common/values/bytea_io.js';
import { formatDate, formatTimestamp } from '../../common/values/datetime.js';
import { formatFloat8 } from '../../common/values/float_format.js';
import { jsonbText, normaliseJsonb } from '../../common/values/json_format.js';
import { J, type JsonValue } from '../../common/values/json_value.js';
import { formatNumeric, rescaleDecimal } from '../../common/values/numeric.js';
import { type ArrowScalar, dataValues, isValid, isZonedTimestamp } from '../../storage/arrow/values.js';

type Reader<T> = (i: number) => T | null;

function offsetsOf(data: Data): ArrayLike<number | bigint> {
  return data.valueOffsets as unknown as ArrayLike<number | bigint>;
}

const LIST_TYPES = new Set<Type>([Type.List, Type.LargeList, Type.FixedSizeList]);
const BINARY_TYPES = new Set<Type>([Type.Binary, Type.LargeBinary, Type.FixedSizeBinary]);

/** [start, end) of list row i in the child. */
function listBounds(data: Data): (i: number) => [number, number] {
  const type = data.type as DataType;
  if (type.typeId === Type.FixedSizeList) {
    const size = (type as unknown as { listSize: number }).listSize;
    return (i) => [(data.offset + i) * size, (data.offset + i + 1) * size];
  }
  const offs = offsetsOf(data);
  return (i) => [Number(offs[i]!), Number(offs[i + 1]!)];
}

function binaryReader(data: Data): Reader<string> {
  const type = data.type as DataType;
  const bytes = data.values as unknown as Uint8Array;
  let bounds: (i: number) => [number, number];
  if (type.typeId === Type.FixedSizeBinary) {
    const w = (type as unknown as { byteWidth: number }).byteWidth;
    bounds = (i) => [i * w, (i + 1) * w];
  } else {
    const offs = offsetsOf(data);
    bounds = (i) => [Number(offs[i]!), Number(offs[i + 1]!)];
  }
  return (i) => {
    if (!isValid(data, i)) return null;
    const [s, e] = bounds(i);
    let out = '';
    for (let j = s; j < e; j++) out += String.fromCharCode(bytes[j]!);
    return out;
  };
}

function scalarDatum(v: Exclude<ArrowScalar, null>, t: SqlType): Exclude<Datum, null> {
  switch (t.kind) {
    case 'bool': return Boolean(v);
    case 'int2': case 'int4': case 'date': case 'float4': case 'float8':
      return typeof v === 'object' ? Number(v.unscaled) / 10 ** v.scale : Number(v);
    case 'int8': case 'timestamp': case 'timestamptz': return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'numeric': {
      const d = typeof v === 'object' ? v : { unscaled: BigInt(v as number), scale: 0 };
      return t.scale === null ? { unscaled: d.unscaled, scale: d.scale } : { unscaled: rescaleDecimal(d.unscaled, d.scale, t.scale), scale: t.scale };
    }
    case 'bytea': return typeof v === 'string' ? utf8ByteString(v) : String(v);
    default: return typeof v === 'string' ? v : String(v);
  }
}

/** Reader of column values as datums of `t` for nested / binary Arrow data; null when not such data. */
export function nestedReader(data: Data, t: SqlType): Reader<Datum> | null {
  const id = (data.type as DataType).typeId;
  if (t.kind === 'bytea' && BINARY_TYPES.has(id)) return binaryReader(data);
  if (t.kind === 'array' && LIST_TYPES.has(id)) {
    const child = data.children[0]!;
    const el = t.element;
    const read = nestedReader(child, el) ?? scalarReader(child, el);
    const bounds = listBounds(data);
    return (i) => {
      if (!isValid(data, i)) return null;
      const [s, e] = bounds(i);
      const out: Datum[] = [];
      for (let j = s; j < e; j++) out.push(read(j));
      return out;
    };
  }
  if ((t.kind === 'jsonb' || t.kind === 'json') && (id === Type.Struct || id === Type.Map || LIST_TYPES.has(id))) {
    const read = jsonReader(data);
    return (i) => {
      if (!isValid(data, i)) return null;
      return jsonbText(normaliseJsonb(read(i)));
    };
  }
  return null;
}

function scalarReader(data: Data, t: SqlType): Reader<Datum> {
  const vals = dataValues(data);
  return (i) => { const v = vals[i]; return v === null || v === undefined ? null : scalarDatum(v, t); };
}

function scalarJson(v: Exclude<ArrowScalar, null>, type: DataType): JsonValue {
  switch (type.typeId) {
    case Type.Bool: return J.bool(Boolean(v));
    case Type.Int: return J.num(String(v));
    case Type.Float: {
      const n = v as number;
      return Number.isFinite(n) ? J.num(formatFloat8(n, 1)) : J.str(formatFloat8(n, 1));
    }
    case Type.Decimal: return J.num(formatNumeric(v as { unscaled: bigint; scale: number }));
    case Type.Date: return J.str(formatDate(v as number));
    case Type.Timestamp: {
      const s = formatTimestamp(v as bigint).replace(' ', 'T');
      return J.str(isZonedTimestamp(type) ? s + '+00:00' : s);
    }
    default: return J.str(String(v));
  }
}

/** JSON value of each row of any Arrow data (struct, map, list, binary, scalar). */
export function jsonReader(data: Data): (i: number) => JsonValue {
  const type = data.type as DataType;
  const id = type.typeId;
  if (id === Type.Struct) {
    const names = (type as unknown as { children: { name: string }[] }).children.map((c) => c.name);
    const kids = data.children.map((c) => jsonReader(c));
    return (i) => (isValid(data, i) ? J.obj(names.map((n, k) => [n, kids[k]!(i)] as const)) : J.null());
  }
  if (id === Type.Map) {
    const entries = data.children[0]!;
    const keyData = entries.children[0]!;
    const key = jsonReader(keyData);
    const value = jsonReader(entries.children[1]!);
    const stringKeys = (keyData.type as DataType).typeId === Type.Utf8 || (keyData.type as DataType).typeId === Type.LargeUtf8;
    const offs = offsetsOf(data);
    return (i) => {
      if (!isValid(data, i)) return J.null();
      const s = Number(offs[i]!), e = Number(offs[i + 1]!);
      const out: [string, JsonValue][] = [];
      const pairs: JsonValue[] = [];
      for (let j = s; j < e; j++) {
        const k = key(j);
        if (stringKeys && k.k === 'str') out.push([k.v, value(j)]);
        else pairs.push(J.obj([['key', k], ['value', value(j)]]));
      }
      return stringKeys ? J.obj(out) : J.arr(pairs);
    };
  }
  if (LIST_TYPES.has(id)) {
    const child = jsonReader(data.children[0]!);
    const bounds = listBounds(data);
    return (i) => {
      if (!isValid(data, i)) return J.null();
      const [s, e] = bounds(i);
      const out: JsonValue[] = [];
      for (let j = s; j < e; j++) out.push(child(j));
      return J.arr(out);
    };
  }
  if (BINARY_TYPES.has(id)) {
    const read = binaryReader(data);
    return (i) => { const b = read(i); return b === null ? J.null() : J.str(formatBytea(b)); };
  }
  if (id === Type.Null) return () => J.null();
  let vals: ArrowScalar[] | null = null;
  return (i) => {
    vals ??= dataValues(data);
    const v = vals[i];
    return v === null || v === undefined ? J.null() : scalarJson(v, type);
  };
}

export function nestedMismatch(column: string, type: DataType, t: SqlType): QueryError {
  return new QueryError(SQLSTATE.datatype_mismatch, `column "${column}" is of Arrow type ${String(type)}, which cannot be read as ${formatType(t)}`);
}
