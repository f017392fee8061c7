/**
 * Rows sel[0..count) of a batch, each column copied out only when first read (then kept): the aggregate
 * folded over a selection vector (aggregate_state.ts `updateSelected`) hands this batch to the aggregates
 * and keys that do not read through the selection, so only the columns they use are copied.
 */
import type { Batch, Vector } from '../../common/vector.js';
import { plainSelection, takeRows } from '../../common/vector_take.js';

export function lazyTakeBatch(b: Batch, sel: Int32Array, count: number): Batch {
  const plain = plainSelection(sel, count);
  const columns: Vector[] = [];
  b.columns.forEach((c, i) => {
    let taken: Vector | null = null;
    Object.defineProperty(columns, i, {
      enumerable: true,
      get: (): Vector => (taken ??= takeRows(c, sel, count, plain)),
    });
  });
  return { length: count, columns };
}
