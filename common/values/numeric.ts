/**
 * Exact numeric arithmetic matching PostgreSQL's numeric.c results digit for digit:
 * add/sub keep max(dscale); mul keeps dscale1 + dscale2; div uses select_div_scale
 * (at least 16 significant digits, at least the inputs' scales) and rounds half away from zero.
 * Errors: division by zero → 22012; typmod overflow → 22003 "numeric field overflow".
 */
import type { Numeric } from '../datum.js';

export function parseNumeric(text: string): Numeric { throw new Error('TODO'); }
export function formatNumeric(n: Numeric): string { throw new Error('TODO'); }
export function numericAdd(a: Numeric, b: Numeric): Numeric { throw new Error('TODO'); }
export function numericSub(a: Numeric, b: Numeric): Numeric { throw new Error('TODO'); }
export function numericMul(a: Numeric, b: Numeric): Numeric { throw new Error('TODO'); }
export function numericDiv(a: Numeric, b: Numeric): Numeric { throw new Error('TODO'); }
export function numericMod(a: Numeric, b: Numeric): Numeric { throw new Error('TODO'); }
export function numericNeg(a: Numeric): Numeric { throw new Error('TODO'); }
export function numericAbs(a: Numeric): Numeric { throw new Error('TODO'); }
/** -1, 0, 1 (NaN sorts above everything, as in PostgreSQL) */
export function numericCmp(a: Numeric, b: Numeric): number { throw new Error('TODO'); }
/** round half away from zero to `scale` digits (scale may be negative) */
export function numericRound(a: Numeric, scale: number): Numeric { throw new Error('TODO'); }
/** Apply numeric(precision, scale): round to scale, then 22003 if too many integer digits. */
export function numericApplyTypmod(a: Numeric, precision: number, scale: number): Numeric { throw new Error('TODO'); }
export function numericFromBigInt(v: bigint): Numeric { throw new Error('TODO'); }
/** float8 → numeric as PostgreSQL does (via the shortest decimal text, 15 significant digits for float8 in PG < 12 semantics is NOT used: PG 15 uses %.*g with DBL_DIG=15) */
export function numericFromFloat(v: number): Numeric { throw new Error('TODO'); }
export function numericToFloat(a: Numeric): number { throw new Error('TODO'); }
/** numeric → int8 rounding half away from zero; 22003 when out of range */
export function numericToBigInt(a: Numeric): bigint { throw new Error('TODO'); }
/** sum of many values, exact (used by aggregates): returns scale = max scale */
export function numericSum(values: readonly Numeric[]): Numeric { throw new Error('TODO'); }
