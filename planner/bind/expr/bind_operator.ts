/**
 * Operator resolution for the built-in operators Pier supports, following PostgreSQL's choices:
 * numeric-category promotion (int2 < int4 < int8 < numeric; any float → float8 unless both float4),
 * unknown literals take the other operand's type, text || anything, date/timestamp/interval arithmetic.
 */
import { bindJsonOperator } from './bind_json_operator.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { bindArrayConcat } from './bind_array.js';
import { bindBitwiseOperator } from './bind_bitwise.js';
import { coerceToType } from './coerce.js';
import { operatorDoesNotExist, operatorNotUnique } from './errors.js';
import type { BindContext } from './scope.js';
import { baseKind, numericPromote, typeCategory } from './type_rules.js';

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export const COMPARE_OPS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);
const REGEX_OPS: Record<string, string> = { '~': 'regex_match', '~*': 'regex_imatch', '!~': 'regex_not_match', '!~*': 'regex_not_imatch' };
const ARITH: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '^': 'pow' };

function call(fn: string, args: readonly BoundExpr[], type: SqlType): BoundExpr {
  return { kind: 'call', fn, args, type };
}

/** The type both sides of a comparison are coerced to, or null when no operator exists. */
export function comparisonType(a: SqlType, b: SqlType): SqlType | null {
  if (a.kind === 'unknown' && b.kind === 'unknown') return T.text;
  if (a.kind === 'unknown') return b.kind === 'varchar' || b.kind === 'bpchar' ? T.text : b;
  if (b.kind === 'unknown') return a.kind === 'varchar' || a.kind === 'bpchar' ? T.text : a;
  const ca = typeCategory(a);
  const cb = typeCategory(b);
  if (ca !== cb) return null;
  switch (ca) {
    case 'N': {
      const p = numericPromote(a, b);
      return p.kind === 'numeric' ? T.numeric : p;
    }
    case 'S': return a.kind === 'bpchar' && b.kind === 'bpchar' ? { kind: 'bpchar', length: null } : T.text;
    case 'D':
      if (a.kind === 'timestamptz' || b.kind === 'timestamptz') return T.timestamptz;
      if (a.kind === 'timestamp' || b.kind === 'timestamp') return T.timestamp;
      return T.date;
    case 'B': return T.bool;
    case 'T': return T.interval;
    case 'X': return T.text;
    // bytea = bytea, jsonb = jsonb (json has no comparison operators)
    case 'U': return a.kind === b.kind && a.kind !== 'json' ? a : null;
    case 'A': {
      if (a.kind !== 'array' || b.kind !== 'array') return null;
      const e = comparisonType(a.element, b.element);
      return e === null ? null : { kind: 'array', element: e };
    }
  }
}

export function bindComparison(op: CompareOp, l: BoundExpr, r: BoundExpr, position: number | undefined, ctx: BindContext): BoundExpr {
  const t = comparisonType(l.type, r.type);
  if (t === null) throw operatorDoesNotExist(op, l.type, r.type, position);
  const left = coerceToType(l, t, 'implicit', ctx, position);
  const right = coerceToType(r, t, 'implicit', ctx, position);
  return { kind: 'compare', op, left, right, type: T.bool };
}

