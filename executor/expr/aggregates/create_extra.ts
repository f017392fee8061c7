/** Accumulators beyond count/sum/avg/min/max: null when `fn` is not one of them. */
import type { SqlType } from '../../../common/types.js';
import type { GroupedAccumulator } from './accumulator.js';
import { boolAccumulator } from './bool.js';
import { firstAccumulator } from './first.js';
import { modeAccumulator, percentileAccumulator } from './ordered_set.js';
import { statisticsAccumulator } from './statistics.js';
import { stringAggAccumulator } from './string_agg.js';
import { arrayAggAccumulator } from './array_agg.js';
import { jsonAggAccumulator } from './json_agg.js';

export function createExtraAccumulator(fn: string, argTypes: readonly SqlType[], resultType: SqlType): GroupedAccumulator | null {
  const arg = argTypes[0]!;
  switch (fn) {
    case 'bool_and': case 'every': return boolAccumulator('bool_and', resultType);
    case 'bool_or': return boolAccumulator('bool_or', resultType);
    case 'string_agg': return stringAggAccumulator(resultType);
    case 'array_agg': return arrayAggAccumulator(resultType);
    case 'variance': case 'var_samp': return statisticsAccumulator('var_samp', arg, resultType);
    case 'var_pop': return statisticsAccumulator('var_pop', arg, resultType);
    case 'stddev': case 'stddev_samp': return statisticsAccumulator('stddev_samp', arg, resultType);
    case 'stddev_pop': return statisticsAccumulator('stddev_pop', arg, resultType);
    case 'percentile_cont': case 'percentile_disc': return percentileAccumulator(fn, resultType);
    case 'mode': return modeAccumulator(arg, resultType);
    case '$first': return firstAccumulator(resultType);
    default: return jsonAggAccumulator(fn, resultType);
  }
}
