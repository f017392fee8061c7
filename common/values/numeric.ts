/**
 * Exact numeric arithmetic matching PostgreSQL's numeric.c results digit for digit:
 * add/sub keep max(dscale); mul keeps dscale1 + dscale2; div uses select_div_scale
 * (at least 16 significant digits, at least the inputs' scales) and rounds half away from zero.
 * Errors: division by zero → 22012; typmod overflow → 22003 "numeric field overflow".
 */
import type { Numeric } from '../datum.js';
import { QueryError, SQLSTATE } from '../errors.js';

const NUMERIC_MIN_SIG_DIGITS = 16;
const NUMERIC_MAX_DISPLAY_SCALE = 1000;
const NUMERIC_MAX_RESULT_SCALE = NUMERIC_MAX_DISPLAY_SCALE * 2;
const DEC_DIGITS = 4;

const NAN: Numeric = { unscaled: 0n, scale: 0, special: 'nan' };
const INF: Numeric = { unscaled: 0n, scale: 0, special: 'inf' };
const NEG_INF: Numeric = { unscaled: 0n, scale: 0, special: '-inf' };

const pow10Cache: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 64) {
    let v = pow10Cache[n];
    if (v === undefined) { v = 10n ** BigInt(n); pow10Cache[n] = v; }
    return v;
  }
  return 10n ** BigInt(n);
}

function abs(v: bigint): bigint { return v < 0n ? -v : v; }

/** unscaled × 10^-from rescaled to `to` digits, rounding half away from zero when digits are dropped */
export function rescaleDecimal(unscaled: bigint, from: number, to: number): bigint {
  if (to >= from) return unscaled * pow10(to - from);
  const d = pow10(from - to);
  const q = unscaled / d;
  const r = unscaled - q * d;
  if (abs(r) * 2n >= d) return unscaled < 0n ? q - 1n : q + 1n;
  return q;
}

/** round-half-away-from-zero integer division */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  if (abs(r) * 2n >= abs(d)) return (n < 0n) !== (d < 0n) ? q - 1n : q + 1n;
  return q;
}

function invalid(text: string): QueryError {
  return new QueryError(SQLSTATE.invalid_text_representation, `invalid input syntax for type numeric: "${text}"`);
}

const NUM_RE = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

export function parseNumeric(text: string): Numeric {
  const s = text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
  const m = NUM_RE.exec(s);
  if (!m) {
    const l = s.toLowerCase();
    if (l === 'nan') return NAN;
    if (l === 'infinity' || l === '+infinity' || l === 'inf' || l === '+inf') return INF;
    if (l === '-infinity' || l === '-inf') return NEG_INF;
    throw invalid(text);
  }
  const intPart = m[2] ?? '';
  const frac = m[3] ?? m[4] ?? '';
  let exp = 0;
  if (m[5] !== undefined) {
    exp = Number(m[5]);
    if (!Number.isFinite(exp) || Math.abs(exp) > NUMERIC_MAX_RESULT_SCALE) throw invalid(text);
  }
  let unscaled = BigInt((intPart + frac) || '0');
  if (m[1] === '-') unscaled = -unscaled;
  // value = unscaled × 10^(exp - frac.length)
  const scale = frac.length - exp;
  if (scale >= 0) return { unscaled, scale };
  return { unscaled: unscaled * pow10(-scale), scale: 0 };
}

