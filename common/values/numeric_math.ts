/**
 * Transcendental functions on exact numerics (sqrt, exp, ln, log, power) computed in bigint fixed point
 * with guard digits, rounded to the result scale PostgreSQL's numeric.c chooses (NUMERIC_MIN_SIG_DIGITS
 * = 16 significant digits, at least the arguments' display scales), so results match digit for digit.
 */
import type { Numeric } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';
import { numericRound, numericToFloat, pow10 } from './numeric.js';

const SIG = 16;
const MAX_SCALE = 1000;
const clampScale = (s: number) => Math.min(Math.max(s, 0), MAX_SCALE);
const abs = (x: bigint) => (x < 0n ? -x : x);

/** The value of `a` as fixed point with `p` decimals (truncated). */
function toFixed(a: Numeric, p: number): bigint {
  return p >= a.scale ? a.unscaled * pow10(p - a.scale) : a.unscaled / pow10(a.scale - p);
}

function fromFixed(v: bigint, p: number, rscale: number): Numeric {
  return numericRound({ unscaled: v, scale: p }, rscale);
}

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  if (x === 0n) x = 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (abs(y - x) <= 1n) {
      let r = y < x ? y : x;
      while (r * r > n) r--;
      while ((r + 1n) * (r + 1n) <= n) r++;
      return r;
    }
    x = y;
  }
}

/** Decimal weight of the first significant digit (floor(log10|a|)), for a ≠ 0. */
function dweight(a: Numeric): number {
  return abs(a.unscaled).toString().length - 1 - a.scale;
}

export function numericSqrt(a: Numeric): Numeric {
  if (a.unscaled < 0n) throw new QueryError('2201F', 'cannot take square root of a negative number');
  if (a.unscaled === 0n) return { unscaled: 0n, scale: clampScale(Math.max(SIG, a.scale)) };
  // PostgreSQL: sweight = (weight + 1) * DEC_DIGITS / 2 - 1 with weight in base-10000 digits
  const weight = Math.floor(dweight(a) / 4);
  const sweight = Math.trunc(((weight + 1) * 4) / 2) - 1;
  const rscale = clampScale(Math.max(SIG - sweight, a.scale));
  let r = rscale + 2;
  if (2 * r - a.scale < 0) r = Math.ceil(a.scale / 2);
  const v = isqrt(a.unscaled * pow10(2 * r - a.scale));
  return fromFixed(v, r, rscale);
}

/** exp(x) in fixed point with p decimals. */
function expFixed(x: bigint, p: number): bigint {
  const one = pow10(p);
  if (x < 0n) return (one * one) / expFixed(-x, p);
  let k = 0;
  while (x > one / 100n) { x /= 2n; k++; }
  let sum = one, term = one;
  for (let n = 1n; ; n++) {
    term = (term * x) / (one * n);
    if (term === 0n) break;
    sum += term;
  }
  for (let i = 0; i < k; i++) sum = (sum * sum) / one;
  return sum;
}

/** ln(x) for x > 0 in fixed point with p decimals. */
function lnFixed(x: bigint, p: number): bigint {
  const one = pow10(p);
  let k = 0;
  // bring x near 1 by powers of ten first, then square roots
  let tens = 0;
  while (x > 10n * one) { x /= 10n; tens++; }
  while (x < one / 10n) { x *= 10n; tens--; }
  while (abs(x - one) > one / 100n) { x = isqrt(x * one); k++; }
  const z = ((x - one) * one) / (x + one);
  const z2 = (z * z) / one;
  let sum = 0n, term = z;
  for (let n = 1n; term !== 0n; n += 2n) {
    sum += term / n;
    term = (term * z2) / one;
  }
  let r = 2n * sum * (1n << BigInt(k));
  if (tens !== 0) r += BigInt(tens) * ln10(p);
  return r;
}

const LN10_CACHE = new Map<number, bigint>();
function ln10(p: number): bigint {
  let v = LN10_CACHE.get(p);
  if (v === undefined) {
    const one = pow10(p + 5);
    // ln 10 = 3 ln 2 + ln 1.25
    v = (3n * lnNear(2n * one, p + 5) + lnNear((one * 5n) / 4n, p + 5)) / 100000n;
    LN10_CACHE.set(p, v);
  }
  return v;
}
function lnNear(x: bigint, p: number): bigint {
  const one = pow10(p);
  let k = 0;
  while (abs(x - one) > one / 100n) { x = isqrt(x * one); k++; }
  const z = ((x - one) * one) / (x + one);
  const z2 = (z * z) / one;
  let sum = 0n, term = z;
  for (let n = 1n; term !== 0n; n += 2n) { sum += term / n; term = (term * z2) / one; }
  return 2n * sum * (1n << BigInt(k));
}

