/** array_agg(x): every input value in arrival order (NULLs included); NULL for a group without rows. */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { GroupedAccumulator } from './accumulator.js';
import { stateAccumulator } from './state_accumulator.js';

export function arrayAggAccumulator(resultType: SqlType): GroupedAccumulator {
  return stateAccumulator<Datum[] | null>({
    init: () => null,
    add: (s, row) => {
      const v = row[0] ?? null;
      if (s === null) return [v];
      s.push(v);
      return s;
    },
    combine: (a, b) => (a === null ? b : b === null ? a : [...a, ...b]),
    finish: (s) => s,
  }, resultType);
}
