/**
 * Ordered-set aggregates over rows that arrive already sorted (OrderedAccumulator sorts them):
 * percentile_cont(f) / percentile_disc(f) WITHIN GROUP (ORDER BY x) — args [f, x] — and mode() WITHIN
 * GROUP (ORDER BY x) — args [x]. NULL values of x are ignored; a NULL fraction gives NULL.
 */
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { datumKey } from '../datum_compare.js';
import type { GroupedAccumulator } from './accumulator.js';
import { stateAccumulator } from './state_accumulator.js';

interface Collected { fraction: Datum | undefined; values: Datum[] }

function checkFraction(f: number): number {
  if (Number.isNaN(f) || f < 0 || f > 1) throw new QueryError(SQLSTATE.numeric_value_out_of_range, `percentile value ${String(f)} is not between 0 and 1`);
  return f;
}

export function percentileAccumulator(fn: 'percentile_cont' | 'percentile_disc', resultType: SqlType): GroupedAccumulator {
  return stateAccumulator<Collected>({
    init: () => ({ fraction: undefined, values: [] }),
    add: (s, row) => {
      if (s.fraction === undefined) s.fraction = row[0] ?? null;
      const x = row[1] ?? null;
      if (x !== null) s.values.push(x);
      return s;
    },
    combine: (a, b) => ({ fraction: a.fraction === undefined ? b.fraction : a.fraction, values: [...a.values, ...b.values] }),
    finish: (s) => {
      const n = s.values.length;
      if (n === 0 || s.fraction === undefined || s.fraction === null) return null;
      const p = checkFraction(s.fraction as number);
      if (fn === 'percentile_disc') {
        const row = Math.max(Math.ceil(p * n), 1);
        return s.values[row - 1]!;
      }
      const pos = p * (n - 1);
      const lo = Math.floor(pos);
      const hi = Math.ceil(pos);
      const a = s.values[lo] as number;
      if (lo === hi) return a;
      const b = s.values[hi] as number;
      return a + (b - a) * (pos - lo);
    },
  }, resultType);
}

interface ModeState { best: Datum; bestCount: number; current: Datum; currentKey: unknown; count: number }

export function modeAccumulator(argType: SqlType, resultType: SqlType): GroupedAccumulator {
  const close = (s: ModeState): void => {
    if (s.count > s.bestCount) { s.best = s.current; s.bestCount = s.count; }
  };
  return stateAccumulator<ModeState>({
    init: () => ({ best: null, bestCount: 0, current: null, currentKey: undefined, count: 0 }),
    add: (s, row) => {
      const x = row[0] ?? null;
      if (x === null) return s;
      const key = datumKey(argType, x as Exclude<Datum, null>);
      if (s.count > 0 && key === s.currentKey) { s.count++; return s; }
      close(s);
      s.current = x;
      s.currentKey = key;
      s.count = 1;
      return s;
    },
    // rows reach this accumulator only after sorting (never as partial states)
    combine: (a) => a,
    finish: (s) => { close(s); return s.best; },
  }, resultType);
}
