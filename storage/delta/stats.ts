/**
 * add.stats: {numRecords, minValues, maxValues, nullCount} per column, computed from Arrow data the way
 * Delta writers do: strings compared by code point and truncated to 32 characters (the max is extended so it
 * stays ≥ every value), dates "2024-01-01", timestamps in ms "2024-01-01T10:00:00.000Z" (no Z for
 * timestamp_ntz), decimals as exact JSON numbers. No min/max for booleans or NaN-only float columns.
 */
import { type Table, type DataType, Type } from 'apache-arrow';
import { type ArrowScalar, type DecimalScalar, isZonedTimestamp, vectorValues } from '../arrow/values.js';
import { vectorMinMax } from '../arrow/min_max.js';

export const STRING_PREFIX_LENGTH = 32;

/** A JSON number kept as exact text (decimals, big integers). */
class RawNumber {
  constructor(readonly text: string) {}
}
type StatJson = string | number | boolean | RawNumber;

export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // surrogates (0xD800–0xDFFF) stand for code points above 0xFFFF: they sort after 0xE000–0xFFFF
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

export function truncateMin(s: string): string {
  const cps = codePoints(s);
  return cps.length <= STRING_PREFIX_LENGTH ? s : cps.slice(0, STRING_PREFIX_LENGTH).join('');
}

