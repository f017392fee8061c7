/**
 * Deletion vectors at scan time: the deleted row positions of a file (decoded once per thread and kept in a
 * small LRU, since the tasks of one split file share them) and the kept rows of one row group.
 */
import type { ObjectStore } from '../../storage/object_store/store.js';
import { deletionVectorKey, loadDeletionVector, type DeletionVectorRef } from '../../storage/delta/deletion_vector.js';

const cache = new Map<string, Promise<Float64Array>>();
const CACHE_ENTRIES = 256;

/** Sorted deleted row positions of a deletion vector. */
export function deletedRows(store: ObjectStore, ref: DeletionVectorRef): Promise<Float64Array> {
  const key = `${JSON.stringify(store.descriptor)}|${deletionVectorKey(ref)}`;
  let p = cache.get(key);
  if (p === undefined) {
    p = loadDeletionVector(store, ref).then((rows) => Float64Array.from(rows));
    p.catch(() => cache.delete(key));
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, p);
  }
  return p;
}

/** First index in sorted `a` whose value is ≥ v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The rows of a row group (file rows [firstRow, firstRow + rows)) that are not deleted, as indexes into the row
 * group; null when none is deleted.
 */
export function keepMask(deleted: Float64Array, firstRow: number, rows: number): { readonly sel: Int32Array; readonly count: number } | null {
  const lo = lowerBound(deleted, firstRow);
  const hi = lowerBound(deleted, firstRow + rows);
  if (lo === hi) return null;
  const sel = new Int32Array(rows - (hi - lo));
  let k = 0;
  let d = lo;
  for (let i = 0; i < rows; i++) {
    if (d < hi && deleted[d] === firstRow + i) { d++; continue; }
    sel[k++] = i;
  }
  return { sel, count: k };
}
