/**
 * Reading Arrow columns as plain JS values, type by type, straight from the buffers (no row proxies):
 * ints ≤ 32 bits, floats, date32 → number; int64/uint64 → bigint; timestamps (any unit) → bigint micros;
 * date64 → number days; decimal128/256 → {unscaled, scale}; utf8/large utf8 (plain or dictionary) → string;
 * bool → boolean. Used by stats, partitioning and the executor's Arrow bridge.
 */
import { type Data, type DataType, type Vector, TimeUnit, Type } from 'apache-arrow';

export interface DecimalScalar {
  readonly unscaled: bigint;
  readonly scale: number;
}

export type ArrowScalar = null | boolean | number | bigint | string | DecimalScalar;

const utf8 = new TextDecoder();

export function isValid(data: Data, i: number): boolean {
  if (data.nullCount === 0 || data.nullBitmap === undefined || data.nullBitmap === null || data.nullBitmap.length === 0) return true;
  const j = data.offset + i;
  return ((data.nullBitmap[j >> 3]! >> (j & 7)) & 1) === 1;
}

/** The validity bits of `data` re-based to start at bit 0 (its `offset` applied); undefined when it has no NULLs. */
export function rebasedValidity(data: Data): Uint8Array | undefined {
  if (data.nullCount === 0 || data.nullBitmap === undefined || data.nullBitmap === null || data.nullBitmap.length === 0) return undefined;
  const src = data.nullBitmap, off = data.offset, n = data.length;
  if ((off & 7) === 0) return src.slice(off >> 3, (off >> 3) + ((n + 7) >> 3));
  const out = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    const j = off + i;
    if ((src[j >> 3]! >> (j & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

const utf8Encoder = new TextEncoder();

/**
 * Utf8 offsets and bytes of `strings` in order: one encode of the whole column when it is ASCII (bytes = UTF-16
 * units), else one encode per string.
 */
export function utf8Buffers(strings: readonly string[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const offsets = new Int32Array(strings.length + 1);
  let chars = 0;
  for (let i = 0; i < strings.length; i++) { chars += strings[i]!.length; offsets[i + 1] = chars; }
  const all = utf8Encoder.encode(strings.join(''));
  if (all.length === chars) return { valueOffsets: offsets, data: all };
  const parts = strings.map((x) => utf8Encoder.encode(x));
  let total = 0;
  for (let i = 0; i < parts.length; i++) { total += parts[i]!.length; offsets[i + 1] = total; }
  const data = new Uint8Array(total);
  for (let i = 0; i < parts.length; i++) data.set(parts[i]!, offsets[i]!);
  return { valueOffsets: offsets, data };
}

/** micros per unit of an Arrow TimeUnit (nanoseconds handled by division). */
export function timestampToMicros(v: bigint, unit: TimeUnit): bigint {
  switch (unit) {
    case TimeUnit.SECOND: return v * 1_000_000n;
    case TimeUnit.MILLISECOND: return v * 1000n;
    case TimeUnit.MICROSECOND: return v;
    case TimeUnit.NANOSECOND: {
      const q = v / 1000n;
      return v < 0n && q * 1000n !== v ? q - 1n : q; // floor
    }
    default: return v;
  }
}

/** Two's complement little-endian 32-bit words → bigint. */
export function decimalWordsToBigInt(words: Uint32Array, start: number, count: number): bigint {
  let x = 0n;
  for (let w = count - 1; w >= 0; w--) x = (x << 32n) | BigInt(words[start + w]!);
  const bits = BigInt(count * 32);
  if ((words[start + count - 1]! & 0x80000000) !== 0) x -= 1n << bits;
  return x;
}

const TWO32 = 4294967296;

/** The value of little-endian two's complement words when it fits in 53 bits, else null. */
export function decimalWordsSmall(words: Uint32Array, start: number, count: number): bigint | null {
  const hi = words[start + 1]!;
  const ext = hi >= 0x80000000 ? 0xffffffff : 0;
  for (let k = 2; k < count; k++) if (words[start + k] !== ext) return null;
  if (!(hi < 0x200000 || hi >= 0xffe00000)) return null;
  return BigInt((hi >= 0x80000000 ? hi - TWO32 : hi) * TWO32 + words[start]!);
}

/**
 * Every string of a Utf8/LargeUtf8 chunk ('' at NULL positions): one decode of the whole value buffer,
 * sliced by offsets when it is ASCII (byte offsets = character offsets), else one decode per value.
 */
export function utf8Strings(data: Data): string[] {
  const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
  const bytes = data.values as unknown as Uint8Array;
  const n = data.length;
  const out = new Array<string>(n);
  if (n === 0) return out;
  const start = Number(offs[0]!), end = Number(offs[n]!);
  const all = utf8.decode(bytes.subarray(start, end));
  if (all.length === end - start) {
    for (let i = 0; i < n; i++) out[i] = all.substring(Number(offs[i]!) - start, Number(offs[i + 1]!) - start);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = utf8.decode(bytes.subarray(Number(offs[i]!), Number(offs[i + 1]!)));
  return out;
}

/** The scalar at row i of one Data chunk (ignores validity: check isValid first). */
function chunkValueReader(data: Data): (i: number) => ArrowScalar {
  const type = data.type as DataType;
  const values = data.values as unknown;
  switch (type.typeId) {
    case Type.Null: return () => null;
    case Type.Bool: {
      const bits = values as Uint8Array;
      return (i) => { const j = data.offset + i; return ((bits[j >> 3]! >> (j & 7)) & 1) === 1; };
    }
    case Type.Int: {
      const bw = (type as unknown as { bitWidth: number }).bitWidth;
      const arr = values as ArrayLike<number | bigint>;
      if (bw === 64) return (i) => BigInt(arr[i]!);
      return (i) => arr[i] as number;
    }
    case Type.Float: {
      const arr = values as ArrayLike<number>;
      const precision = (type as unknown as { precision: number }).precision;
      if (precision === 0) {
        // HALF: float16 bits
        return (i) => halfToFloat(arr[i] as number);
      }
      return (i) => arr[i]!;
    }
    case Type.Date: {
      const unit = (type as unknown as { unit: number }).unit;
      if (unit === 0) { const arr = values as Int32Array; return (i) => arr[i]!; } // DAY
      const arr = values as unknown as ArrayLike<bigint | number>;
      return (i) => Math.floor(Number(arr[i]!) / 86_400_000);
    }
    case Type.Timestamp: {
      const unit = (type as unknown as { unit: TimeUnit }).unit;
      const arr = values as unknown as ArrayLike<bigint | number>;
      return (i) => timestampToMicros(BigInt(arr[i]!), unit);
    }
    case Type.Decimal: {
      const t = type as unknown as { scale: number; bitWidth: number };
      const words = values as Uint32Array;
      const n = t.bitWidth / 32;
      return (i) => ({ unscaled: decimalWordsSmall(words, i * n, n) ?? decimalWordsToBigInt(words, i * n, n), scale: t.scale });
    }
    case Type.Utf8: case Type.LargeUtf8: {
      const all = utf8Strings(data);
      return (i) => all[i]!;
    }
    case Type.Dictionary: {
      const dict = data.dictionary as Vector | undefined;
      if (dict === undefined) throw new Error('dictionary-encoded Arrow column without a dictionary');
      const decoded = vectorValues(dict);
      const idx = values as ArrayLike<number | bigint>;
      return (i) => decoded[Number(idx[i]!)] ?? null;
    }
    default:
      throw new Error(`unsupported Arrow type ${String(type)}`);
  }
}

function halfToFloat(h: number): number {
  const s = (h & 0x8000) >> 15;
  const e = (h & 0x7c00) >> 10;
  const f = h & 0x03ff;
  if (e === 0) return (s ? -1 : 1) * 2 ** -14 * (f / 1024);
  if (e === 0x1f) return f ? NaN : (s ? -1 : 1) * Infinity;
  return (s ? -1 : 1) * 2 ** (e - 15) * (1 + f / 1024);
}

/** All values of one chunk, NULL as null. */
export function dataValues(data: Data): ArrowScalar[] {
  const read = chunkValueReader(data);
  const out = new Array<ArrowScalar>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = isValid(data, i) ? read(i) : null;
  return out;
}

/** All values of a vector (every chunk), NULL as null. */
export function vectorValues(vec: Vector): ArrowScalar[] {
  if (vec.data.length === 1) return dataValues(vec.data[0]!);
  const out = new Array<ArrowScalar>(vec.length);
  let o = 0;
  for (const d of vec.data) {
    const part = dataValues(d);
    for (let i = 0; i < part.length; i++) out[o++] = part[i]!;
  }
  return out;
}

/** True when the Arrow type is a timestamp with a time zone (Delta `timestamp`), false for naive. */
export function isZonedTimestamp(type: DataType): boolean {
  return type.typeId === Type.Timestamp && !!(type as unknown as { timezone?: string | null }).timezone;
}
