/**
 * coerceToType (implicit / assignment / explicit) and commonType (PostgreSQL's select_common_type).
 * Unknown literals are parsed into the target type at bind time; unknown parameters get their type
 * written back into ctx.params.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { T, formatType, typesEqual } from '../../../common/types.js';
import { castAllowed } from '../../../common/values/cast.js';
import { parseDatum } from '../../../common/values/text_io.js';
import { castDatum } from '../../../common/values/cast.js';
import type { BoundExpr } from './bound_expr.js';
import { withPos } from './errors.js';
import type { BindContext } from './scope.js';
import { canImplicitlyCast, isPreferredType, typeCategory } from './type_rules.js';

export function coerceToType(expr: BoundExpr, type: SqlType, mode: 'implicit' | 'assignment' | 'explicit', ctx: BindContext, position?: number): BoundExpr {
  if (typesEqual(expr.type, type)) return expr;
  if (type.kind === 'unknown') return expr;
  if (expr.kind === 'param' && expr.type.kind === 'unknown') {
    ctx.params[expr.index] = type;
    return { kind: 'param', index: expr.index, type };
  }
  if (expr.type.kind === 'unknown') {
    if (expr.kind === 'const') {
      if (expr.value === null) return { kind: 'const', value: null, type };
      if (type.kind === 'text') return { kind: 'const', value: expr.value, type };
      const text = String(expr.value);
      // as PostgreSQL: the input function reads the text without a length limit, then the length coercion of the
      // context applies (an explicit cast truncates, an assignment raises 22001)
      if ((type.kind === 'varchar' || type.kind === 'bpchar') && type.length !== null) {
        const base: SqlType = { kind: type.kind, length: null };
        const value = withPos(position, () => castDatum(parseDatum(base, text, ctx.values), base, type, mode, ctx.values));
        return { kind: 'const', value, type };
      }
      const value = withPos(position, () => parseDatum(type, text, ctx.values));
      return { kind: 'const', value, type };
    }
    return { kind: 'cast', arg: expr, type, mode };
  }
  if (expr.type.kind === type.kind) {
    // same base type, different typmod: implicit coercion to the unconstrained type is a no-op relabel
    return { kind: 'cast', arg: expr, type, mode };
  }
  const ok = mode === 'implicit' ? canImplicitlyCast(expr.type, type) : castAllowedSafe(expr.type, type, mode);
  if (!ok) {
    if (mode === 'explicit') {
      throw new QueryError(SQLSTATE.cannot_coerce, `cannot cast type ${formatType(expr.type)} to ${formatType(type)}`, { position });
    }
    throw new QueryError(SQLSTATE.datatype_mismatch, `cannot cast type ${formatType(expr.type)} to ${formatType(type)}`, { position });
  }
  return { kind: 'cast', arg: expr, type, mode };
}

/** castAllowed from common/values, with a local fallback for implicit casts and casts to/from text. */
function castAllowedSafe(from: SqlType, to: SqlType, mode: 'assignment' | 'explicit'): boolean {
  try {
    return castAllowed(from, to, mode);
  } catch (e) {
    if (e instanceof Error && e.message === 'TODO') return fallbackCastAllowed(from, to, mode);
    throw e;
  }
}

function fallbackCastAllowed(from: SqlType, to: SqlType, mode: 'assignment' | 'explicit'): boolean {
  if (canImplicitlyCast(from, to)) return true;
  const cf = typeCategory(from);
  const ct = typeCategory(to);
  if (ct === 'S') return true; // I/O conversion to string is assignment
  if (cf === 'S') return mode === 'explicit';
  if (cf === 'N' && ct === 'N') return true;
  if (cf === 'D' && ct === 'D') return true;
  if ((from.kind === 'int4' && to.kind === 'bool') || (from.kind === 'bool' && to.kind === 'int4')) return mode === 'explicit';
  return false;
}

/**
 * select_common_type: the first non-unknown type wins unless a later one of the same category is
 * preferred/implicitly reachable; all-unknown resolves to text. Mixed categories → 42804
 * `<context> types X and Y cannot be matched`. Typmods survive only when all inputs agree.
 */
export function commonType(types: readonly SqlType[], context: string, ctx: BindContext, position?: number, positions?: readonly (number | undefined)[]): SqlType {
  void ctx;
  let ptype: SqlType | null = null;
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!;
    if (t.kind === 'unknown') continue;
    if (ptype === null) { ptype = t; continue; }
    if (ptype.kind === t.kind) continue;
    if (typeCategory(ptype) !== typeCategory(t)) {
      throw new QueryError(SQLSTATE.datatype_mismatch, `${context} types ${formatType(ptype)} and ${formatType(t)} cannot be matched`, { position: positions?.[i] ?? position });
    }
    if (!isPreferredType(ptype) && canImplicitlyCast(ptype, t) && !canImplicitlyCast(t, ptype)) ptype = t;
  }
  if (ptype === null) return T.text;
  // the type modifier survives only when every input has exactly this type (PostgreSQL's select_common_typmod)
  const p = ptype;
  if (!types.every((t) => t.kind === 'unknown' || typesEqual(t, p))) {
    if (p.kind === 'numeric') return T.numeric;
    if (p.kind === 'varchar') return T.varchar;
    if (p.kind === 'bpchar') return { kind: 'bpchar', length: null };
  }
  return ptype;
}
