/** Scalar function lookup: resolved `fn` name + argument types → a per-row implementation. */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { EvalContext } from '../compile.js';
import { formatDatum } from '../../../common/values/text_io.js';
import { arithScalar } from './arith.js';
import { bitwiseFunction } from './bitwise.js';
import { arrayFunction } from './array.js';
import { jsonFunction } from './json.js';
import { systemFunction } from './system.js';
import { datetimeFunction } from './datetime.js';
import { datetimeExtra } from './datetime_extra.js';
import { mathFunction } from './math.js';
import { mathExtra } from './math_extra.js';
import { regexMatchOp, regexpMatch, regexpReplace, similarMatch, substringRegex } from './regex.js';
import { STRING_FUNCTIONS, concatFn } from './string.js';
import { NONSTRICT_STRING, STRING_EXTRA } from './string_extra.js';

/** Called with non-null arguments (for strict functions). */
export type ScalarFn = (args: readonly Datum[]) => Datum;

export interface ScalarImpl {
  readonly fn: ScalarFn;
  /** strict: NULL in any argument → NULL without calling fn */
  readonly strict: boolean;
}

const REGEX: Record<string, ScalarFn> = {
  regex_match: regexMatchOp(false),
  regex_imatch: regexMatchOp(true),
  regex_not_match: (a) => !regexMatchOp(false)(a),
  regex_not_imatch: (a) => !regexMatchOp(true)(a),
  regexp_replace: regexpReplace,
  regexp_match: regexpMatch,
  regexp_like: (a) => regexpMatch(a) !== null,
  substring_regex: substringRegex,
  similar_match: similarMatch,
};

export function lookupScalar(name: string, argTypes: readonly SqlType[], ctx: EvalContext): ScalarImpl | null {
  if (name === 'concat') return { fn: concatFn, strict: false };
  if (name === 'text_out') { const t = argTypes[0]!; return { fn: (a) => formatDatum(t, a[0]!, ctx.values), strict: true }; }
  const sys = systemFunction(name);
  if (sys !== null) return sys;
  const arr = arrayFunction(name, argTypes, ctx.values);
  if (arr !== null) return arr;
  const json = jsonFunction(name, argTypes, ctx.values);
  if (json !== null) return json;
  const ns = NONSTRICT_STRING[name];
  if (ns !== undefined) return { fn: ns, strict: false };
  const f = arithScalar(name) ?? bitwiseFunction(name) ?? STRING_FUNCTIONS[name] ?? STRING_EXTRA[name] ?? REGEX[name] ?? mathFunction(name, argTypes)
    ?? mathExtra(name, argTypes) ?? datetimeFunction(name, argTypes, ctx) ?? datetimeExtra(name, argTypes, ctx);
  return f === null || f === undefined ? null : { fn: f, strict: true };
}
