/** count(x) / count(*) over groups as float64 counters (exact to 2^53 rows); result int8. */
import type { SqlType } from '../../common/types.js';
import { getDatum, type Vector } from '../../common/vector.js';
import type { GroupedAccumulator } from '../expr/aggregates/accumulator.js';

export function createCountAccumulator(star: boolean, resultType: SqlType): GroupedAccumulator {
  let counts = new Float64Array(16);
  let size = 0;
  return {
    resize(n) {
      if (n > counts.length) {
        const c = new Float64Array(Math.max(n, counts.length * 2));
        c.set(counts);
        counts = c;
      }
      if (n > size) size = n;
    },
    update(groupIds, rows, args, filter) {
      const c = counts;
      const v = star ? null : (args[0] as Vector);
      if (v !== null && Array.isArray(v.data)) {
        // object vectors: a NULL may sit in the data without a mask
        for (let r = 0; r < rows; r++) {
          if (filter !== null && getDatum(filter, r) !== true) continue;
          if (getDatum(v, r) !== null) c[groupIds[r]!]!++;
        }
        return;
      }
      const nulls = v === null ? null : v.nulls;
      if (filter === null && nulls === null) {
        for (let r = 0; r < rows; r++) c[groupIds[r]!]!++;
        return;
      }
      for (let r = 0; r < rows; r++) {
        if (filter !== null && getDatum(filter, r) !== true) continue;
        if (nulls !== null && nulls[r] === 1) continue;
        c[groupIds[r]!]!++;
      }
    },
    serialize() {
      return counts.slice(0, size);
    },
    merge(serialized, mapping) {
      const parts = serialized as ArrayLike<number>;
      const c = counts;
      for (let i = 0; i < parts.length; i++) c[mapping[i]!]! += parts[i]!;
    },
    finalize() {
      const data = new BigInt64Array(size);
      for (let g = 0; g < size; g++) data[g] = BigInt(counts[g]!);
      return { type: resultType, length: size, data, nulls: null };
    },
  };
}
