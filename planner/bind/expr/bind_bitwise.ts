/**
 * Bitwise operators on integers (`&`, `|`, `#`, `<<`, `>>`), as PostgreSQL's int2/int4/int8 operators:
 * `&`, `|`, `#` on the promoted type of both sides; shifts keep the left type and take an int4 count.
 * Executed by executor/expr/functions/bitwise.ts (`int4_bitand`, …).
 */
import { T, type SqlType } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import { operatorDoesNotExist } from './errors.js';
import type { BindContext } from './scope.js';
import { numericPromote } from './type_rules.js';

const BITWISE: Readonly<Record<string, string>> = { '&': 'bitand', '|': 'bitor', '#': 'bitxor', '<<': 'shl', '>>': 'shr' };

const isInt = (t: SqlType): boolean => t.kind === 'int2' || t.kind === 'int4' || t.kind === 'int8';

/** The bound operator, or null when `op` is not a bitwise operator. */
export function bindBitwiseOperator(op: string, l: BoundExpr, r: BoundExpr, position: number | undefined, ctx: BindContext): BoundExpr | null {
  const name = BITWISE[op];
  if (name === undefined) return null;
  const lt = l.type.kind === 'unknown' ? (isInt(r.type) && op !== '<<' && op !== '>>' ? r.type : T.int4) : l.type;
  const rt = r.type.kind === 'unknown' ? (op === '<<' || op === '>>' ? T.int4 : lt) : r.type;
  if (!isInt(lt) || !isInt(rt)) throw operatorDoesNotExist(op, l.type, r.type, position);
  const base = (t: SqlType): SqlType => (t.kind === 'int2' ? T.int2 : t.kind === 'int4' ? T.int4 : T.int8);
  if (op === '<<' || op === '>>') {
    if (rt.kind === 'int8') throw operatorDoesNotExist(op, l.type, r.type, position);
    const t = base(lt);
    return { kind: 'call', fn: `${t.kind}_${name}`, args: [coerceToType(l, t, 'implicit', ctx, position), coerceToType(r, T.int4, 'implicit', ctx, position)], type: t };
  }
  const t = base(numericPromote(lt, rt));
  return { kind: 'call', fn: `${t.kind}_${name}`, args: [coerceToType(l, t, 'implicit', ctx, position), coerceToType(r, t, 'implicit', ctx, position)], type: t };
}
