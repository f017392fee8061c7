/**
 * Local codes of a low-cardinality text column held by the column cache (cache/column_cache.ts): each row's
 * 1-based index into the column's distinct strings (first-seen order; 0: NULL), computed once per cached
 * vector and kept beside it (a WeakMap: gone when the cache drops the vector). A TextDictionary then maps a
 * few distinct strings to its codes instead of looking up a string per row (text_dictionary.ts). Columns with
 * more than 255 distinct values get none (they are remembered as such).
 */
import type { Vector } from '../../common/vector.js';
import { isCachedVector } from '../cache/column_cache.js';

export interface LocalCodes {
  /** per row: 1 + the index of its string in `values` (0: NULL) */
  readonly codes: Uint8Array;
  readonly values: readonly string[];
}

const MAX_VALUES = 255;
const memo = new WeakMap<Vector, LocalCodes | null>();

/** The local codes of a cached text vector (null: not cached, or too many distinct values). */
export function localCodes(v: Vector): LocalCodes | null {
  if (!isCachedVector(v)) return null;
  let m = memo.get(v);
  if (m === undefined) {
    m = computeLocalCodes(v);
    memo.set(v, m);
  }
  return m;
}

export function computeLocalCodes(v: Vector): LocalCodes | null {
  const data = v.data as string[];
  const nulls = v.nulls;
  const n = v.length;
  const codes = new Uint8Array(n);
  const values: string[] = [];
  const index = new Map<string, number>();
  let last: string | null = null;
  let lastCode = 0;
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const s = data[i]!;
    if (s !== last) {
      last = s;
      const known = index.get(s);
      if (known !== undefined) lastCode = known;
      else {
        if (values.length === MAX_VALUES) return null;
        values.push(s);
        lastCode = values.length;
        index.set(s, lastCode);
      }
    }
    codes[i] = lastCode;
  }
  return { codes, values };
}
