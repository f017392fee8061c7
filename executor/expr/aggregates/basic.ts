/** count, count_star, min, max over groups; sum and avg (exact integer/numeric sums) in aggregate/sum_accumulator.ts. */
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import type { Vector } from '../../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { createCountAccumulator } from '../../aggregate/count_accumulator.js';
import { createSumAccumulator } from '../../aggregate/sum_accumulator.js';
import { comparatorFor } from '../datum_compare.js';
import type { GroupedAccumulator } from './accumulator.js';

type D = Exclude<Datum, null>;

export function createBasicAccumulator(fn: string, argType: SqlType | null, resultType: SqlType): GroupedAccumulator {
  if ((fn === 'sum' || fn === 'avg') && argType !== null) return createSumAccumulator(fn, argType, resultType);
  if ((fn === 'count' && argType !== null) || fn === 'count_star') if (resultType.kind === 'int8') return createCountAccumulator(fn === 'count_star', resultType);
  const states: unknown[] = [];
  const init = (): unknown => {
    switch (fn) {
      case 'count': case 'count_star': return 0;
      case 'min': case 'max': return null;
      default: throw new QueryError(SQLSTATE.undefined_function, `aggregate ${fn} is not implemented`);
    }
  };
  init();
  const cmp = argType === null ? null : comparatorFor(argType);
  const better = (a: D, b: D) => (fn === 'min' ? cmp!(a, b) < 0 : cmp!(a, b) > 0);
  const foldOne = (g: number, d: D) => {
    switch (fn) {
      case 'count': states[g] = (states[g] as number) + 1; break;
      case 'min': case 'max': { const cur = states[g] as D | null; if (cur === null || better(d, cur)) states[g] = d; break; }
    }
  };
  const finalOne = (s: unknown): Datum => {
    switch (fn) {
      case 'count': case 'count_star': return BigInt(s as number);
      case 'min': case 'max': return s as Datum;
      default: return null;
    }
  };
  return {
    resize(n) { while (states.length < n) states.push(init()); },
    update(groupIds, rows, args, filter) {
      const v: Vector | undefined = args[0];
      for (let r = 0; r < rows; r++) {
        if (filter !== null && getDatum(filter, r) !== true) continue;
        const g = groupIds[r]!;
        if (fn === 'count_star') { states[g] = (states[g] as number) + 1; continue; }
        const d = getDatum(v!, r);
        if (d !== null) foldOne(g, d);
      }
    },
    serialize() { return states.slice(); },
    merge(serialized, mapping) {
      const parts = serialized as unknown[];
      for (let i = 0; i < parts.length; i++) {
        const g = mapping[i]!;
        const p = parts[i];
        switch (fn) {
          case 'count': case 'count_star': states[g] = (states[g] as number) + (p as number); break;
          case 'min': case 'max': if (p !== null) foldOne(g, p as D); break;
        }
      }
    },
    finalize() { return vectorFromDatums(resultType, states.map(finalOne)); },
  };
}
