/** A_Const → const BoundExpr with PostgreSQL literal typing. */
import type { Numeric } from '../../../common/datum.js';
import { T } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { pos, unsupported } from './errors.js';
import type { PgNode } from './scope.js';

const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/** Parse a decimal literal as the lexer gives it ('1.50', '1e5', '-2.5', '.5') exactly. */
export function parseDecimalLiteral(text: string): Numeric {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (m === null) throw new Error(`bad numeric literal ${text}`);
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  let digits = BigInt((intPart + frac) || '0');
  let scale = frac.length - exp;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { unscaled: sign * digits, scale };
}

export function bindConst(c: PgNode): BoundExpr {
  if (c['isnull'] === true) return { kind: 'const', value: null, type: T.unknown };
  if (c['ival'] !== undefined) {
    const v = Number(c['ival']['ival'] ?? 0);
    return { kind: 'const', value: v, type: T.int4 };
  }
  if (c['fval'] !== undefined) {
    const s = String(c['fval']['fval']);
    if (/^[+-]?\d+$/.test(s)) {
      const b = BigInt(s);
      if (b >= BigInt(INT4_MIN) && b <= BigInt(INT4_MAX)) return { kind: 'const', value: Number(b), type: T.int4 };
      if (b >= INT8_MIN && b <= INT8_MAX) return { kind: 'const', value: b, type: T.int8 };
    }
    return { kind: 'const', value: parseDecimalLiteral(s), type: T.numeric };
  }
  if (c['sval'] !== undefined) return { kind: 'const', value: String(c['sval']['sval'] ?? ''), type: T.unknown };
  if (c['boolval'] !== undefined) return { kind: 'const', value: c['boolval']['boolval'] === true, type: T.bool };
  throw unsupported('this kind of constant', pos(c['location']));
}