export function bindBinaryOperator(op: string, l: BoundExpr, r: BoundExpr, position: number | undefined, ctx: BindContext): BoundExpr {
  if (op === '!=') op = '<>';
  if (COMPARE_OPS.has(op)) return bindComparison(op as CompareOp, l, r, position, ctx);
  const json = bindJsonOperator(op, l, r, position, ctx);
  if (json !== null) return json;
  if (op === '||') return bindConcat(l, r, position, ctx);
  const regex = REGEX_OPS[op];
  if (regex !== undefined) {
    const isStr = (t: SqlType) => typeCategory(t) === 'S' || t.kind === 'unknown';
    if (!isStr(l.type) || !isStr(r.type)) throw operatorDoesNotExist(op, l.type, r.type, position);
    return call(regex, [coerceToType(l, T.text, 'implicit', ctx, position), coerceToType(r, T.text, 'implicit', ctx, position)], T.bool);
  }
  const bitwise = bindBitwiseOperator(op, l, r, position, ctx);
  if (bitwise !== null) return bitwise;
  const name = ARITH[op];
  if (name === undefined) throw operatorDoesNotExist(op, l.type, r.type, position);
  const lt = l.type;
  const rt = r.type;
  const fail = () => operatorDoesNotExist(op, lt, rt, position);
  if (lt.kind === 'unknown' && rt.kind === 'unknown') throw operatorNotUnique(op, lt, rt, position);
  // unknown literal: assume the other operand's type, with PostgreSQL's special cases for datetimes
  if (lt.kind === 'unknown' || rt.kind === 'unknown') {
    const known = lt.kind === 'unknown' ? rt : lt;
    let assumed: SqlType = known.kind === 'varchar' || known.kind === 'bpchar' ? T.text : known;
    if ((known.kind === 'timestamp' || known.kind === 'timestamptz') && op === '+') assumed = T.interval;
    if ((known.kind === 'timestamp' || known.kind === 'timestamptz') && op === '-' && lt.kind !== 'unknown') assumed = known;
    if (known.kind === 'date' && op === '+') throw operatorNotUnique(op, lt, rt, position);
    const ll = lt.kind === 'unknown' ? coerceToType(l, assumed, 'implicit', ctx, position) : l;
    const rr = rt.kind === 'unknown' ? coerceToType(r, assumed, 'implicit', ctx, position) : r;
    return bindBinaryOperator(op, ll, rr, position, ctx);
  }
  const ca = typeCategory(lt);
  const cb = typeCategory(rt);
  if (ca === 'N' && cb === 'N') {
    let t = numericPromote(lt, rt);
    if (op === '%' && (t.kind === 'float4' || t.kind === 'float8')) throw fail();
    if (op === '^') t = t.kind === 'numeric' ? T.numeric : T.float8;
    const a = coerceToType(l, t, 'implicit', ctx, position);
    const b = coerceToType(r, t, 'implicit', ctx, position);
    return call(`${t.kind}_${name}`, [a, b], t);
  }
  const lk = baseKind(lt);
  const rk = baseKind(rt);
  // date arithmetic
  if (lk === 'date') {
    if ((op === '+' || op === '-') && (rk === 'int4' || rk === 'int2')) {
      return call(`date_${name}_int4`, [l, coerceToType(r, T.int4, 'implicit', ctx, position)], T.date);
    }
    if (op === '-' && rk === 'date') return call('date_sub_date', [l, r], T.int4);
    if ((op === '+' || op === '-') && rk === 'interval') {
      return call(`timestamp_${name}_interval`, [coerceToType(l, T.timestamp, 'implicit', ctx, position), r], T.timestamp);
    }
    if (op === '-' && (rk === 'timestamp' || rk === 'timestamptz')) {
      const t = rk === 'timestamp' ? T.timestamp : T.timestamptz;
      return call(`${t.kind}_sub_${t.kind}`, [coerceToType(l, t, 'implicit', ctx, position), r], T.interval);
    }
    throw fail();
  }
  if (lk === 'int4' || lk === 'int2') {
    if (op === '+' && rk === 'date') return call('date_add_int4', [r, coerceToType(l, T.int4, 'implicit', ctx, position)], T.date);
  }
  if (lk === 'timestamp' || lk === 'timestamptz') {
    const t = lk === 'timestamp' ? T.timestamp : T.timestamptz;
    if ((op === '+' || op === '-') && rk === 'interval') return call(`${lk}_${name}_interval`, [l, r], t);
    if (op === '-' && (rk === 'timestamp' || rk === 'timestamptz' || rk === 'date')) {
      const ct = lk === 'timestamptz' || rk === 'timestamptz' ? T.timestamptz : T.timestamp;
      return call(`${ct.kind}_sub_${ct.kind}`, [coerceToType(l, ct, 'implicit', ctx, position), coerceToType(r, ct, 'implicit', ctx, position)], T.interval);
    }
    throw fail();
  }
  if (lk === 'interval') {
    if (op === '+' && rk === 'date') return call('timestamp_add_interval', [coerceToType(r, T.timestamp, 'implicit', ctx, position), l], T.timestamp);
    if (op === '+' && (rk === 'timestamp' || rk === 'timestamptz')) return call(`${rk}_add_interval`, [r, l], rk === 'timestamp' ? T.timestamp : T.timestamptz);
    if ((op === '+' || op === '-') && rk === 'interval') return call(`interval_${name}`, [l, r], T.interval);
    if ((op === '*' || op === '/') && cb === 'N') return call(`interval_${name}_float8`, [l, coerceToType(r, T.float8, 'implicit', ctx, position)], T.interval);
    throw fail();
  }
  if (ca === 'N' && rk === 'interval' && op === '*') {
    return call('interval_mul_float8', [r, coerceToType(l, T.float8, 'implicit', ctx, position)], T.interval);
  }
  throw fail();
}

function isStringish(t: SqlType): boolean {
  return t.kind === 'text' || t.kind === 'varchar' || t.kind === 'bpchar' || t.kind === 'unknown';
}

function bindConcat(l: BoundExpr, r: BoundExpr, position: number | undefined, ctx: BindContext): BoundExpr {
  if (l.type.kind === 'array' || r.type.kind === 'array') return bindArrayConcat(l, r, ctx, position);
  if (!isStringish(l.type) && !isStringish(r.type)) throw operatorDoesNotExist('||', l.type, r.type, position);
  const toText = (e: BoundExpr): BoundExpr => (isStringish(e.type) ? coerceToType(e, T.text, 'implicit', ctx, position) : { kind: 'cast', arg: e, type: T.text, mode: 'explicit' });
  return call('text_concat', [toText(l), toText(r)], T.text);
}

export function bindUnaryOperator(op: string, arg: BoundExpr, position: number | undefined, ctx: BindContext): BoundExpr {
  void ctx;
  const t = arg.type;
  if (t.kind === 'unknown') throw operatorNotUnique(op, null, t, position);
  if (op === '+' && (typeCategory(t) === 'N' || t.kind === 'interval')) return arg;
  if (op === '-') {
    if (typeCategory(t) === 'N') {
      const rt = t.kind === 'numeric' ? T.numeric : t;
      return call(`${rt.kind}_neg`, [arg], rt);
    }
    if (t.kind === 'interval') return call('interval_neg', [arg], T.interval);
  }
  throw operatorDoesNotExist(op, null, t, position);
}
