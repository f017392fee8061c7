/**
 * float4/float8 output as PostgreSQL 15: with extra_float_digits > 0 the shortest decimal that
 * round-trips (Ryu), printed fixed when the decimal exponent is in [-4, 15) for float8 / [-4, 6) for
 * float4 and otherwise as d.ddde±XX; with extra_float_digits ≤ 0, %.{15+efd}g / %.{6+efd}g.
 */
import { formatG } from './numeric.js';

function special(v: number): string | null {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  return null;
}

/** exact m × 2^q of a finite non-zero |v| (float8: 53-bit m; float4 values are exact float8s) */
function decompose(a: number, single: boolean): { m: bigint; q: number } {
  const dv = new DataView(new ArrayBuffer(8));
  if (single) {
    dv.setFloat32(0, a);
    const bits = dv.getUint32(0);
    const e = (bits >>> 23) & 0xff;
    const frac = bits & 0x7fffff;
    return e === 0 ? { m: BigInt(frac), q: -149 } : { m: BigInt(frac | 0x800000), q: e - 150 };
  }
  dv.setFloat64(0, a);
  const bits = dv.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return e === 0 ? { m: frac, q: -1074 } : { m: frac | (1n << 52n), q: e - 1075 };
}

/**
 * Ryu (PostgreSQL's float output) never picks a decimal lying exactly on the upper half-way point
 * between |v| and the next float, where JS's shortest round-trip may: detect that case.
 */
function isUpperMidpoint(a: number, digits: string, exp: number, single: boolean): boolean {
  const { m, q } = decompose(a, single);
  const n = BigInt(digits);
  const k = exp - digits.length + 1; // decimal = n × 10^k; midpoint = (2m+1) × 2^(q-1)
  const left = n * 10n ** BigInt(Math.max(k, 0)) * 2n ** BigInt(Math.max(1 - q, 0));
  const right = (2n * m + 1n) * 10n ** BigInt(Math.max(-k, 0)) * 2n ** BigInt(Math.max(q - 1, 0));
  return left === right;
}

function splitExp(s: string): { digits: string; exp: number } {
  const [mant, e] = s.split('e') as [string, string];
  return { digits: mant.replace('.', '').replace(/0+$/, '') || '0', exp: Number(e) };
}

/** a.toExponential(p - 1), but an exact tie rounds to the even digit (toExponential rounds it up) */
function roundHalfEven(a: number, p: number): string {
  const s = a.toExponential(p - 1);
  const exact = a.toExponential(Math.min(p + 40, 100));
  const [mant] = exact.split('e') as [string];
  const digits = mant.replace('.', '');
  if (digits[p] !== '5' || !/^0*$/.test(digits.slice(p + 1))) return s;
  const lastDigit = Number(digits[p - 1]);
  if (lastDigit % 2 === 0) {
    // the even neighbour is the truncation
    const e = Number(exact.split('e')[1]);
    const kept = digits.slice(0, p);
    return `${kept[0]}${p > 1 ? '.' + kept.slice(1) : ''}e${e < 0 ? '' : '+'}${e}`;
  }
  return s;
}

/** shortest digits (Ryu semantics) + decimal exponent, for float8 or float4 */
function shortest(v: number, single: boolean): { digits: string; exp: number } {
  const a = Math.abs(v);
  const roundTrips = (s: string): boolean => (single ? Math.fround(Number(s)) : Number(s)) === a;
  let first = 1;
  if (!single) {
    const js = splitExp(a.toExponential());
    if (!isUpperMidpoint(a, js.digits, js.exp, false)) return js;
    first = js.digits.length + 1;
  }
  for (let p = first; p <= 17; p++) {
    const s = roundHalfEven(a, p);
    if (roundTrips(s)) {
      const c = splitExp(s);
      if (!isUpperMidpoint(a, c.digits, c.exp, single)) return c;
    }
  }
  return splitExp(a.toExponential(16));
}

function layout(neg: boolean, digits: string, exp: number, fixedLimit: number): string {
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= fixedLimit) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ax = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

export function formatFloat8(v: number, extraFloatDigits: number): string {
  const sp = special(v);
  if (sp !== null) return sp;
  if (extraFloatDigits > 0) {
    const { digits, exp } = shortest(v, false);
    return layout(v < 0, digits, exp, 15);
  }
  return formatG(v, Math.max(1, 15 + extraFloatDigits));
}

export function formatFloat4(v: number, extraFloatDigits: number): string {
  const sp = special(v);
  if (sp !== null) return sp;
  if (extraFloatDigits > 0) {
    const { digits, exp } = shortest(v, true);
    return layout(v < 0, digits, exp, 6);
  }
  return formatG(v, Math.max(1, 6 + extraFloatDigits));
}
