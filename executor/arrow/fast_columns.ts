/**
 * Fast Arrow → Vector conversions straight from the buffers, for the column kinds the generic per-value
 * path (storage/arrow/values.ts) makes slow: Decimal128 → Numeric (no word-by-word bigint assembly when the
 * value fits in 53 bits), Utf8 (one decode of the whole value buffer when it is ASCII, then slices) and
 * dictionary-encoded strings (the dictionary decoded once). Each returns false when it does not apply;
 * the caller then uses the generic path. NULL positions are left untouched (the caller marks them).
 */
import { type Data, type DataType, Type } from 'apache-arrow';
import type { Numeric } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import { SCALED_MAX, scaledNumerics, type Vector } from '../../common/vector.js';
import { pow10, rescaleDecimal } from '../../common/values/numeric.js';
import { decimalWordsToBigInt, utf8Strings } from '../../storage/arrow/values.js';

const TWO32 = 4294967296;

function validAt(data: Data): ((i: number) => boolean) | null {
  const bm = data.nullBitmap;
  if (data.nullCount === 0 || bm === undefined || bm === null || bm.length === 0) return null;
  const off = data.offset;
  return (i) => {
    const j = off + i;
    return ((bm[j >> 3]! >> (j & 7)) & 1) === 1;
  };
}

/** Decimal128/256 chunk → Numeric objects at `targetScale` (null: keep the column's scale). */
function decimalChunk(data: Data, targetScale: number | null, dst: (Numeric | null)[], offset: number): void {
  const t = data.type as unknown as { scale: number; bitWidth: number };
  const words = data.values as unknown as Uint32Array;
  const w = t.bitWidth / 32;
  const from = t.scale;
  const to = targetScale ?? from;
  const up = to > from ? pow10(to - from) : 1n;
  const valid = validAt(data);
  const n = data.length;
  for (let i = 0; i < n; i++) {
    if (valid !== null && !valid(i)) continue;
    const b = i * w;
    const lo = words[b]!, hi = words[b + 1]!;
    let u: bigint;
    let small = true;
    for (let k = 2; k < w; k++) if (words[b + k] !== (hi & 0x80000000 ? 0xffffffff : 0)) { small = false; break; }
    if (small && (hi < 0x200000 || hi >= 0xffe00000)) {
      const v = (hi >= 0x80000000 ? hi - TWO32 : hi) * TWO32 + lo;
      u = BigInt(v);
    } else {
      u = decimalWordsToBigInt(words, b, w);
    }
    if (to !== from) u = to > from ? u * up : rescaleDecimal(u, from, to);
    dst[offset + i] = { unscaled: u, scale: to };
  }
}

/**
 * A Decimal128/256 column (all chunks) → the compact numeric form (exact unscaled values in a Float64Array),
 * or null when it does not apply (another Arrow type, scaling down, a value beyond 2^53 − 1). NULL positions
 * hold 0; `nulls` is the caller's NULL map.
 */
export function scaledDecimalColumn(chunks: readonly Data[], t: SqlType, n: number, nulls: Uint8Array | null): Vector | null {
  if (t.kind !== 'numeric' || chunks.length === 0) return null;
  let to = t.scale;
  for (const c of chunks) {
    const dt = c.type as unknown as { typeId: Type; scale: number; bitWidth: number };
    if (dt.typeId !== Type.Decimal) return null;
    if (to === null) to = dt.scale;
    if (dt.scale > to || to - dt.scale > 15 || (t.scale === null && dt.scale !== to)) return null;
  }
  const out = new Float64Array(n);
  let o = 0;
  for (const c of chunks) {
    const dt = c.type as unknown as { scale: number; bitWidth: number };
    const words = c.values as unknown as Uint32Array;
    const w = dt.bitWidth / 32;
    const mul = 10 ** (to! - dt.scale);
    const len = c.length;
    if ((w === 4 || w === 2) && mul === 1) {
      if (!decimalPlain(words, w, len, nulls, o, out)) return null;
      o += len;
      continue;
    }
    for (let i = 0; i < len; i++) {
      if (nulls !== null && nulls[o + i] === 1) continue;
      const b = i * w;
      const lo = words[b]!, hi = words[b + 1]!;
      const ext = hi & 0x80000000 ? 0xffffffff : 0;
      for (let k = 2; k < w; k++) if (words[b + k] !== ext) return null;
      if (!(hi < 0x200000 || hi >= 0xffe00000)) return null;
      const v = ((hi >= 0x80000000 ? hi - TWO32 : hi) * TWO32 + lo) * mul;
      if (v > SCALED_MAX || v < -SCALED_MAX) return null;
      out[o + i] = v;
    }
    o += len;
  }
  return { type: t, length: n, data: scaledNumerics(to!, out), nulls };
}

