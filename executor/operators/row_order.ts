/**
 * The order of ORDER BY over key vectors, as a comparison of row indexes (< 0: row a first): per key
 * compareDatums (PostgreSQL's order) in the key's direction, a NULL against a value placed by nullsFirst
 * whatever the direction, then the row index — a total order, so any sort with it is stable. Compact numerics
 * (one scale per vector: exact integers) and int2/int4/date keys compare their numbers directly; other keys
 * are read into datums once.
 */
import type { Vector } from '../../common/vector.js';
import { getDatum, isScaledNumerics } from '../../common/vector.js';
import { compareDatums } from '../../common/values/compare.js';
import type { SortKey } from '../../planner/logical/nodes.js';

export type RowCompare = (a: number, b: number) => number;

export function rowOrder(keyVectors: readonly Vector[], keys: readonly SortKey[]): RowCompare {
  const cmps = keyVectors.map((v, k) => keyCompare(v, keys[k]!));
  return (a, b) => {
    for (let k = 0; k < cmps.length; k++) {
      const c = cmps[k]!(a, b);
      if (c !== 0) return c;
    }
    return a - b;
  };
}

/** One key's comparison, direction and NULL placement included. */
function keyCompare(v: Vector, key: SortKey): RowCompare {
  const dir = key.descending ? -1 : 1;
  const nullSide = key.nullsFirst ? -1 : 1;
  const d = v.data;
  const k = v.type.kind;
  const nums: ArrayLike<number> | null = isScaledNumerics(d) ? d.values
    : (k === 'int2' || k === 'int4' || k === 'date') && (d instanceof Int32Array || d instanceof Int16Array) ? d : null;
  if (nums !== null) {
    const nulls = v.nulls;
    return (a, b) => {
      if (nulls !== null) {
        const na = nulls[a] === 1, nb = nulls[b] === 1;
        if (na || nb) return na && nb ? 0 : na ? nullSide : -nullSide;
      }
      const x = nums[a]!, y = nums[b]!;
      return x < y ? -dir : x > y ? dir : 0;
    };
  }
  const col = Array.from({ length: v.length }, (_, i) => getDatum(v, i));
  return (a, b) => {
    const x = col[a]!, y = col[b]!;
    if (x === null || y === null) return x === null && y === null ? 0 : x === null ? nullSide : -nullSide;
    const c = compareDatums(v.type, x, y);
    return c === 0 ? 0 : c * dir;
  };
}
