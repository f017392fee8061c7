/**
 * The first `keep` entries of sortPermutation (sort.ts) without sorting every row: a heap of the best `keep`
 * rows seen so far, its worst at the root, then those rows sorted. Rows compare exactly as sortPermutation
 * compares them (compareDatums per key, NULLs placed by nullsFirst, then the row index — so the order is
 * total and the result equals the stable sort's prefix). Compact numerics (one scale per vector: exact
 * integers) and int32 keys compare their numbers directly.
 */
import type { Vector } from '../../common/vector.js';
import { getDatum, isScaledNumerics } from '../../common/vector.js';
import { compareDatums } from '../../common/values/compare.js';
import type { SortKey } from '../../planner/logical/nodes.js';

type Compare = (a: number, b: number) => number;

/** Ascending comparison of rows a and b of one key, NULLs placed per the key (before its direction). */
function keyCompare(v: Vector, key: SortKey): Compare {
  const nulls = v.nulls;
  const nullOrder = (a: number, b: number): number | null => {
    if (nulls === null) return null;
    const na = nulls[a] === 1, nb = nulls[b] === 1;
    if (!na && !nb) return null;
    if (na && nb) return 0;
    // null vs value: NULLS FIRST puts it before regardless of direction (sortPermutation's rule)
    return na ? (key.nullsFirst ? -1 : 1) : key.nullsFirst ? 1 : -1;
  };
  const dir = key.descending ? -1 : 1;
  const d = v.data;
  const k = v.type.kind;
  const nums: ArrayLike<number> | null = isScaledNumerics(d) ? d.values
    : (k === 'int2' || k === 'int4' || k === 'date') && (d instanceof Int32Array || d instanceof Int16Array) ? d : null;
  if (nums !== null) {
    return (a, b) => {
      const n = nullOrder(a, b);
      if (n !== null) return n === 0 ? 0 : n * dir; // undone by the caller's direction
      const x = nums[a]!, y = nums[b]!;
      return x < y ? -1 : x > y ? 1 : 0;
    };
  }
  return (a, b) => {
    const n = nullOrder(a, b);
    if (n !== null) return n === 0 ? 0 : n * dir;
    const x = getDatum(v, a), y = getDatum(v, b);
    if (x === null || y === null) {
      if (x === null && y === null) return 0;
      return (x === null ? (key.nullsFirst ? -1 : 1) : key.nullsFirst ? 1 : -1) * dir;
    }
    return compareDatums(v.type, x, y);
  };
}

/** < 0 when row a sorts before row b (sortPermutation's order). */
export function rowOrder(keyVectors: readonly Vector[], keys: readonly SortKey[]): Compare {
  const cmps = keyVectors.map((v, k) => keyCompare(v, keys[k]!));
  const dirs = keys.map((k) => (k.descending ? -1 : 1));
  return (a, b) => {
    for (let k = 0; k < cmps.length; k++) {
      const c = cmps[k]!(a, b);
      if (c !== 0) return c * dirs[k]!;
    }
    return a - b;
  };
}

/** sortPermutation(keyVectors, keys, rows).subarray(0, keep), computed with a heap of `keep` rows. */
export function topPermutation(keyVectors: readonly Vector[], keys: readonly SortKey[], rows: number, keep: number): Int32Array {
  const n = Math.min(keep, rows);
  if (n <= 0) return new Int32Array(0);
  const before = rowOrder(keyVectors, keys);
  // max-heap by `before`: heap[0] is the worst row kept
  const heap = new Int32Array(n);
  let size = 0;
  const siftUp = (i: number): void => {
    const x = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(heap[p]!, x) >= 0) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = x;
  };
  const siftDown = (i: number): void => {
    const x = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && before(heap[r]!, heap[l]!) > 0 ? r : l;
      if (before(heap[c]!, x) <= 0) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = x;
  };
  for (let row = 0; row < rows; row++) {
    if (size < n) {
      heap[size++] = row;
      siftUp(size - 1);
    } else if (before(row, heap[0]!) < 0) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return Int32Array.from(Array.from(heap).sort(before));
}
