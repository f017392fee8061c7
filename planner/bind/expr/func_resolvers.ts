/**
 * Resolvers of the string, regex, math and date/time functions beyond the basic set in bind_func.ts.
 * Each maps argument types to an implementation name (executor/expr/functions) and result type.
 */
import type { SqlType } from '../../../common/types.js';
import { T, formatType } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import { asOutputText, asText, call, fit, fixed, float8Fn, isFloat, isInt, isNum, isStr, numOrFloat, overloads, type Resolver } from './func_helpers.js';
import { numericPromote } from './type_rules.js';

const TS_TARGETS = (t: SqlType): SqlType | null =>
  t.kind === 'timestamp' ? T.timestamp : t.kind === 'timestamptz' || t.kind === 'date' || t.kind === 'unknown' ? T.timestamptz : null;

const TEXT_ARR: SqlType = { kind: 'array', element: T.text };

/** int-family binary function with the promoted integer type (gcd, lcm). */
function intPair(fn: string): Resolver {
  return (args, ctx, p) => {
    if (args.length !== 2 || !args.every((a) => isInt(a.type) || a.type.kind === 'numeric' || a.type.kind === 'unknown')) return null;
    const [a, b] = [args[0]!.type, args[1]!.type];
    let t = a.kind === 'unknown' ? (b.kind === 'unknown' ? T.int4 : b) : b.kind === 'unknown' ? a : numericPromote(a, b);
    if (t.kind === 'int2') t = T.int4;
    if (t.kind === 'numeric') t = T.numeric;
    const c = fit(args, [t, t], ctx, p);
    return c && call(fn, c, t);
  };
}

const toChar: Resolver = (args, ctx, p) => {
  if (args.length !== 2) return null;
  const t = args[0]!.type;
  let target: SqlType | null = null;
  if (isNum(t)) target = t.kind === 'numeric' ? T.numeric : t;
  else if (t.kind === 'unknown') return null;
  else target = TS_TARGETS(t);
  if (target === null) return null;
  const a = fit(args, [target, T.text], ctx, p);
  return a && call('to_char', a, T.text);
};

const ageR: Resolver = (args, ctx, p) => {
  if (args.length < 1 || args.length > 2) return null;
  const t = args.some((a) => a.type.kind === 'timestamp') && !args.some((a) => a.type.kind === 'timestamptz' || a.type.kind === 'date') ? T.timestamp : T.timestamptz;
  if (!args.every((a) => TS_TARGETS(a.type) !== null)) return null;
  const a = fit(args, args.map(() => t), ctx, p);
  return a && call('age', a, T.interval);
};

const timezoneR: Resolver = (args, ctx, p) => {
  if (args.length !== 2) return null;
  const k = args[1]!.type.kind;
  const target = k === 'timestamp' ? T.timestamp : k === 'timestamptz' || k === 'date' || k === 'unknown' ? T.timestamptz : null;
  if (target === null) return null;
  if (k === 'date') {
    const a = fit(args, [T.text, T.timestamptz], ctx, p);
    return a && call('timezone', a, T.timestamp);
  }
  const a = fit(args, [T.text, target], ctx, p);
  return a && call('timezone', a, target.kind === 'timestamp' ? T.timestamptz : T.timestamp);
};

const NUM_ANY = (fn: string): Resolver => (args, ctx, p) => {
  if (args.length !== 1 || !(isNum(args[0]!.type) || args[0]!.type.kind === 'unknown')) return null;
  return numOrFloat(fn)(args, ctx, p);
};

