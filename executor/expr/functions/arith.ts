/**
 * Arithmetic on int2/int4/int8/float4/float8/numeric with PostgreSQL's overflow and division rules,
 * as scalar functions and as typed-array vector kernels (the fast path for non-numeric types).
 */
import type { Numeric } from '../../../common/datum.js';
import { QueryError } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import * as N from '../../../common/values/numeric.js';
import { numericPower } from '../../../common/values/numeric_math.js';
import type { Vector } from '../../../common/vector.js';
import { allocData } from '../../../common/vector.js';
import { orNulls } from '../vector_out.js';
import { numericArithKernel, type NumericArithOp } from '../numeric_vector.js';
import { divisionByZero, floatOverflow, outOfRange } from './errors.js';
import type { ScalarFn } from './registry.js';

const LIMITS = { int2: [-32768, 32767, 'smallint'], int4: [-2147483648, 2147483647, 'integer'] } as const;
const I8_MIN = -(2n ** 63n), I8_MAX = 2n ** 63n - 1n;

function smallInt(kind: 'int2' | 'int4', op: string): ((a: number, b: number) => number) | null {
  const [lo, hi, name] = LIMITS[kind];
  const chk = (r: number) => { if (r < lo || r > hi) throw outOfRange(name); return r; };
  switch (op) {
    case 'add': return (a, b) => chk(a + b);
    case 'sub': return (a, b) => chk(a - b);
    case 'mul': return (a, b) => chk(a * b);
    case 'div': return (a, b) => { if (b === 0) throw divisionByZero(); return chk(Math.trunc(a / b)) || 0; };
    case 'mod': return (a, b) => { if (b === 0) throw divisionByZero(); return (a % b) || 0; };
    default: return null;
  }
}

function bigInt(op: string): ((a: bigint, b: bigint) => bigint) | null {
  const chk = (r: bigint) => { if (r < I8_MIN || r > I8_MAX) throw outOfRange('bigint'); return r; };
  switch (op) {
    case 'add': return (a, b) => chk(a + b);
    case 'sub': return (a, b) => chk(a - b);
    case 'mul': return (a, b) => chk(a * b);
    case 'div': return (a, b) => { if (b === 0n) throw divisionByZero(); return chk(a / b); };
    case 'mod': return (a, b) => { if (b === 0n) throw divisionByZero(); return a % b; };
    default: return null;
  }
}

export function floatPow(a: number, b: number): number {
  if (a === 0 && b < 0) throw new QueryError('2201F', 'zero raised to a negative power is undefined');
  if (a < 0 && !Number.isInteger(b)) throw new QueryError('2201F', 'a negative number raised to a non-integer power yields a complex result');
  const r = Math.pow(a, b);
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw floatOverflow();
  return r;
}

function float(kind: 'float4' | 'float8', op: string): ((a: number, b: number) => number) | null {
  const round = kind === 'float4' ? Math.fround : (x: number) => x;
  const chk = (r: number, a: number, b: number) => {
    const v = round(r);
    if (!Number.isFinite(v) && Number.isFinite(a) && Number.isFinite(b)) throw floatOverflow();
    return v;
  };
  switch (op) {
    case 'add': return (a, b) => chk(a + b, a, b);
    case 'sub': return (a, b) => chk(a - b, a, b);
    case 'mul': return (a, b) => chk(a * b, a, b);
    case 'div': return (a, b) => { if (b === 0) throw divisionByZero(); return chk(a / b, a, b); };
    case 'pow': return (a, b) => round(floatPow(a, b));
    default: return null;
  }
}

function numeric(op: string): ((a: Numeric, b: Numeric) => Numeric) | null {
  switch (op) {
    case 'add': return N.numericAdd;
    case 'sub': return N.numericSub;
    case 'mul': return N.numericMul;
    case 'div': return N.numericDiv;
    case 'mod': return N.numericMod;
    case 'pow': return (a, b) => numericPower(a, b);
    default: return null;
  }
}

/** Binary arithmetic `<type>_<op>` as a scalar function, or null when unknown. */
export function arithScalar(fn: string): ScalarFn | null {
  const m = /^(int2|int4|int8|float4|float8|numeric)_(add|sub|mul|div|mod|pow|neg)$/.exec(fn);
  if (m === null) return null;
  const kind = m[1] as 'int2' | 'int4' | 'int8' | 'float4' | 'float8' | 'numeric';
  const op = m[2]!;
  if (op === 'neg') {
    switch (kind) {
      case 'int2': case 'int4': { const f = smallInt(kind, 'sub')!; return (a) => f(0, a[0] as number); }
      case 'int8': { const f = bigInt('sub')!; return (a) => f(0n, a[0] as bigint); }
      case 'float4': case 'float8': return (a) => -(a[0] as number);
      case 'numeric': return (a) => N.numericNeg(a[0] as Numeric);
    }
  }
  switch (kind) {
    case 'int2': case 'int4': { const f = smallInt(kind, op); return f && ((a) => f(a[0] as number, a[1] as number)); }
    case 'int8': { const f = bigInt(op); return f && ((a) => f(a[0] as bigint, a[1] as bigint)); }
    case 'float4': case 'float8': { const f = float(kind, op); return f && ((a) => f(a[0] as number, a[1] as number)); }
    case 'numeric': { const f = numeric(op); return f && ((a) => f(a[0] as Numeric, a[1] as Numeric)); }
  }
}

/**
 * Typed-array kernel for binary arithmetic on int2/int4/int8/float4/float8 (both inputs already the result
 * type). Rows where either input is NULL are skipped (their output is unspecified and marked NULL).
 */
export function arithVectorKernel(fn: string, type: SqlType): ((l: Vector, r: Vector) => Vector) | null {
  const nm = /^numeric_(add|sub|mul)$/.exec(fn);
  if (nm !== null) return numericArithKernel(nm[1] as NumericArithOp, type, numeric(nm[1]!)!);
  const m = /^(int2|int4|int8|float4|float8)_(add|sub|mul|div|mod|pow)$/.exec(fn);
  if (m === null) return null;
  const kind = m[1] as 'int2' | 'int4' | 'int8' | 'float4' | 'float8';
  const op = m[2]!;
  const f = (kind === 'int8' ? bigInt(op) : kind === 'int2' || kind === 'int4' ? smallInt(kind, op) : float(kind, op)) as ((a: unknown, b: unknown) => unknown) | null;
  if (f === null) return null;
  const fast = kind === 'float8' && (op === 'add' || op === 'sub' || op === 'mul');
  return (l, r) => {
    const n = l.length;
    const nulls = orNulls(n, [l.nulls, r.nulls]);
    const out = allocData(type, n) as unknown as { [i: number]: unknown };
    const a = l.data as unknown as ArrayLike<unknown>;
    const b = r.data as unknown as ArrayLike<unknown>;
    if (fast && nulls === null) {
      const x = a as Float64Array, y = b as Float64Array, o = out as unknown as Float64Array;
      if (op === 'add') for (let i = 0; i < n; i++) o[i] = x[i]! + y[i]!;
      else if (op === 'sub') for (let i = 0; i < n; i++) o[i] = x[i]! - y[i]!;
      else for (let i = 0; i < n; i++) o[i] = x[i]! * y[i]!;
      for (let i = 0; i < n; i++) if (!Number.isFinite(o[i]!) && Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) throw floatOverflow();
    } else if (nulls === null) {
      for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
    } else {
      for (let i = 0; i < n; i++) if (nulls[i] === 0) out[i] = f(a[i], b[i]);
    }
    return { type, length: n, data: out as unknown as Vector['data'], nulls };
  };
}
