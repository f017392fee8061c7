/** Shared pieces of function resolution: a resolver type, argument fitting (implicit coercion), overloads. */
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import type { BindContext } from './scope.js';
import { canImplicitlyCast, typeCategory } from './type_rules.js';

export type Resolver = (args: readonly BoundExpr[], ctx: BindContext, position: number | undefined) => BoundExpr | null;

export const isInt = (t: SqlType) => t.kind === 'int2' || t.kind === 'int4' || t.kind === 'int8';
export const isFloat = (t: SqlType) => t.kind === 'float4' || t.kind === 'float8';
export const isNum = (t: SqlType) => typeCategory(t) === 'N';
export const isStr = (t: SqlType) => typeCategory(t) === 'S' || t.kind === 'unknown';

export function call(fn: string, args: readonly BoundExpr[], type: SqlType): BoundExpr {
  return { kind: 'call', fn, args, type };
}

/** Can `from` be passed where `to` is expected (implicitly)? Strings fit text; arrays fit by element. */
export function fits(from: SqlType, to: SqlType): boolean {
  if (from.kind === 'unknown') return true;
  if (typeCategory(to) === 'S') return typeCategory(from) === 'S';
  if (to.kind === 'array') return from.kind === 'array' && fits(from.element, to.element);
  return canImplicitlyCast(from, to);
}

/** Coerce each argument to the given types (implicitly); null when one cannot be. */
export function fit(args: readonly BoundExpr[], types: readonly SqlType[], ctx: BindContext, position: number | undefined): BoundExpr[] | null {
  if (args.length !== types.length) return null;
  if (!args.every((a, i) => fits(a.type, types[i]!))) return null;
  return args.map((a, i) => coerceToType(a, types[i]!, 'implicit', ctx, position));
}

export function fixed(fn: string, types: readonly SqlType[], result: SqlType): Resolver {
  return (args, ctx, p) => {
    const a = fit(args, types, ctx, p);
    return a && call(fn, a, result);
  };
}

export function overloads(...rs: Resolver[]): Resolver {
  return (args, ctx, p) => {
    for (const r of rs) {
      const b = r(args, ctx, p);
      if (b !== null) return b;
    }
    return null;
  };
}

/** Explicit cast to text (as concat/format/|| do for non-string arguments). */
export function asText(e: BoundExpr, ctx: BindContext, p: number | undefined): BoundExpr {
  return isStr(e.type) ? coerceToType(e, T.text, 'implicit', ctx, p) : { kind: 'cast', arg: e, type: T.text, mode: 'explicit' };
}

/** The argument's output-function text (as concat/format print values: true → 't', char(n) keeps its padding). */
export function asOutputText(e: BoundExpr, ctx: BindContext, p: number | undefined): BoundExpr {
  if (e.type.kind === 'text' || e.type.kind === 'varchar' || e.type.kind === 'unknown') return coerceToType(e, T.text, 'implicit', ctx, p);
  return { kind: 'call', fn: 'text_out', args: [e], type: T.text };
}

/** float8 math function over any numeric-category argument. */
export function float8Fn(fn: string, n: number): Resolver {
  return fixed(fn, new Array<SqlType>(n).fill(T.float8), T.float8);
}

/** numeric in → numeric out, other numeric-category → float8 (like ln, exp, log). */
export function numOrFloat(fn: string): Resolver {
  return (args, ctx, p) => {
    if (args.length !== 1) return null;
    const t = args[0]!.type;
    if (t.kind === 'numeric') return call(fn, args, T.numeric);
    const a = fit(args, [T.float8], ctx, p);
    return a && call(fn, a, T.float8);
  };
}
