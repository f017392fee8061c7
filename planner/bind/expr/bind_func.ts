/**
 * Scalar function resolution (abs, round, lower, substring, date_trunc, extract, ...) and aggregate
 * typing (count, sum, avg, min, max). Each resolver returns the bound call or null when no signature
 * matches (→ 42883 function f(types) does not exist).
 */
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { EXTRA_AGGREGATES } from './aggregate_names.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import { functionDoesNotExist } from './errors.js';
import { ARRAY_RESOLVERS } from './func_array.js';
import { asOutputText } from './func_helpers.js';
import { EXTRA_RESOLVERS } from './func_resolvers.js';
import { SYSTEM_RESOLVERS } from './func_system.js';
import { JSON_RESOLVERS, TYPED_FIRST_RESOLVERS } from './func_json.js';
import { bindSrfCall, SRF_NAMES } from './func_srf.js';
import type { BindContext } from './scope.js';
import { numericPromote, typeCategory } from './type_rules.js';

type Resolver = (args: readonly BoundExpr[], ctx: BindContext, position: number | undefined) => BoundExpr | null;

const isInt = (t: SqlType) => t.kind === 'int2' || t.kind === 'int4' || t.kind === 'int8';
const isFloat = (t: SqlType) => t.kind === 'float4' || t.kind === 'float8';
const isNum = (t: SqlType) => typeCategory(t) === 'N';
const isStr = (t: SqlType) => typeCategory(t) === 'S' || t.kind === 'unknown';

function call(fn: string, args: readonly BoundExpr[], type: SqlType): BoundExpr {
  return { kind: 'call', fn, args, type };
}

/** Coerce each argument to the given types (implicitly); null when one cannot be. */
function fit(args: readonly BoundExpr[], types: readonly SqlType[], ctx: BindContext, position: number | undefined): BoundExpr[] | null {
  if (args.length !== types.length) return null;
  const out: BoundExpr[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = types[i]!;
    const ok = a.type.kind === 'unknown' || (typeCategory(t) === 'S' ? typeCategory(a.type) === 'S' : isNum(t) ? isNum(a.type) && canWiden(a.type, t) : a.type.kind === t.kind || canDatetime(a.type, t));
    if (!ok) return null;
    out.push(coerceToType(a, t, 'implicit', ctx, position));
  }
  return out;
}

function canWiden(from: SqlType, to: SqlType): boolean {
  if (from.kind === to.kind) return true;
  const p = numericPromote(from, to);
  return p.kind === to.kind || (to.kind === 'float8' && isNum(from)) || (to.kind === 'numeric' && (isInt(from) || from.kind === 'numeric'));
}

function canDatetime(from: SqlType, to: SqlType): boolean {
  return (from.kind === 'date' && (to.kind === 'timestamp' || to.kind === 'timestamptz')) || (from.kind === 'timestamp' && to.kind === 'timestamptz');
}

/** numeric-or-float8 math function: numeric in → numeric out, anything else numeric-category → float8 */
function numOrFloat(fn: string): Resolver {
  return (args, ctx, p) => {
    if (args.length !== 1) return null;
    const t = args[0]!.type;
    if (t.kind === 'numeric') return call(fn, args, T.numeric);
    if (isNum(t) || t.kind === 'unknown') {
      const a = fit(args, [T.float8], ctx, p);
      return a && call(fn, a, T.float8);
    }
    return null;
  };
}

function roundLike(fn: string): Resolver {
  const one = numOrFloat(fn);
  return (args, ctx, p) => {
    if (args.length === 1) return one(args, ctx, p);
    if (args.length === 2 && (isInt(args[0]!.type) || args[0]!.type.kind === 'numeric' || args[0]!.type.kind === 'unknown')) {
      const a = fit(args, [T.numeric, T.int4], ctx, p);
      return a && call(fn, a, T.numeric);
    }
    return null;
  };
}

function textFn(fn: string, types: readonly SqlType[], result: SqlType): Resolver {
  return (args, ctx, p) => {
    const a = fit(args, types, ctx, p);
    return a && call(fn, a, result);
  };
}

function overloads(...rs: Resolver[]): Resolver {
  return (args, ctx, p) => {
    for (const r of rs) {
      const b = r(args, ctx, p);
      if (b !== null) return b;
    }
    return null;
  };
}

