/**
 * string_agg(value, delimiter): every non-null value is appended after its row's delimiter (a NULL
 * delimiter adds nothing); the first value's delimiter is cut at the end, so partial states concatenate.
 */
import type { SqlType } from '../../../common/types.js';
import type { GroupedAccumulator } from './accumulator.js';
import { stateAccumulator } from './state_accumulator.js';

interface State { readonly text: string; readonly cut: number }

export function stringAggAccumulator(resultType: SqlType): GroupedAccumulator {
  return stateAccumulator<State | null>({
    init: () => null,
    add: (s, row) => {
      const v = row[0] as string | null;
      if (v === null) return s;
      const sep = (row[1] as string | null) ?? '';
      return s === null ? { text: sep + v, cut: sep.length } : { text: s.text + sep + v, cut: s.cut };
    },
    combine: (a, b) => (a === null ? b : b === null ? a : { text: a.text + b.text, cut: a.cut }),
    finish: (s) => (s === null ? null : s.text.slice(s.cut)),
  }, resultType);
}