export function formatNumeric(n: Numeric): string {
  if (n.special === 'nan') return 'NaN';
  if (n.special === 'inf') return 'Infinity';
  if (n.special === '-inf') return '-Infinity';
  const neg = n.unscaled < 0n;
  let digits = abs(n.unscaled).toString();
  if (n.scale === 0) return (neg ? '-' : '') + digits;
  if (digits.length <= n.scale) digits = '0'.repeat(n.scale - digits.length + 1) + digits;
  const cut = digits.length - n.scale;
  return (neg ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
}

function sign(a: Numeric): number {
  if (a.special === 'inf') return 1;
  if (a.special === '-inf') return -1;
  return a.unscaled > 0n ? 1 : a.unscaled < 0n ? -1 : 0;
}

function addSpecial(a: Numeric, b: Numeric, negateB: boolean): Numeric {
  if (a.special === 'nan' || b.special === 'nan') return NAN;
  const sa = a.special ? sign(a) : 0;
  let sb = b.special ? sign(b) : 0;
  if (negateB) sb = -sb;
  if (sa !== 0 && sb !== 0) return sa === sb ? (sa > 0 ? INF : NEG_INF) : NAN;
  const s = sa !== 0 ? sa : sb;
  return s > 0 ? INF : NEG_INF;
}

export function numericAdd(a: Numeric, b: Numeric): Numeric {
  if (a.special || b.special) return addSpecial(a, b, false);
  const scale = Math.max(a.scale, b.scale);
  return { unscaled: a.unscaled * pow10(scale - a.scale) + b.unscaled * pow10(scale - b.scale), scale };
}

export function numericSub(a: Numeric, b: Numeric): Numeric {
  if (a.special || b.special) return addSpecial(a, b, true);
  const scale = Math.max(a.scale, b.scale);
  return { unscaled: a.unscaled * pow10(scale - a.scale) - b.unscaled * pow10(scale - b.scale), scale };
}

export function numericMul(a: Numeric, b: Numeric): Numeric {
  if (a.special || b.special) {
    if (a.special === 'nan' || b.special === 'nan') return NAN;
    const s = sign(a) * sign(b);
    return s > 0 ? INF : s < 0 ? NEG_INF : NAN;
  }
  const scale = a.scale + b.scale;
  if (scale > NUMERIC_MAX_DISPLAY_SCALE) {
    return { unscaled: rescaleDecimal(a.unscaled * b.unscaled, scale, NUMERIC_MAX_DISPLAY_SCALE), scale: NUMERIC_MAX_DISPLAY_SCALE };
  }
  return { unscaled: a.unscaled * b.unscaled, scale };
}

/** weight (in base-10000 digits) and first base-10000 digit of |a|, as numeric.c's normalized NumericVar */
function weightAndFirstDigit(a: Numeric): { weight: number; first: number } {
  const u = abs(a.unscaled);
  if (u === 0n) return { weight: 0, first: 0 };
  const e = u.toString().length - 1 - a.scale; // decimal exponent of the leading digit
  const weight = Math.floor(e / DEC_DIGITS);
  const shift = -a.scale - DEC_DIGITS * weight;
  const first = shift >= 0 ? u * pow10(shift) : u / pow10(-shift);
  return { weight, first: Number(first) };
}

function selectDivScale(a: Numeric, b: Numeric): number {
  const w1 = weightAndFirstDigit(a);
  const w2 = weightAndFirstDigit(b);
  let qweight = w1.weight - w2.weight;
  if (w1.first <= w2.first) qweight--;
  let rscale = NUMERIC_MIN_SIG_DIGITS - qweight * DEC_DIGITS;
  rscale = Math.max(rscale, a.scale, b.scale, 0);
  return Math.min(rscale, NUMERIC_MAX_DISPLAY_SCALE);
}

function divisionByZero(): QueryError {
  return new QueryError(SQLSTATE.division_by_zero, 'division by zero');
}

export function numericDiv(a: Numeric, b: Numeric): Numeric {
  if (a.special || b.special) {
    if (a.special === 'nan' || b.special === 'nan') return NAN;
    if (a.special) {
      if (b.special) return NAN;
      const s = sign(b);
      if (s === 0) throw divisionByZero();
      return sign(a) * s > 0 ? INF : NEG_INF;
    }
    return { unscaled: 0n, scale: 0 }; // finite / ±inf
  }
  if (b.unscaled === 0n) throw divisionByZero();
  const rscale = selectDivScale(a, b);
  // a/b = (ua/10^sa)/(ub/10^sb); scaled by 10^rscale: ua × 10^(rscale - sa + sb) / ub
  const k = rscale - a.scale + b.scale;
  const unscaled = k >= 0 ? divRound(a.unscaled * pow10(k), b.unscaled) : divRound(a.unscaled, b.unscaled * pow10(-k));
  return { unscaled, scale: rscale };
}

export function numericMod(a: Numeric, b: Numeric): Numeric {
  if (a.special || b.special) {
    if (a.special === 'nan' || b.special === 'nan') return NAN;
    if (a.special) { if (sign(b) === 0) throw divisionByZero(); return NAN; }
    return a; // finite % ±inf = a
  }
  if (b.unscaled === 0n) throw divisionByZero();
  const scale = Math.max(a.scale, b.scale);
  const ua = a.unscaled * pow10(scale - a.scale);
  const ub = b.unscaled * pow10(scale - b.scale);
  return { unscaled: ua % ub, scale };
}

export function numericNeg(a: Numeric): Numeric {
  if (a.special === 'inf') return NEG_INF;
  if (a.special === '-inf') return INF;
  if (a.special === 'nan') return NAN;
  return { unscaled: -a.unscaled, scale: a.scale };
}

export function numericAbs(a: Numeric): Numeric {
  if (a.special === '-inf') return INF;
  if (a.special) return a;
  return a.unscaled < 0n ? { unscaled: -a.unscaled, scale: a.scale } : a;
}

/** -1, 0, 1 (NaN sorts above everything, as in PostgreSQL) */
export function numericCmp(a: Numeric, b: Numeric): number {
  if (a.special === 'nan') return b.special === 'nan' ? 0 : 1;
  if (b.special === 'nan') return -1;
  if (a.special || b.special) {
    const ra = a.special === 'inf' ? 1 : a.special === '-inf' ? -1 : 0;
    const rb = b.special === 'inf' ? 1 : b.special === '-inf' ? -1 : 0;
    return ra === rb ? 0 : ra < rb ? -1 : 1;
  }
  const scale = Math.max(a.scale, b.scale);
  const ua = a.unscaled * pow10(scale - a.scale);
  const ub = b.unscaled * pow10(scale - b.scale);
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** round half away from zero to `scale` digits (scale may be negative) */
export function numericRound(a: Numeric, scale: number): Numeric {
  if (a.special) return a;
  scale = Math.min(Math.max(scale, -NUMERIC_MAX_RESULT_SCALE), NUMERIC_MAX_RESULT_SCALE);
  if (scale >= a.scale) return { unscaled: a.unscaled * pow10(scale - a.scale), scale };
  const r = rescaleDecimal(a.unscaled, a.scale, scale);
  if (scale >= 0) return { unscaled: r, scale };
  return { unscaled: r * pow10(-scale), scale: 0 };
}

/** truncate toward zero to `scale` digits (PostgreSQL trunc(numeric, int)) */
export function numericTrunc(a: Numeric, scale: number): Numeric {
  if (a.special) return a;
  if (scale >= a.scale) return { unscaled: a.unscaled * pow10(scale - a.scale), scale };
  const r = a.unscaled / pow10(a.scale - scale);
  if (scale >= 0) return { unscaled: r, scale };
  return { unscaled: r * pow10(-scale), scale: 0 };
}

/** Apply numeric(precision, scale): round to scale, then 22003 if too many integer digits. */
export function numericApplyTypmod(a: Numeric, precision: number, scale: number): Numeric {
  if (a.special === 'nan') return a;
  if (a.special) {
    throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
    });
  }
  const r = numericRound(a, scale);
  const maxdigits = precision - scale;
  // integer digits of |r|
  const u = abs(r.unscaled);
  if (u !== 0n) {
    const intDigits = u.toString().length - r.scale;
    if (intDigits > maxdigits) {
      throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'numeric field overflow', {
        detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${maxdigits ? '10^' : ''}${maxdigits ? maxdigits : 1}.`,
      });
    }
  }
  return r;
}

export function numericFromBigInt(v: bigint): Numeric {
  return { unscaled: v, scale: 0 };
}

/** %.{digits}g text of a double, C printf style (used by float → numeric and float output) */
export function formatG(v: number, digits: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const exp = v.toExponential(digits - 1); // d.ddde±x
  const [mant, e] = exp.split('e') as [string, string];
  const x = Number(e);
  if (x < -4 || x >= digits) {
    let m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const ax = Math.abs(x);
    return `${m}e${x < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
  }
  let f = v.toFixed(Math.max(0, digits - 1 - x));
  if (f.includes('.')) f = f.replace(/0+$/, '').replace(/\.$/, '');
  return f;
}

/** float8 → numeric as PostgreSQL does: via %.15g text (DBL_DIG); float4 passes `digits` = 6 (FLT_DIG) */
export function numericFromFloat(v: number, digits = 15): Numeric {
  if (Number.isNaN(v)) return NAN;
  if (v === Infinity) return INF;
  if (v === -Infinity) return NEG_INF;
  return parseNumeric(formatG(v, digits));
}

export function numericToFloat(a: Numeric): number {
  if (a.special === 'nan') return NaN;
  if (a.special === 'inf') return Infinity;
  if (a.special === '-inf') return -Infinity;
  return Number(formatNumeric(a));
}

/** numeric → int8 rounding half away from zero; 22003 when out of range */
export function numericToBigInt(a: Numeric): bigint {
  return numericToInteger(a, 'bigint', -(2n ** 63n), 2n ** 63n - 1n);
}

/** numeric → integer of a given range, rounding half away from zero (numeric_int2/int4/int8) */
export function numericToInteger(a: Numeric, typeName: 'smallint' | 'integer' | 'bigint', min: bigint, max: bigint): bigint {
  if (a.special === 'nan') throw new QueryError(SQLSTATE.feature_not_supported, `cannot convert NaN to ${typeName}`);
  if (a.special) throw new QueryError(SQLSTATE.feature_not_supported, `cannot convert infinity to ${typeName}`);
  const v = a.scale === 0 ? a.unscaled : rescaleDecimal(a.unscaled, a.scale, 0);
  if (v < min || v > max) throw new QueryError(SQLSTATE.numeric_value_out_of_range, `${typeName} out of range`);
  return v;
}

/** sum of many values, exact (used by aggregates): returns scale = max scale */
export function numericSum(values: readonly Numeric[]): Numeric {
  let acc: Numeric = { unscaled: 0n, scale: 0 };
  for (const v of values) acc = numericAdd(acc, v);
  return acc;
}
