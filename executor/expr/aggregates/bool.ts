/** bool_and / every and bool_or: NULL inputs ignored; NULL when a group saw no non-null input. */
import type { SqlType } from '../../../common/types.js';
import type { GroupedAccumulator } from './accumulator.js';
import { stateAccumulator } from './state_accumulator.js';

export function boolAccumulator(fn: 'bool_and' | 'bool_or', resultType: SqlType): GroupedAccumulator {
  const and = fn === 'bool_and';
  const fold = (s: boolean | null, v: boolean | null): boolean | null => (v === null ? s : s === null ? v : and ? s && v : s || v);
  return stateAccumulator<boolean | null>({
    init: () => null,
    add: (s, row) => fold(s, row[0] as boolean | null),
    combine: fold,
    finish: (s) => s,
  }, resultType);
}
