/**
 * Conformance comparison of binary and nested values. Pier returns Delta `binary` as bytea (`\x…`), arrays of
 * scalars as PostgreSQL arrays, and struct / map / arrays of nested values as jsonb (README type table); the
 * expected Parquet holds the same values as Arrow Binary / List / Struct / Map. Both sides become one canonical
 * JSON string: arrays of scalars as arrays of the scalars' canonical strings, JSON values with numbers as
 * "n:<number>", strings as "s:<text>" (ISO timestamps as "s:ts:<µs>"), objects with sorted keys.
 */
import { type DataType, Type } from 'apache-arrow';

type Canon = null | boolean | string | Canon[] | { [k: string]: Canon };

const ARRAY_ELEMENT_OID: Readonly<Record<number, number>> = {
  1000: 16, 1005: 21, 1007: 23, 1016: 20, 1021: 700, 1022: 701, 1231: 1700, 1009: 25, 1015: 1043, 1014: 1042,
  1182: 1082, 1115: 1114, 1185: 1184, 1001: 17, 3807: 3802, 199: 114,
};

export function isNestedOid(oid: number): boolean {
  return oid === 17 || oid === 114 || oid === 3802 || ARRAY_ELEMENT_OID[oid] !== undefined;
}

const DAY_MS = 86_400_000;

function canonNum(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

function hex(bytes: Uint8Array): string {
  return '\\x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function sorted(o: Record<string, Canon>): Record<string, Canon> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------
// wire side

/** One-dimensional PostgreSQL array text → element texts (null for NULL). */
export function parsePgArray(text: string): (string | null)[] {
  if (!text.startsWith('{') || !text.endsWith('}')) throw new Error(`not an array: ${text}`);
  const body = text.slice(1, -1);
  const out: (string | null)[] = [];
  if (body === '') return out;
  let i = 0;
  while (i <= body.length) {
    let v = '';
    if (body[i] === '"') {
      i++;
      while (i < body.length && body[i] !== '"') { if (body[i] === '\\') i++; v += body[i]; i++; }
      i++;
      out.push(v);
    } else {
      while (i < body.length && body[i] !== ',') { v += body[i]; i++; }
      out.push(v === 'NULL' ? null : v);
    }
    i++; // the comma
  }
  return out;
}

function canonString(s: string, microsOf: (t: string) => string): string {
  if (/^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)?$/.test(s)) return `s:ts:${microsOf(s.replace('T', ' '))}`;
  return `s:${s}`;
}

function canonJson(v: unknown, microsOf: (t: string) => string): Canon {
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return `n:${canonNum(v)}`;
  if (typeof v === 'string') return canonString(v, microsOf);
  if (Array.isArray(v)) return v.map((x) => canonJson(x, microsOf));
  return sorted(Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, canonJson(x, microsOf)])));
}

/** A bytea / json(b) / array wire value → canonical string; `scalar` canonicalises array elements by OID. */
export function canonicalNestedWire(value: string, oid: number, scalar: (v: string, oid: number) => string | null, microsOf: (t: string) => string): string {
  if (oid === 17) return value;
  if (oid === 114 || oid === 3802) return JSON.stringify(canonJson(JSON.parse(value), microsOf));
  const el = ARRAY_ELEMENT_OID[oid]!;
  return JSON.stringify(parsePgArray(value).map((e): Canon => {
    if (e === null) return null;
    if (el === 114 || el === 3802) return canonJson(JSON.parse(e), microsOf);
    return scalar(e, el);
  }));
}

// ---------------------------------------------------------------------------------------------
// Arrow side (values as apache-arrow's Vector.get returns them)

const NESTED = new Set<Type>([Type.List, Type.FixedSizeList, Type.Struct, Type.Map]);

export function isNestedArrowType(type: DataType): boolean {
  return NESTED.has(type.typeId) || type.typeId === Type.Binary || type.typeId === Type.LargeBinary || type.typeId === Type.FixedSizeBinary;
}

function dateText(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function arrowJson(x: unknown, type: DataType, decimal: (words: Uint32Array, scale: number) => string): Canon {
  if (x === null || x === undefined) return null;
  const t = type as DataType & { children?: { name: string; type: DataType }[]; scale?: number; unit?: number };
  switch (type.typeId) {
    case Type.Bool: return Boolean(x);
    case Type.Int: return `n:${canonNum(Number(x))}`;
    case Type.Float: { const n = Number(x); return Number.isFinite(n) ? `n:${canonNum(n)}` : `s:${String(n)}`; }
    case Type.Decimal: return `n:${canonNum(Number(decimal(x as Uint32Array, t.scale ?? 0)))}`;
    case Type.Utf8: case Type.LargeUtf8: return `s:${String(x)}`;
    case Type.Date: return `s:${dateText(Math.round((x instanceof Date ? x.getTime() : Number(x)) / DAY_MS))}`;
    case Type.Timestamp: return `s:ts:${BigInt(Math.round(Number(x))) * 1000n}`;
    case Type.Binary: case Type.LargeBinary: case Type.FixedSizeBinary: return `s:${hex(x as Uint8Array)}`;
    case Type.List: case Type.FixedSizeList: {
      const child = t.children![0]!.type;
      const list = x as { length: number; get(i: number): unknown };
      return Array.from({ length: list.length }, (_, i) => arrowJson(list.get(i), child, decimal));
    }
    case Type.Struct: {
      const row = x as Record<string, unknown>;
      return sorted(Object.fromEntries(t.children!.map((c) => [c.name, arrowJson(row[c.name], c.type, decimal)])));
    }
    case Type.Map: {
      const entries = t.children![0]!.type as DataType & { children: { type: DataType }[] };
      const [kt, vt] = [entries.children[0]!.type, entries.children[1]!.type];
      const pairs = [...(x as Iterable<[unknown, unknown]>)];
      if (kt.typeId === Type.Utf8 || kt.typeId === Type.LargeUtf8) {
        return sorted(Object.fromEntries(pairs.map(([k, v]) => [String(k), arrowJson(v, vt, decimal)])));
      }
      return pairs.map(([k, v]) => sorted({ key: arrowJson(k, kt, decimal), value: arrowJson(v, vt, decimal) }));
    }
    default: return `unsupported-arrow-type:${String(type.typeId)}`;
  }
}

/**
 * An Arrow Binary / List / Struct / Map value → canonical string. `scalar` canonicalises a scalar element of a
 * list of scalars exactly as a top-level column of that type.
 */
export function canonicalNestedArrow(x: unknown, type: DataType, scalar: (x: unknown, type: DataType) => string | null, decimal: (words: Uint32Array, scale: number) => string): string {
  const t = type as DataType & { children?: { type: DataType }[] };
  if (type.typeId === Type.Binary || type.typeId === Type.LargeBinary || type.typeId === Type.FixedSizeBinary) return hex(x as Uint8Array);
  if (type.typeId === Type.List || type.typeId === Type.FixedSizeList) {
    const child = t.children![0]!.type;
    const list = x as { length: number; get(i: number): unknown };
    const nested = NESTED.has(child.typeId);
    return JSON.stringify(Array.from({ length: list.length }, (_, i): Canon => {
      const e = list.get(i);
      if (e === null || e === undefined) return null;
      return nested ? arrowJson(e, child, decimal) : scalar(e, child);
    }));
  }
  return JSON.stringify(arrowJson(x, type, decimal));
}
