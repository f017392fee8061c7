/**
 * Conformance comparisons: rows from the wire (PostgreSQL text format, by column type OID) and rows of the
 * expected Parquet files (read with Pier's Parquet reader into Arrow) normalised to one canonical string per
 * value, so that e.g. `1.50` (numeric text) and Decimal(…, 2) 150 compare equal, timestamps compare as µs.
 */
import { type DataType, type Table, Type } from 'apache-arrow';
import type pg from 'pg';
import { readParquetTables } from '../../../storage/parquet/read.js';
import { LocalObjectStore } from '../../../storage/object_store/local.js';
import { canonicalNestedArrow, canonicalNestedWire, isNestedArrowType, isNestedOid } from './nested.js';

/** "-001.500" → "-1.5"; "3.000" → "3". */
export function canonicalDecimal(text: string): string {
  let t = text.trim();
  let neg = false;
  if (t.startsWith('-')) { neg = true; t = t.slice(1); } else if (t.startsWith('+')) t = t.slice(1);
  let [int = '', frac = ''] = t.split('.');
  int = int.replace(/^0+/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const out = frac === '' ? int : `${int}.${frac}`;
  return neg && out !== '0' ? `-${out}` : out;
}

function canonicalFloat(x: number, single: boolean): string {
  const v = single ? Math.fround(x) : x;
  return Object.is(v, -0) ? '0' : String(v);
}

const DAY_MS = 86_400_000;

function daysOf(text: string): string {
  const m = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/.exec(text.trim());
  if (m === null) return `date?${text}`;
  const year = m[4] ? 1 - Number(m[1]) : Number(m[1]);
  const d = new Date(0);
  d.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  return String(Math.round(d.getTime() / DAY_MS));
}

/** PostgreSQL timestamp[tz] text → µs since epoch (UTC). */
export function microsOf(text: string): string {
  const m = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?( BC)?$/.exec(text.trim());
  if (m === null) return `ts?${text}`;
  const year = m[9] ? 1 - Number(m[1]) : Number(m[1]);
  const d = new Date(0);
  d.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
  let micros = BigInt(d.getTime()) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
  if (m[8] !== undefined) {
    const sign = m[8][0] === '-' ? -1n : 1n;
    const parts = m[8].slice(1).split(':');
    const digits = parts.length > 1 ? parts : [m[8].slice(1, 3), m[8].slice(3, 5), m[8].slice(5, 7)];
    const secs = BigInt(Number(digits[0] || 0) * 3600 + Number(digits[1] || 0) * 60 + Number(digits[2] || 0));
    micros -= sign * secs * 1_000_000n;
  }
  return String(micros);
}

/** One wire value (text) of a column of type `oid` → canonical string. */
export function canonicalWire(value: string | null, oid: number): string | null {
  if (value === null) return null;
  switch (oid) {
    case 16: return value === 't' ? 'true' : 'false';
    case 20: case 21: case 23: case 1700: return canonicalDecimal(value);
    case 700: return canonicalFloat(Number(value), true);
    case 701: return canonicalFloat(Number(value), false);
    case 1082: return daysOf(value);
    case 1114: case 1184: return microsOf(value);
    default: return isNestedOid(oid) ? canonicalNestedWire(value, oid, canonicalWire, microsOf) : value;
  }
}

export function canonicalWireRows(res: pg.QueryResult): (string | null)[][] {
  const oids = res.fields.map((f) => f.dataTypeID);
  return res.rows.map((r: unknown[]) => r.map((v, i) => canonicalWire(v as string | null, oids[i]!)));
}

function bigFromWords(words: Uint32Array, at: number, n: number): bigint {
  let v = 0n;
  for (let k = n - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[at + k]!);
  const bits = BigInt(32 * n);
  return v >= 1n << (bits - 1n) ? v - (1n << bits) : v;
}

function decimalText(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let s = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  if (scale > 0) s = `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
  return canonicalDecimal(neg ? `-${s}` : s);
}

const UNIT_TO_MICROS = [1_000_000n, 1000n, 1n, 0n]; // SECOND, MILLISECOND, MICROSECOND, NANOSECOND (÷1000)

/**
 * Canonical strings of the rows of Arrow tables (columns in table order); `keep` (given the first column's raw
 * value) selects a sample of big tables before the slower per-value conversion.
 */
export function canonicalArrowRows(tables: readonly Table[], keep?: (first: unknown) => boolean): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (const t of tables) {
    const cols = t.schema.fields.map((f, i) => ({ f, v: t.getChildAt(i)! }));
    for (let r = 0; r < t.numRows; r++) {
      if (keep !== undefined && !keep(cols[0]!.v.get(r))) continue;
      out.push(cols.map(({ f, v }) => {
        const x: unknown = v.get(r);
        if (x === null || x === undefined) return null;
        const type = f.type as { typeId: Type; scale?: number; unit?: number; bitWidth?: number; precision?: number };
        if (isNestedArrowType(f.type)) return canonicalNestedArrow(x, f.type, arrowElement, (w, s) => decimalText(bigFromWords(w, 0, w.length), s));
        switch (type.typeId) {
          case Type.Bool: return x ? 'true' : 'false';
          case Type.Int: return String(x);
          case Type.Float: return canonicalFloat(Number(x), type.precision === 1);
          case Type.Decimal: {
            const words = x as Uint32Array;
            return decimalText(bigFromWords(words, 0, words.length), type.scale ?? 0);
          }
          case Type.Date: return String(Math.round((x instanceof Date ? x.getTime() : Number(x)) / DAY_MS));
          case Type.Timestamp: {
            // read the raw 64-bit value: get() rounds to ms
            const data = v.data.find((_, k) => k === 0)!;
            let offset = r;
            let chunk = data;
            for (const d of v.data) { if (offset < d.length) { chunk = d; break; } offset -= d.length; }
            const raw = (chunk.values as BigInt64Array)[chunk.offset + offset]!;
            const unit = type.unit ?? 2;
            return String(unit === 3 ? raw / 1000n : raw * UNIT_TO_MICROS[unit]!);
          }
          case Type.Utf8: case Type.LargeUtf8: return String(x);
          default: return `unsupported-arrow-type:${String(type.typeId)}`;
        }
      }));
    }
  }
  return out;
}

/** A scalar element of an Arrow list (as Vector.get returns it) → the canonical string of a column of its type. */
function arrowElement(x: unknown, dt: DataType): string | null {
  const type = dt as { typeId: Type; scale?: number; unit?: number; precision?: number };
  switch (type.typeId) {
    case Type.Bool: return x ? 'true' : 'false';
    case Type.Int: return String(x);
    case Type.Float: return canonicalFloat(Number(x), type.precision === 1);
    case Type.Decimal: { const words = x as Uint32Array; return decimalText(bigFromWords(words, 0, words.length), type.scale ?? 0); }
    case Type.Date: return String(Math.round((x instanceof Date ? x.getTime() : Number(x)) / DAY_MS));
    // list elements come back from Vector.get in milliseconds
    case Type.Timestamp: return String(BigInt(Math.round(Number(x))) * 1000n);
    case Type.Utf8: case Type.LargeUtf8: return String(x);
    case Type.Binary: case Type.LargeBinary: case Type.FixedSizeBinary: return canonicalNestedArrow(x, dt, arrowElement, (w, s) => decimalText(bigFromWords(w, 0, w.length), s));
    default: return `unsupported-arrow-type:${String(type.typeId)}`;
  }
}

/** The Arrow tables (row groups) of every `*.parquet` file of a folder. */
export async function expectedTables(dir: string, files: readonly string[]): Promise<Table[]> {
  const store = new LocalObjectStore(dir);
  const out: Table[] = [];
  for (const f of files) out.push(...(await readParquetTables(store, f)));
  return out;
}

/** Rows of every `*.parquet` file of a folder, canonical. */
export async function expectedRows(dir: string, files: readonly string[]): Promise<(string | null)[][]> {
  return canonicalArrowRows(await expectedTables(dir, files));
}

/** Rows as sorted JSON lines (a multiset comparison). */
export function sortedRows(rows: readonly (readonly (string | null)[])[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}
