/**
 * Min, max and NULL count of an Arrow column straight from its buffers (no per-value JS objects): for the
 * stats of every data file written. Strings are compared as UTF-8 bytes (the same order as code points) and
 * only the two winners are decoded; decimals are compared as two's complement words. Types not handled
 * here (dictionaries, half floats, date64, nested) return null: the caller falls back to reading values.
 */
import { type Data, type DataType, type Vector, TimeUnit, Type } from 'apache-arrow';
import { type ArrowScalar, decimalWordsSmall, decimalWordsToBigInt, timestampToMicros } from './values.js';

export interface MinMax {
  /** null when the column has no non-NULL (non-NaN) value, or its type has no order (booleans) */
  readonly min: ArrowScalar;
  readonly max: ArrowScalar;
  readonly nullCount: number;
}

const utf8 = new TextDecoder();

function validBits(d: Data): Uint8Array | null {
  return d.nullCount === 0 || d.nullBitmap === undefined || d.nullBitmap === null || d.nullBitmap.length === 0 ? null : d.nullBitmap;
}

function valid(bits: Uint8Array | null, offset: number, i: number): boolean {
  if (bits === null) return true;
  const j = offset + i;
  return ((bits[j >> 3]! >> (j & 7)) & 1) === 1;
}

/** Signed compare of two decimals of `n` little-endian 32-bit words each. */
function compareWords(w: Uint32Array, a: number, b: number, n: number): number {
  const ha = w[a + n - 1]! | 0, hb = w[b + n - 1]! | 0;
  if (ha !== hb) return ha < hb ? -1 : 1;
  for (let k = n - 2; k >= 0; k--) {
    const x = w[a + k]!, y = w[b + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compareBytes(bytes: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
  const n = Math.min(e1 - s1, e2 - s2);
  for (let k = 0; k < n; k++) {
    const x = bytes[s1 + k]!, y = bytes[s2 + k]!;
    if (x !== y) return x - y;
  }
  return (e1 - s1) - (e2 - s2);
}

/** Row indices of the min and max of one chunk under `cmp(i, j)`, skipping NULLs and rows `skip` rejects. */
function argMinMax(d: Data, cmp: (i: number, j: number) => number, skip?: (i: number) => boolean): { lo: number; hi: number; nulls: number } {
  const bits = validBits(d);
  let lo = -1, hi = -1, nulls = 0;
  for (let i = 0; i < d.length; i++) {
    if (!valid(bits, d.offset, i)) { nulls++; continue; }
    if (skip !== undefined && skip(i)) continue;
    if (lo < 0) { lo = i; hi = i; continue; }
    if (cmp(i, lo) < 0) lo = i;
    else if (cmp(i, hi) > 0) hi = i;
  }
  return { lo, hi, nulls };
}

/** argMinMax over a typed array of numbers or bigints (NaN skipped), without a comparator call per row. */
function argMinMaxPrimitive(d: Data, arr: ArrayLike<number | bigint>): { lo: number; hi: number; nulls: number } {
  const bits = validBits(d);
  let lo = -1, hi = -1, nulls = 0;
  let min: number | bigint = 0, max: number | bigint = 0;
  for (let i = 0; i < d.length; i++) {
    if (bits !== null && !valid(bits, d.offset, i)) { nulls++; continue; }
    const v = arr[i]!;
    if (v !== v) continue; // NaN
    if (lo < 0) { lo = i; hi = i; min = v; max = v; continue; }
    if (v < min) { min = v; lo = i; } else if (v > max) { max = v; hi = i; }
  }
  return { lo, hi, nulls };
}

/** argMinMax over Utf8 values (32-bit offsets): byte comparisons inlined, most decided by the first byte. */
function argMinMaxUtf8(d: Data, offs: ArrayLike<number>, bytes: Uint8Array): { lo: number; hi: number; nulls: number } {
  const bits = validBits(d);
  let lo = -1, hi = -1, nulls = 0;
  let loS = 0, loE = 0, hiS = 0, hiE = 0;
  for (let i = 0; i < d.length; i++) {
    if (bits !== null && !valid(bits, d.offset, i)) { nulls++; continue; }
    const s = offs[i]!, e = offs[i + 1]!;
    if (lo < 0) { lo = hi = i; loS = hiS = s; loE = hiE = e; continue; }
    // vs the min
    const b0 = s < e ? bytes[s]! : -1;
    const m0 = loS < loE ? bytes[loS]! : -1;
    if (b0 < m0 || (b0 === m0 && compareBytes(bytes, s, e, loS, loE) < 0)) { lo = i; loS = s; loE = e; continue; }
    const x0 = hiS < hiE ? bytes[hiS]! : -1;
    if (b0 > x0 || (b0 === x0 && compareBytes(bytes, s, e, hiS, hiE) > 0)) { hi = i; hiS = s; hiE = e; }
  }
  return { lo, hi, nulls };
}

/** Min/max of one chunk, or undefined when its type is not handled here. */
function chunkMinMax(d: Data): MinMax | undefined {
  const type = d.type as DataType;
  const values = d.values as unknown;
  switch (type.typeId) {
    case Type.Bool: case Type.Null: {
      const bits = validBits(d);
      let nulls = 0;
      if (type.typeId === Type.Null) nulls = d.length;
      else if (bits !== null) for (let i = 0; i < d.length; i++) if (!valid(bits, d.offset, i)) nulls++;
      return { min: null, max: null, nullCount: nulls };
    }
    case Type.Int: case Type.Float: case Type.Date: case Type.Timestamp: {
      if (type.typeId === Type.Float && (type as unknown as { precision: number }).precision === 0) return undefined;
      if (type.typeId === Type.Date && (type as unknown as { unit: number }).unit !== 0) return undefined;
      const arr = values as ArrayLike<number | bigint>;
      const r = argMinMaxPrimitive(d, arr);
      if (r.lo < 0) return { min: null, max: null, nullCount: r.nulls };
      const conv = (i: number): ArrowScalar => {
        const v = arr[i]!;
        if (type.typeId === Type.Timestamp) return timestampToMicros(BigInt(v), (type as unknown as { unit: TimeUnit }).unit);
        return typeof v === 'bigint' ? v : v;
      };
      return { min: conv(r.lo), max: conv(r.hi), nullCount: r.nulls };
    }
    case Type.Decimal: {
      const t = type as unknown as { scale: number; bitWidth: number };
      const words = values as Uint32Array;
      const n = t.bitWidth / 32;
      const r = argMinMax(d, (i, j) => compareWords(words, i * n, j * n, n));
      if (r.lo < 0) return { min: null, max: null, nullCount: r.nulls };
      const conv = (i: number): ArrowScalar => ({ unscaled: decimalWordsSmall(words, i * n, n) ?? decimalWordsToBigInt(words, i * n, n), scale: t.scale });
      return { min: conv(r.lo), max: conv(r.hi), nullCount: r.nulls };
    }
    case Type.Utf8: case Type.LargeUtf8: {
      const offs = d.valueOffsets as unknown as ArrayLike<number | bigint>;
      const bytes = values as Uint8Array;
      const big = typeof offs[0] === 'bigint';
      const at = big ? (i: number) => Number(offs[i]!) : (i: number) => offs[i] as number;
      const r = big ? argMinMax(d, (i, j) => compareBytes(bytes, at(i), at(i + 1), at(j), at(j + 1))) : argMinMaxUtf8(d, offs as ArrayLike<number>, bytes);
      if (r.lo < 0) return { min: null, max: null, nullCount: r.nulls };
      const conv = (i: number): string => utf8.decode(bytes.subarray(at(i), at(i + 1)));
      return { min: conv(r.lo), max: conv(r.hi), nullCount: r.nulls };
    }
    default:
      return undefined;
  }
}

function compareScalars(a: Exclude<ArrowScalar, null>, b: Exclude<ArrowScalar, null>): number {
  if (typeof a === 'object' && typeof b === 'object') return a.unscaled < b.unscaled ? -1 : a.unscaled > b.unscaled ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') {
    // code point order (UTF-16 surrogates sort after U+E000–U+FFFF)
    const ea = new TextEncoder().encode(a), eb = new TextEncoder().encode(b);
    return compareBytes(new Uint8Array([...ea, ...eb]), 0, ea.length, ea.length, ea.length + eb.length);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Min/max/NULL count over every chunk of a column, or null when a chunk's type is not handled here. */
export function vectorMinMax(vec: Vector): MinMax | null {
  let min: ArrowScalar = null, max: ArrowScalar = null, nullCount = 0;
  for (const d of vec.data) {
    const m = chunkMinMax(d);
    if (m === undefined) return null;
    nullCount += m.nullCount;
    if (m.min !== null && (min === null || compareScalars(m.min, min) < 0)) min = m.min;
    if (m.max !== null && (max === null || compareScalars(m.max, max) > 0)) max = m.max;
  }
  return { min, max, nullCount };
}