const NOW: Resolver = (args) => (args.length === 0 ? call('now', [], T.timestamptz) : null);

const RESOLVERS: Record<string, Resolver> = {
  abs: (args) => {
    if (args.length !== 1 || !isNum(args[0]!.type)) return null;
    const t = args[0]!.type.kind === 'numeric' ? T.numeric : args[0]!.type;
    return call('abs', args, t);
  },
  round: roundLike('round'),
  trunc: roundLike('trunc'),
  floor: numOrFloat('floor'),
  ceil: numOrFloat('ceil'),
  ceiling: numOrFloat('ceil'),
  sqrt: numOrFloat('sqrt'),
  mod: (args, ctx, p) => {
    if (args.length !== 2) return null;
    const [a, b] = [args[0]!.type, args[1]!.type];
    if (!(isNum(a) || a.kind === 'unknown') || !(isNum(b) || b.kind === 'unknown') || isFloat(a) || isFloat(b)) return null;
    const t = a.kind === 'unknown' ? (b.kind === 'unknown' ? T.numeric : b) : b.kind === 'unknown' ? a : numericPromote(a, b);
    const rt = t.kind === 'numeric' ? T.numeric : t;
    const c = fit(args, [rt, rt], ctx, p);
    return c && call(`${rt.kind}_mod`, c, rt);
  },
  power: powerResolver(),
  pow: powerResolver(),
  lower: textFn('lower', [T.text], T.text),
  upper: textFn('upper', [T.text], T.text),
  length: textFn('length', [T.text], T.int4),
  char_length: textFn('length', [T.text], T.int4),
  character_length: textFn('length', [T.text], T.int4),
  octet_length: textFn('octet_length', [T.text], T.int4),
  substring: overloads(
    (args, ctx, p) => (args.length === 2 && isStr(args[1]!.type) ? textFn('substring_regex', [T.text, T.text], T.text)(args, ctx, p) : null),
    textFn('substr', [T.text, T.int4], T.text), textFn('substr', [T.text, T.int4, T.int4], T.text)),
  substr: overloads(textFn('substr', [T.text, T.int4], T.text), textFn('substr', [T.text, T.int4, T.int4], T.text)),
  position: textFn('strpos', [T.text, T.text], T.int4),
  strpos: textFn('strpos', [T.text, T.text], T.int4),
  btrim: overloads(textFn('btrim', [T.text], T.text), textFn('btrim', [T.text, T.text], T.text)),
  trim: overloads(textFn('btrim', [T.text], T.text), textFn('btrim', [T.text, T.text], T.text)),
  ltrim: overloads(textFn('ltrim', [T.text], T.text), textFn('ltrim', [T.text, T.text], T.text)),
  rtrim: overloads(textFn('rtrim', [T.text], T.text), textFn('rtrim', [T.text, T.text], T.text)),
  replace: textFn('replace', [T.text, T.text, T.text], T.text),
  lpad: overloads(textFn('lpad', [T.text, T.int4], T.text), textFn('lpad', [T.text, T.int4, T.text], T.text)),
  rpad: overloads(textFn('rpad', [T.text, T.int4], T.text), textFn('rpad', [T.text, T.int4, T.text], T.text)),
  left: textFn('left', [T.text, T.int4], T.text),
  right: textFn('right', [T.text, T.int4], T.text),
  split_part: textFn('split_part', [T.text, T.text, T.int4], T.text),
  reverse: textFn('reverse', [T.text], T.text),
  repeat: textFn('repeat', [T.text, T.int4], T.text),
  concat: (args, ctx, p) => {
    if (args.length === 0) return null;
    return call('concat', args.map((e) => asOutputText(e, ctx, p)), T.text);
  },
  now: NOW,
  transaction_timestamp: NOW,
  statement_timestamp: NOW,
  date_trunc: (args, ctx, p) => {
    if (args.length !== 2) return null;
    const t = args[1]!.type;
    const target = t.kind === 'timestamp' ? T.timestamp : t.kind === 'interval' ? T.interval : t.kind === 'date' || t.kind === 'timestamptz' || t.kind === 'unknown' ? T.timestamptz : null;
    if (target === null) return null;
    const a = fit(args, [T.text, target], ctx, p);
    return a && call('date_trunc', a, target);
  },
  extract: (args, ctx, p) => datePart('extract', T.numeric, args, ctx, p),
  date_part: (args, ctx, p) => datePart('date_part', T.float8, args, ctx, p),
};

