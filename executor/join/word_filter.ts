/**
 * A pre-filter for multi-word integer join keys (several key columns, or an int8 key outside int32): a bitmap
 * of the values one word position takes over the table's distinct keys. A probe row whose word there is not
 * set cannot match, so it is dropped by one bit test before its key is hashed (a one-column key's range bitmap,
 * key_range.ts, is probed the same way, as the filter of word 0). The position kept is the one whose bitmap is the sparsest (TPC-H q05: the
 * supplier key of (l_suppkey, c_nationkey) over one region's suppliers; q20: l_partkey of (l_partkey,
 * l_suppkey) over the parts named 'forest%'), and only when at most FILTER_MAX_FILL of its range is set.
 */

export interface WordFilter {
  /** the word position within a key (0 … width − 1) */
  readonly word: number;
  readonly min: number;
  /** max − min + 1 */
  readonly size: number;
  /** bit (value − min) set when some key has that value at `word` */
  readonly bits: Int32Array;
}

const FILTER_MAX_FILL = 0.5;
/** the bitmap's bits: at most this many per distinct key, and at most FILTER_MAX_BITS */
const FILTER_MAX_SPREAD = 1024;
const FILTER_MAX_BITS = 1 << 26;

/** The sparsest word bitmap over `distinct` keys of `width` (≥ 2) words each, or null when none is sparse enough. */
export function wordFilterOf(keyWords: Int32Array, width: number, distinct: number): WordFilter | null {
  if (width < 2 || distinct === 0) return null;
  let best: WordFilter | null = null;
  let bestFill = FILTER_MAX_FILL;
  for (let p = 0; p < width; p++) {
    let min = keyWords[p]!, max = min;
    for (let d = 1; d < distinct; d++) {
      const v = keyWords[d * width + p]!;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    const size = max - min + 1;
    if (size > FILTER_MAX_SPREAD * distinct || size > FILTER_MAX_BITS) continue;
    const { bits, set } = wordBitmap(keyWords, width, p, distinct, min, size);
    if (set / size < bestFill) {
      best = { word: p, min, size, bits };
      bestFill = set / size;
    }
  }
  return best;
}

/** The bitmap of the values (− min, all within [0, size)) word `word` takes over `distinct` keys, and how many bits are set. */
export function wordBitmap(keyWords: Int32Array, width: number, word: number, distinct: number, min: number, size: number): { bits: Int32Array; set: number } {
  const bits = new Int32Array((size + 31) >>> 5);
  let set = 0;
  for (let d = 0; d < distinct; d++) {
    const k = keyWords[d * width + word]! - min;
    const m = 1 << (k & 31);
    if ((bits[k >>> 5]! & m) === 0) {
      bits[k >>> 5]! |= m;
      set++;
    }
  }
  return { bits, set };
}

/**
 * Rows [from, n) of row-major key words (`width` per row) that pass the filter and have no NULL key, as a list
 * of row indexes (`count` used).
 */
export function filteredRows(words: Int32Array, width: number, n: number, from: number, nulls: Uint8Array | null, f: WordFilter): { rows: Int32Array; count: number } {
  const { bits, min, size, word } = f;
  const rows = new Int32Array(Math.max(0, n - from));
  let c = 0;
  for (let i = from; i < n; i++) {
    const k = words[i * width + word]! - min;
    if (k >= 0 && k < size && (bits[k >>> 5]! & (1 << (k & 31))) !== 0 && (nulls === null || nulls[i] === 0)) rows[c++] = i;
  }
  return { rows, count: c };
}
