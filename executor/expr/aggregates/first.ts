/**
 * '$first': the first value (NULL included) a group sees — the planner's DISTINCT ON keeps the first row
 * of each key this way over input sorted by ORDER BY.
 */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { GroupedAccumulator } from './accumulator.js';
import { stateAccumulator } from './state_accumulator.js';

interface State { readonly seen: boolean; readonly value: Datum }

export function firstAccumulator(resultType: SqlType): GroupedAccumulator {
  return stateAccumulator<State>({
    init: () => ({ seen: false, value: null }),
    add: (s, row) => (s.seen ? s : { seen: true, value: row[0] ?? null }),
    combine: (a, b) => (a.seen ? a : b),
    finish: (s) => s.value,
  }, resultType);
}