/**
 * Decimal128 (w = 4) or Decimal64 (w = 2) words → exact values in `out` at `o` (same scale), false when one is
 * beyond ±(2^53 − 1). The common case of scaledDecimalColumn, with the words read as signed 32-bit: a value
 * fits when its high word is within [−2^21, 2^21) and it is not −2^53 (for Decimal128: the upper words are its sign).
 */
function decimalPlain(words: Uint32Array, w: 2 | 4, len: number, nulls: Uint8Array | null, o: number, out: Float64Array): boolean {
  const sw = new Int32Array(words.buffer, words.byteOffset, len * w);
  if (w === 2 && decimal64Plain(sw, len, o, out)) {
    if (nulls !== null) for (let i = 0; i < len; i++) if (nulls[o + i] === 1) out[o + i] = 0;
    return true;
  }
  for (let i = 0; i < len; i++) {
    const b = i * w;
    const hi = sw[b + 1]!;
    const ext = hi >> 31;
    const v = hi * TWO32 + (sw[b]! >>> 0);
    if ((w === 4 && (sw[b + 2] !== ext || sw[b + 3] !== ext)) || hi >= 0x200000 || v < -SCALED_MAX) {
      if (nulls !== null && nulls[o + i] === 1) continue;
      return false;
    }
    out[o + i] = nulls !== null && nulls[o + i] === 1 ? 0 : v;
  }
  return true;
}

/** Decimal64 words → values, branch-free; false (out partly written) when a value (maybe a NULL slot's) does not fit. */
function decimal64Plain(sw: Int32Array, len: number, o: number, out: Float64Array): boolean {
  let bad = 0;
  for (let i = 0; i < len; i++) {
    const hi = sw[2 * i + 1]!;
    const v = hi * TWO32 + (sw[2 * i]! >>> 0);
    bad |= hi >= 0x200000 || v < -SCALED_MAX ? 1 : 0;
    out[o + i] = v;
  }
  return bad === 0;
}

function isText(t: SqlType): boolean {
  return t.kind === 'text' || t.kind === 'varchar' || t.kind === 'bpchar' || t.kind === 'unknown';
}

/** Convert one chunk into `dst` at `offset` when a fast path applies. */
export function fastConvertChunk(data: Data, t: SqlType, dst: unknown, offset: number): boolean {
  const type = data.type as DataType;
  if (t.kind === 'numeric' && type.typeId === Type.Decimal) {
    decimalChunk(data, t.scale, dst as (Numeric | null)[], offset);
    return true;
  }
  if (isText(t) && (type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8)) {
    const s = utf8Strings(data);
    const d = dst as string[];
    for (let i = 0; i < s.length; i++) d[offset + i] = s[i]!;
    return true;
  }
  if (isText(t) && type.typeId === Type.Dictionary) {
    const dict = data.dictionary;
    if (dict === undefined) return false;
    const dt = dict.data;
    if (dt.length !== 1 || !(dt[0]!.type.typeId === Type.Utf8 || dt[0]!.type.typeId === Type.LargeUtf8)) return false;
    const values = utf8Strings(dt[0]!);
    const idx = data.values as unknown as ArrayLike<number | bigint>;
    const d = dst as string[];
    const n = data.length;
    if (typeof idx[0] === 'bigint') for (let i = 0; i < n; i++) d[offset + i] = values[Number(idx[i]!)] ?? '';
    else { const ix = idx as ArrayLike<number>; for (let i = 0; i < n; i++) d[offset + i] = values[ix[i]!] ?? ''; }
    return true;
  }
  return false;
}