function datePart(fn: string, result: SqlType, args: readonly BoundExpr[], ctx: BindContext, p: number | undefined): BoundExpr | null {
  if (args.length !== 2) return null;
  const t = args[1]!.type;
  let target: SqlType | null;
  switch (t.kind) {
    case 'date': target = fn === 'extract' ? T.date : T.timestamp; break;
    case 'timestamp': case 'timestamptz': case 'interval': target = t; break;
    case 'unknown': target = T.timestamptz; break;
    default: target = null;
  }
  if (target === null) return null;
  const a = fit(args, [T.text, target], ctx, p);
  return a && call(fn, a, result);
}

function powerResolver(): Resolver {
  return (args, ctx, p) => {
    if (args.length !== 2 || !args.every((a) => isNum(a.type) || a.type.kind === 'unknown')) return null;
    const anyNumeric = args.some((a) => a.type.kind === 'numeric');
    const anyFloat = args.some((a) => isFloat(a.type));
    const t = anyNumeric && !anyFloat ? T.numeric : T.float8;
    const a = fit(args, [t, t], ctx, p);
    return a && call(t.kind === 'numeric' ? 'numeric_pow' : 'float8_pow', a, t);
  };
}

export function bindFunctionCall(name: string, args: readonly BoundExpr[], ctx: BindContext, position: number | undefined): BoundExpr {
  if (SRF_NAMES.has(name)) return bindSrfCall(name, args, ctx, position);
  const typed = TYPED_FIRST_RESOLVERS[name]?.(args, ctx, position) ?? null;
  if (typed !== null) return typed;
  const r = RESOLVERS[name] ?? JSON_RESOLVERS[name] ?? EXTRA_RESOLVERS[name] ?? ARRAY_RESOLVERS[name] ?? SYSTEM_RESOLVERS[name];
  const bound = r === undefined ? null : r(args, ctx, position);
  if (bound === null) throw functionDoesNotExist(name, args.map((a) => a.type), position);
  return bound;
}

export function isScalarFunctionName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(RESOLVERS, name) || Object.prototype.hasOwnProperty.call(EXTRA_RESOLVERS, name) || Object.prototype.hasOwnProperty.call(ARRAY_RESOLVERS, name) || Object.prototype.hasOwnProperty.call(SYSTEM_RESOLVERS, name) || Object.prototype.hasOwnProperty.call(JSON_RESOLVERS, name);
}

const AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg', 'min', 'max', 'array_agg', ...EXTRA_AGGREGATES]);

export function isAggregateName(name: string): boolean {
  return AGGREGATES.has(name);
}

/** Result type of an aggregate over an argument of type `arg` (null: no such aggregate signature). */
export function aggregateResultType(name: string, arg: SqlType | null): SqlType | null {
  if (name === 'count') return T.int8;
  if (arg === null) return null;
  switch (name) {
    case 'array_agg':
      if (arg.kind === 'array') return null;
      return { kind: 'array', element: arg };
    case 'sum':
      switch (arg.kind) {
        case 'int2': case 'int4': return T.int8;
        case 'int8': case 'numeric': return T.numeric;
        case 'float4': return T.float4;
        case 'float8': return T.float8;
        case 'interval': return T.interval;
        default: return null;
      }
    case 'avg':
      switch (arg.kind) {
        case 'int2': case 'int4': case 'int8': case 'numeric': return T.numeric;
        case 'float4': case 'float8': return T.float8;
        case 'interval': return T.interval;
        default: return null;
      }
    case 'min': case 'max':
      switch (arg.kind) {
        case 'numeric': return T.numeric;
        case 'varchar': case 'unknown': return T.text;
        case 'bpchar': return { kind: 'bpchar', length: null };
        // PostgreSQL has no min/max over bytea, json or jsonb
        case 'bytea': case 'json': case 'jsonb': return null;
        default: return arg;
      }
    default:
      return null;
  }
}
