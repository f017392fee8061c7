/** Scalar function lookup: resolved `fn` name + argument types → a per-row implementation. */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { EvalContext } from '../compile.js';
import { arithScalar } from './arith.js';
import { datetimeFunction } from './datetime.js';
import { mathFunction } from './math.js';
import { STRING_FUNCTIONS, concatFn } from './string.js';

/** Called with non-null arguments (for strict functions). */
export type ScalarFn = (args: readonly Datum[]) => Datum;

export interface ScalarImpl {
  readonly fn: ScalarFn;
  /** strict: NULL in any argument → NULL without calling fn */
  readonly strict: boolean;
}

export function lookupScalar(name: string, argTypes: readonly SqlType[], ctx: EvalContext): ScalarImpl | null {
  if (name === 'concat') return { fn: concatFn, strict: false };
  const f = arithScalar(name) ?? STRING_FUNCTIONS[name] ?? mathFunction(name, argTypes) ?? datetimeFunction(name, argTypes, ctx);
  return f === null || f === undefined ? null : { fn: f, strict: true };
}