/** A string ≥ s of at most ~32 code points: a prefix followed by U+FFFD when that is still ≥ s. */
export function truncateMax(s: string): string {
  const cps = codePoints(s);
  if (cps.length <= STRING_PREFIX_LENGTH) return s;
  for (let k = STRING_PREFIX_LENGTH; k < cps.length; k++) {
    const candidate = cps.slice(0, k).join('') + '\uFFFD';
    if (compareCodePoints(candidate, s) >= 0) return candidate;
  }
  return s;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function formatDateDays(days: number): string {
  const d = new Date(days * 86_400_000);
  const y = d.getUTCFullYear();
  const ys = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  return `${ys}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** micros → "2024-01-01T10:00:00.000" (+ "Z" when zoned), floored to ms as Delta writes stats. */
export function formatStatsTimestamp(micros: bigint, zoned: boolean): string {
  let ms = micros / 1000n;
  if (micros < 0n && ms * 1000n !== micros) ms -= 1n;
  const d = new Date(Number(ms));
  const ys = pad(d.getUTCFullYear(), 4);
  const s = `${ys}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return zoned ? `${s}Z` : s;
}

export function formatDecimal(v: DecimalScalar): string {
  const neg = v.unscaled < 0n;
  let digits = (neg ? -v.unscaled : v.unscaled).toString();
  if (v.scale > 0) {
    digits = digits.padStart(v.scale + 1, '0');
    digits = `${digits.slice(0, digits.length - v.scale)}.${digits.slice(digits.length - v.scale)}`;
  }
  return neg ? `-${digits}` : digits;
}

function compareDecimal(a: DecimalScalar, b: DecimalScalar): number {
  // same column → same scale
  return a.unscaled < b.unscaled ? -1 : a.unscaled > b.unscaled ? 1 : 0;
}

interface ColumnStats {
  readonly min: StatJson | undefined;
  readonly max: StatJson | undefined;
  readonly nullCount: number;
}

function columnStats(type: DataType, values: readonly ArrowScalar[]): ColumnStats {
  let nullCount = 0;
  let min: ArrowScalar = null;
  let max: ArrowScalar = null;
  type Cmp = (a: unknown, b: unknown) => number;
  let cmp: Cmp | null;
  const valueType = type.typeId === Type.Dictionary ? (type as unknown as { dictionary: DataType }).dictionary : type;
  switch (valueType.typeId) {
    case Type.Int: case Type.Date:
      cmp = ((a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0)) as Cmp; break;
    case Type.Float:
      cmp = ((a: number, b: number) => a - b) as Cmp; break;
    case Type.Timestamp:
      cmp = ((a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)) as Cmp; break;
    case Type.Decimal:
      cmp = compareDecimal as Cmp; break;
    case Type.Utf8: case Type.LargeUtf8:
      cmp = compareCodePoints as Cmp; break;
    default:
      cmp = null; // booleans, binary, nested: null counts only
  }
  for (const v of values) {
    if (v === null) { nullCount++; continue; }
    if (cmp === null) continue;
    if (typeof v === 'number' && Number.isNaN(v)) continue;
    if (min === null || cmp(v, min) < 0) min = v;
    if (max === null || cmp(v, max) > 0) max = v;
  }
  if (min === null || max === null) return { min: undefined, max: undefined, nullCount };
  return { min: toStatJson(valueType, min, 'min'), max: toStatJson(valueType, max, 'max'), nullCount };
}

/** Stats straight from the Arrow buffers (storage/arrow/min_max.ts), or null for types it does not handle. */
function fastColumnStats(type: DataType, vec: Parameters<typeof vectorMinMax>[0]): ColumnStats | null {
  const m = vectorMinMax(vec);
  if (m === null) return null;
  if (m.min === null || m.max === null) return { min: undefined, max: undefined, nullCount: m.nullCount };
  return { min: toStatJson(type, m.min, 'min'), max: toStatJson(type, m.max, 'max'), nullCount: m.nullCount };
}

function toStatJson(type: DataType, v: Exclude<ArrowScalar, null>, bound: 'min' | 'max'): StatJson {
  switch (type.typeId) {
    case Type.Int:
      return typeof v === 'bigint' ? new RawNumber(v.toString()) : (v as number);
    case Type.Float: {
      const n = v as number;
      return Number.isFinite(n) ? n : new RawNumber(JSON.stringify(String(n))); // "Infinity" as a string, as Spark's JSON does
    }
    case Type.Date: return formatDateDays(v as number);
    case Type.Timestamp: return formatStatsTimestamp(v as bigint, isZonedTimestamp(type));
    case Type.Decimal: return new RawNumber(formatDecimal(v as DecimalScalar));
    case Type.Utf8: case Type.LargeUtf8: return bound === 'min' ? truncateMin(v as string) : truncateMax(v as string);
    default: return String(v);
  }
}

/** binary and nested columns: null counts only (as Delta writers do for binary; nested values have no order) */
const NULL_COUNT_ONLY = new Set<Type>([Type.Binary, Type.LargeBinary, Type.FixedSizeBinary, Type.List, Type.LargeList, Type.FixedSizeList, Type.Struct, Type.Map]);

function writeJson(v: StatJson | Record<string, unknown>): string {
  if (v instanceof RawNumber) return v.text;
  if (typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${writeJson(x as StatJson)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Stats JSON for the rows of `table`, over `columns` (default: every column of the table; callers leave out
 * partition columns).
 */
export function computeStats(table: Table, columns?: readonly string[]): string {
  const names = columns ?? table.schema.fields.map((f) => f.name);
  const minValues: Record<string, StatJson> = {};
  const maxValues: Record<string, StatJson> = {};
  const nullCount: Record<string, number> = {};
  for (const name of names) {
    const field = table.schema.fields.find((f) => f.name === name);
    const vec = table.getChild(name);
    if (field === undefined || vec === null) throw new Error(`computeStats: no column "${name}"`);
    const s = NULL_COUNT_ONLY.has(field.type.typeId)
      ? { min: undefined, max: undefined, nullCount: vec.nullCount }
      : fastColumnStats(field.type, vec) ?? columnStats(field.type, vectorValues(vec));
    nullCount[name] = s.nullCount;
    if (s.min !== undefined) minValues[name] = s.min;
    if (s.max !== undefined) maxValues[name] = s.max;
  }
  return writeJson({ numRecords: table.numRows, minValues, maxValues, nullCount } as Record<string, unknown>);
}

export interface ParsedStats {
  readonly numRecords: number;
  /** values as JSON gives them; numbers that a double cannot hold exactly are kept as their literal text */
  readonly minValues: Readonly<Record<string, unknown>>;
  readonly maxValues: Readonly<Record<string, unknown>>;
  readonly nullCount: Readonly<Record<string, unknown>>;
  readonly tightBounds?: boolean;
}

/** True when a double holds the JSON number literal `tok` without changing its value. */
function numberIsExact(tok: string): boolean {
  if (/^-?\d+$/.test(tok)) return Number.isSafeInteger(Number(tok));
  const mantissa = tok.split(/[eE]/)[0]!.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return mantissa.length <= 15;
}

const TOKEN_RE = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Parse add.stats, keeping big/exact decimal numbers as strings of their literal text. */
export function parseStats(json: string): ParsedStats {
  const quoted = json.replace(TOKEN_RE, (tok) => {
    if (tok.startsWith('"')) return tok;
    return numberIsExact(tok) ? tok : JSON.stringify(tok);
  });
  const obj = JSON.parse(quoted) as Partial<ParsedStats>;
  return {
    numRecords: Number(obj.numRecords ?? 0),
    minValues: obj.minValues ?? {},
    maxValues: obj.maxValues ?? {},
    nullCount: obj.nullCount ?? {},
    ...(obj.tightBounds !== undefined ? { tightBounds: obj.tightBounds } : {}),
  };
}
