/**
 * The first `keep` entries of sortPermutation (sort.ts) without sorting every row: a heap of the best `keep`
 * rows seen so far, its worst at the root, then those rows sorted — in the same total order (row_order.ts), so
 * the result equals the stable sort's prefix.
 */
import type { Vector } from '../../common/vector.js';
import type { SortKey } from '../../planner/logical/nodes.js';
import { rowOrder } from './row_order.js';

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
