/**
 * A range index over a one-column integer join key whose values fit in int32 and are dense enough: either a
 * direct array (key − min → distinct key id + 1, when the range is at most a few times the number of keys:
 * the table is then built straight into it, and a probe is one array read) or a bitmap of the keys present (when the range is wider but still at most
 * BITMAP_MAX_SPREAD times the number of keys: most probe rows without a match are rejected by one bit test in
 * an array small enough to stay in cache, before the hash table is touched).
 */

import { wordBitmap, type WordFilter } from './word_filter.js';

export interface KeyRange {
  readonly min: number;
  /** max − min + 1 */
  readonly size: number;
  /** key − min → distinct key id + 1 (0: absent); null when `bits` is used */
  readonly direct: Int32Array | null;
  /** bit (key − min) set when present; null when `direct` is used */
  readonly bits: Int32Array | null;
}

/** build straight into a direct array (no hash table) when range ≤ BUILD_SPREAD × rows + DIRECT_SLACK … */
const BUILD_SPREAD = 8;
const DIRECT_SLACK = 1 << 16;
/** … and ≤ BUILD_MAX entries */
const BUILD_MAX = 1 << 24;
/** otherwise the bitmap when range ≤ BITMAP_MAX_SPREAD × keys (and ≤ BITMAP_MAX bits) */
const BITMAP_MAX_SPREAD = 1024;
const BITMAP_MAX = 1 << 26;

/** min, max and number of the non-NULL one-column keys of rows [0, n), or null when none or one is outside int32. */
function int32Span(words: Int32Array, width: 1 | 2, n: number, nulls: Uint8Array | null): { min: number; max: number; count: number } | null {
  let min = Infinity, max = -Infinity, count = 0;
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const v = words[i * width]!;
    if (width === 2 && words[i * 2 + 1] !== v >> 31) return null;
    if (v < min) min = v;
    if (v > max) max = v;
    count++;
  }
  return count === 0 ? null : { min, max, count };
}

/** Whether a range of `size` over `count` keys is dense enough for a direct array. */
function denseEnough(size: number, count: number): boolean {
  return size <= BUILD_SPREAD * count + DIRECT_SLACK && size <= BUILD_MAX;
}

/**
 * min and range size of a one-column key over build rows [0, n) when they are dense enough to build the
 * table as a direct array (values within int32, range at most BUILD_SPREAD × rows); null otherwise.
 */
export function directSpan(words: Int32Array, width: number, n: number, nulls: Uint8Array | null): { min: number; size: number } | null {
  if (width !== 1 && width !== 2) return null;
  const span = int32Span(words, width, n, nulls);
  if (span === null) return null;
  const size = span.max - span.min + 1;
  return denseEnough(size, span.count) ? { min: span.min, size } : null;
}

/**
 * The range index of `distinct` keys stored as `width` words each (1: int32, 2: the two words of an int64),
 * or null when the key has more columns, some value is outside int32, or the values are too spread out. A
 * hashed table only ever gets the bitmap: keys dense enough for the direct array were built as one (directSpan).
 */
export function keyRangeOf(keyWords: Int32Array, width: number, distinct: number): KeyRange | null {
  if (width !== 1 && width !== 2) return null;
  const span = int32Span(keyWords, width, distinct, null);
  if (span === null) return null;
  const min = span.min, size = span.max - min + 1;
  if (denseEnough(size, distinct)) {
    const direct = new Int32Array(size);
    for (let d = 0; d < distinct; d++) direct[keyWords[d * width]! - min] = d + 1;
    return { min, size, direct, bits: null };
  }
  if (size > BITMAP_MAX_SPREAD * distinct || size > BITMAP_MAX) return null;
  return { min, size, direct: null, bits: wordBitmap(keyWords, width, 0, distinct, min, size).bits };
}

/** A range bitmap as the word pre-filter of word 0 (word_filter.ts probes it), or null for a direct index. */
export function rangeFilter(r: KeyRange): WordFilter | null {
  return r.bits === null ? null : { word: 0, min: r.min, size: r.size, bits: r.bits };
}

/** key − min of row i, or -1 when its key is outside the range (or, two words, beyond int32) */
function offsetIn(words: Int32Array, width: 1 | 2, i: number, min: number, size: number): number {
  const a = words[i * width]!;
  if (width === 2 && words[i * 2 + 1] !== a >> 31) return -1;
  const k = a - min;
  return k < 0 || k >= size ? -1 : k;
}

/** Probe rows through a direct range index: ids[i] = distinct key id (left as is when absent). */
export function findDirect(words: Int32Array, width: 1 | 2, n: number, from: number, nulls: Uint8Array | null, r: KeyRange, ids: Int32Array): void {
  const direct = r.direct!, min = r.min, size = r.size;
  for (let i = from; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const k = offsetIn(words, width, i, min, size);
    if (k < 0) continue;
    const id1 = direct[k]!;
    if (id1 !== 0) ids[i] = id1 - 1;
  }
}
