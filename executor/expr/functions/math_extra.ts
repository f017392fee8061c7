/** More math: sign, cbrt, exp, ln, log, trig, pi, degrees/radians, random, width_bucket, gcd/lcm, div. */
import type { Numeric } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import * as N from '../../../common/values/numeric.js';
import { numericExp, numericLn, numericLog } from '../../../common/values/numeric_math.js';
import { divisionByZero, floatOverflow, outOfRange } from './errors.js';
import type { ScalarFn } from './registry.js';

const invalidArg = (m: string) => new QueryError('2201E', m);

function checkF(v: number, ...args: number[]): number {
  if (!Number.isFinite(v) && args.every(Number.isFinite)) {
    if (Number.isNaN(v)) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'input is out of range');
    throw floatOverflow();
  }
  return v;
}

function ln(x: number): number {
  if (x === 0) throw invalidArg('cannot take logarithm of zero');
  if (x < 0) throw invalidArg('cannot take logarithm of a negative number');
  return Math.log(x);
}

function gcdBig(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a; b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function intInt(kind: string, f: (a: bigint, b: bigint) => bigint): ScalarFn {
  const [lo, hi, name] = kind === 'int2' ? [-32768n, 32767n, 'smallint'] as const : kind === 'int4' ? [-2147483648n, 2147483647n, 'integer'] as const : [-(2n ** 63n), 2n ** 63n - 1n, 'bigint'] as const;
  return (a) => {
    const r = f(BigInt(a[0] as number | bigint), BigInt(a[1] as number | bigint));
    if (r < lo || r > hi) throw outOfRange(name);
    return kind === 'int8' ? r : Number(r);
  };
}

export function mathExtra(fn: string, argTypes: readonly SqlType[]): ScalarFn | null {
  const k = argTypes[0]?.kind;
  const isNum = k === 'numeric';
  switch (fn) {
    case 'sign':
      if (isNum) return (a) => { const v = a[0] as Numeric; return { unscaled: v.unscaled > 0n ? 1n : v.unscaled < 0n ? -1n : 0n, scale: 0 }; };
      return (a) => Math.sign(a[0] as number) || 0;
    case 'cbrt': return (a) => Math.cbrt(a[0] as number);
    case 'exp':
      if (isNum) return (a) => numericExp(a[0] as Numeric);
      return (a) => checkF(Math.exp(a[0] as number), a[0] as number);
    case 'ln':
      if (isNum) return (a) => numericLn(a[0] as Numeric);
      return (a) => ln(a[0] as number);
    case 'log10': case 'log':
      if (argTypes.length === 2) {
        return (a) => numericLog(a[0] as Numeric, a[1] as Numeric);
      }
      if (isNum) return (a) => numericLog({ unscaled: 10n, scale: 0 }, a[0] as Numeric);
      return (a) => { const x = a[0] as number; ln(x); const r = Math.log10(x); return r; };
    case 'pi': return () => Math.PI;
    case 'degrees': return (a) => (a[0] as number) * (180 / Math.PI);
    case 'radians': return (a) => (a[0] as number) * (Math.PI / 180);
    case 'sin': case 'cos': case 'tan': case 'asin': case 'acos': case 'atan': {
      const f = Math[fn];
      return (a) => {
        const x = a[0] as number;
        if ((fn === 'asin' || fn === 'acos') && (x < -1 || x > 1)) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'input is out of range');
        if ((fn === 'sin' || fn === 'cos' || fn === 'tan') && !Number.isFinite(x) && !Number.isNaN(x)) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'input is out of range');
        return f(x);
      };
    }
    case 'cot': return (a) => 1 / Math.tan(a[0] as number);
    case 'atan2': return (a) => Math.atan2(a[0] as number, a[1] as number);
    case 'random': return () => Math.random();
    case 'width_bucket':
      return (a) => {
        const [x, lo, hi, n] = a.map((v) => (typeof v === 'object' && v !== null ? N.numericToFloat(v as Numeric) : (v as number)));
        if (n! <= 0) throw new QueryError('2201G', 'count must be greater than zero');
        if (lo === hi) throw new QueryError('2201G', 'lower bound cannot equal upper bound');
        if (lo! < hi!) {
          if (x! < lo!) return 0;
          if (x! >= hi!) return n! + 1;
          return Math.floor(((x! - lo!) / (hi! - lo!)) * n!) + 1;
        }
        if (x! > lo!) return 0;
        if (x! <= hi!) return n! + 1;
        return Math.floor(((lo! - x!) / (lo! - hi!)) * n!) + 1;
      };
    case 'gcd':
      if (isNum) return (a) => { const x = a[0] as Numeric, y = a[1] as Numeric; const s = Math.max(x.scale, y.scale); const up = (v: Numeric) => v.unscaled * N.pow10(s - v.scale); return { unscaled: gcdBig(up(x), up(y)), scale: s }; };
      return intInt(k!, gcdBig);
    case 'lcm':
      if (isNum) return null;
      return intInt(k!, (x, y) => { if (x === 0n || y === 0n) return 0n; const r = (x / gcdBig(x, y)) * y; return r < 0n ? -r : r; });
    case 'div':
      return (a) => {
        const x = a[0] as Numeric, y = a[1] as Numeric;
        if (y.unscaled === 0n) throw divisionByZero();
        const sc = Math.max(x.scale, y.scale);
        return { unscaled: (x.unscaled * 10n ** BigInt(sc - x.scale)) / (y.unscaled * 10n ** BigInt(sc - y.scale)), scale: 0 };
      };
    case 'scale': return (a) => (a[0] as Numeric).scale;
    case 'factorial':
      return (a) => {
        const n = BigInt(a[0] as bigint);
        if (n < 0n) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'factorial of a negative number is undefined');
        let r = 1n;
        for (let i = 2n; i <= n; i++) r *= i;
        return { unscaled: r, scale: 0 };
      };
    default: return null;
  }
}