/** PostgreSQL's estimate_ln_dweight. */
function lnDweight(a: Numeric): number {
  const x = numericToFloat(a);
  if (x >= 0.9 && x <= 1.1) {
    const d = Math.abs(x - 1);
    return d === 0 ? 0 : Math.floor(Math.log10(d));
  }
  const lnv = Math.log(Math.abs(numericToFloat({ unscaled: a.unscaled, scale: 0 }))) - a.scale * Math.LN10;
  return Math.trunc(Math.log10(Math.abs(lnv)));
}

function checkLnArg(a: Numeric): void {
  if (a.unscaled === 0n) throw new QueryError('2201E', 'cannot take logarithm of zero');
  if (a.unscaled < 0n) throw new QueryError('2201E', 'cannot take logarithm of a negative number');
}

export function numericLn(a: Numeric): Numeric {
  checkLnArg(a);
  const rscale = clampScale(Math.max(SIG - lnDweight(a), a.scale));
  const p = rscale + 30;
  return fromFixed(lnFixed(toFixed(a, p), p), p, rscale);
}

export function numericLog(base: Numeric, a: Numeric): Numeric {
  checkLnArg(base);
  checkLnArg(a);
  const rscale = clampScale(Math.max(SIG - (lnDweight(a) - lnDweight(base)), a.scale, base.scale));
  const p = rscale + 30;
  const lb = lnFixed(toFixed(base, p), p);
  if (lb === 0n) throw new QueryError(SQLSTATE.division_by_zero, 'division by zero');
  return fromFixed((lnFixed(toFixed(a, p), p) * pow10(p)) / lb, p, rscale);
}

export function numericExp(a: Numeric): Numeric {
  const x = numericToFloat(a);
  if (x > 2302) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'value overflows numeric format');
  const rscale = clampScale(Math.max(SIG - Math.trunc(x * 0.434294481903252), a.scale));
  const p = rscale + 30 + Math.max(0, Math.ceil(x * 0.4343));
  return fromFixed(expFixed(toFixed(a, p), p), p, rscale);
}

export function numericPower(base: Numeric, exp: Numeric): Numeric {
  const isInt = exp.unscaled % pow10(exp.scale) === 0n;
  if (base.unscaled === 0n && exp.unscaled < 0n) throw new QueryError('2201F', 'zero raised to a negative power is undefined');
  if (base.unscaled < 0n && !isInt) throw new QueryError('2201F', 'a negative number raised to a non-integer power yields a complex result');
  if (isInt) {
    const n = exp.unscaled / pow10(exp.scale);
    if (abs(n) <= 100000n) {
      const rscale = clampScale(Math.max(SIG, base.scale));
      if (n === 0n) return { unscaled: pow10(rscale), scale: rscale };
      const e = abs(n);
      const num = base.unscaled ** e;
      const sc = base.scale * Number(e);
      if (n > 0n) return numericRound({ unscaled: num, scale: sc }, rscale);
      // 1 / base^e at rscale (+1 digit for rounding)
      const r = rscale + 1;
      return fromFixed((pow10(r + sc) * (num < 0n ? -1n : 1n) * 10n) / (abs(num) * 10n), r, rscale);
    }
  }
  if (base.unscaled === 0n) return { unscaled: 0n, scale: clampScale(Math.max(SIG, base.scale, exp.scale)) };
  const val = Math.log(Math.abs(numericToFloat(base))) * numericToFloat(exp) * 0.434294481903252;
  if (val > 1000) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'value overflows numeric format');
  const rscale = clampScale(Math.max(SIG - Math.trunc(val), base.scale, exp.scale));
  const p = rscale + 40 + Math.max(0, Math.ceil(val));
  const one = pow10(p);
  const l = lnFixed(toFixed(base, p), p);
  const prod = (l * toFixed(exp, p)) / one;
  return fromFixed(expFixed(prod, p), p, rscale);
}
