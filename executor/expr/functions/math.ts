/** Math functions: abs, round, trunc, floor, ceil, sqrt over numeric-category types. */
import type { Numeric } from '../../../common/datum.js';
import { QueryError } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import * as N from '../../../common/values/numeric.js';
import { numericSqrt } from '../../../common/values/numeric_math.js';
import { outOfRange } from './errors.js';
import type { ScalarFn } from './registry.js';

/** rint: round half to even, like C's rint() that PostgreSQL's round(float8) uses. */
function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function numTrunc(a: Numeric, scale: number): Numeric {
  if (a.special !== undefined) return a;
  if (scale >= a.scale) return { unscaled: a.unscaled * 10n ** BigInt(scale - a.scale), scale: Math.max(scale, 0) };
  const drop = 10n ** BigInt(a.scale - scale);
  const u = a.unscaled / drop;
  return scale >= 0 ? { unscaled: u, scale } : { unscaled: u * 10n ** BigInt(-scale), scale: 0 };
}

function numFloorCeil(a: Numeric, ceil: boolean): Numeric {
  if (a.special !== undefined) return a;
  const d = 10n ** BigInt(a.scale);
  let q = a.unscaled / d;
  const rem = a.unscaled % d;
  if (rem !== 0n && ((ceil && a.unscaled > 0n) || (!ceil && a.unscaled < 0n))) q += ceil ? 1n : -1n;
  return { unscaled: q, scale: 0 };
}

export function mathFunction(fn: string, argTypes: readonly SqlType[]): ScalarFn | null {
  const t = argTypes[0];
  const isNumeric = t?.kind === 'numeric';
  switch (fn) {
    case 'abs':
      switch (t?.kind) {
        case 'int2': return (a) => { const v = Math.abs(a[0] as number); if (v > 32767) throw outOfRange('smallint'); return v; };
        case 'int4': return (a) => { const v = Math.abs(a[0] as number); if (v > 2147483647) throw outOfRange('integer'); return v; };
        case 'int8': return (a) => { const v = a[0] as bigint; const r = v < 0n ? -v : v; if (r > 2n ** 63n - 1n) throw outOfRange('bigint'); return r; };
        case 'numeric': return (a) => N.numericAbs(a[0] as Numeric);
        default: return (a) => Math.abs(a[0] as number);
      }
    case 'round':
      if (argTypes.length === 2) return (a) => N.numericRound(a[0] as Numeric, a[1] as number);
      return isNumeric ? (a) => N.numericRound(a[0] as Numeric, 0) : (a) => rint(a[0] as number);
    case 'trunc':
      if (argTypes.length === 2) return (a) => numTrunc(a[0] as Numeric, a[1] as number);
      return isNumeric ? (a) => numTrunc(a[0] as Numeric, 0) : (a) => Math.trunc(a[0] as number);
    case 'floor': return isNumeric ? (a) => numFloorCeil(a[0] as Numeric, false) : (a) => Math.floor(a[0] as number);
    case 'ceil': return isNumeric ? (a) => numFloorCeil(a[0] as Numeric, true) : (a) => Math.ceil(a[0] as number);
    case 'sqrt': {
      const neg = () => new QueryError('2201F', 'cannot take square root of a negative number');
      if (isNumeric) {
        return (a) => numericSqrt(a[0] as Numeric);
      }
      return (a) => { const v = a[0] as number; if (v < 0) throw neg(); return Math.sqrt(v); };
    }
    default: return null;
  }
}