export const EXTRA_RESOLVERS: Record<string, Resolver> = {
  // strings
  initcap: fixed('initcap', [T.text], T.text),
  translate: fixed('translate', [T.text, T.text, T.text], T.text),
  md5: fixed('md5', [T.text], T.text),
  starts_with: fixed('starts_with', [T.text, T.text], T.bool),
  ascii: fixed('ascii', [T.text], T.int4),
  chr: fixed('chr', [T.int4], T.text),
  quote_ident: fixed('quote_ident', [T.text], T.text),
  quote_literal: (args, ctx, p) => (args.length === 1 ? call('quote_literal', [asText(args[0]!, ctx, p)], T.text) : null),
  quote_nullable: (args, ctx, p) => (args.length === 1 ? call('quote_nullable', [asText(args[0]!, ctx, p)], T.text) : null),
  bit_length: fixed('bit_length', [T.text], T.int4),
  to_hex: overloads(fixed('to_hex', [T.int4], T.text), fixed('to_hex', [T.int8], T.text)),
  concat_ws: (args, ctx, p) => {
    if (args.length < 1 || !isStr(args[0]!.type)) return null;
    return call('concat_ws', args.map((a) => asOutputText(a, ctx, p)), T.text);
  },
  format: (args, ctx, p) => {
    if (args.length < 1 || !isStr(args[0]!.type)) return null;
    return call('format', args.map((a) => asOutputText(a, ctx, p)), T.text);
  },
  // regular expressions
  regexp_replace: overloads(fixed('regexp_replace', [T.text, T.text, T.text], T.text), fixed('regexp_replace', [T.text, T.text, T.text, T.text], T.text)),
  regexp_match: overloads(fixed('regexp_match', [T.text, T.text], TEXT_ARR), fixed('regexp_match', [T.text, T.text, T.text], TEXT_ARR)),
  regexp_like: overloads(fixed('regexp_like', [T.text, T.text], T.bool), fixed('regexp_like', [T.text, T.text, T.text], T.bool)),
  // math
  sign: NUM_ANY('sign'),
  cbrt: float8Fn('cbrt', 1),
  exp: NUM_ANY('exp'),
  ln: NUM_ANY('ln'),
  log10: NUM_ANY('log10'),
  log: overloads(NUM_ANY('log'), (args, ctx, p) => {
    if (args.length !== 2 || args.some((a) => isFloat(a.type))) return null;
    const a = fit(args, [T.numeric, T.numeric], ctx, p);
    return a && call('log', a, T.numeric);
  }),
  pi: (args) => (args.length === 0 ? call('pi', [], T.float8) : null),
  degrees: float8Fn('degrees', 1),
  radians: float8Fn('radians', 1),
  sin: float8Fn('sin', 1), cos: float8Fn('cos', 1), tan: float8Fn('tan', 1), cot: float8Fn('cot', 1),
  asin: float8Fn('asin', 1), acos: float8Fn('acos', 1), atan: float8Fn('atan', 1), atan2: float8Fn('atan2', 2),
  random: (args) => (args.length === 0 ? call('random', [], T.float8) : null),
  width_bucket: (args, ctx, p) => {
    if (args.length !== 4) return null;
    const anyNumeric = args.slice(0, 3).some((a) => a.type.kind === 'numeric');
    const t = anyNumeric && !args.slice(0, 3).some((a) => isFloat(a.type)) ? T.numeric : T.float8;
    const a = fit(args, [t, t, t, T.int4], ctx, p);
    return a && call('width_bucket', a, T.int4);
  },
  gcd: intPair('gcd'),
  lcm: intPair('lcm'),
  div: fixed('div', [T.numeric, T.numeric], T.numeric),
  scale: fixed('scale', [T.numeric], T.int4),
  factorial: fixed('factorial', [T.int8], T.numeric),
  // date/time
  make_date: fixed('make_date', [T.int4, T.int4, T.int4], T.date),
  make_timestamp: fixed('make_timestamp', [T.int4, T.int4, T.int4, T.int4, T.int4, T.float8], T.timestamp),
  make_timestamptz: overloads(
    fixed('make_timestamptz', [T.int4, T.int4, T.int4, T.int4, T.int4, T.float8], T.timestamptz),
    fixed('make_timestamptz', [T.int4, T.int4, T.int4, T.int4, T.int4, T.float8, T.text], T.timestamptz),
  ),
  make_interval: (args, ctx, p) => {
    if (args.length > 7) return null;
    const types = [T.int4, T.int4, T.int4, T.int4, T.int4, T.int4, T.float8];
    const a = fit(args, types.slice(0, args.length), ctx, p);
    if (a === null) return null;
    const defaults: BoundExpr[] = types.slice(args.length).map((t) => ({ kind: 'const', value: 0, type: t }));
    return call('make_interval', [...a, ...defaults], T.interval);
  },
  age: ageR,
  justify_days: fixed('justify_days', [T.interval], T.interval),
  justify_hours: fixed('justify_hours', [T.interval], T.interval),
  justify_interval: fixed('justify_interval', [T.interval], T.interval),
  to_char: toChar,
  to_date: fixed('to_date', [T.text, T.text], T.date),
  to_timestamp: overloads(fixed('to_timestamp_fmt', [T.text, T.text], T.timestamptz), fixed('to_timestamp', [T.float8], T.timestamptz)),
  timezone: timezoneR,
  pg_typeof: (args) => (args.length === 1 ? { kind: 'const', value: formatType(args[0]!.type), type: T.text } : null),
  clock_timestamp: (args) => (args.length === 0 ? call('now', [], T.timestamptz) : null),
  isfinite: (args, ctx, p) => {
    if (args.length !== 1) return null;
    const t = args[0]!.type;
    const target = t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'interval' ? t : TS_TARGETS(t);
    if (target === null) return null;
    return call('isfinite', [coerceToType(args[0]!, target, 'implicit', ctx, p)], T.bool);
  },
};
