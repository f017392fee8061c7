/**
 * Numeric kernels over the compact form (common/vector.ts ScaledNumerics): + − × and comparisons on whole
 * vectors of exact unscaled integers held in Float64Arrays. Each kernel checks bounds once per batch (the
 * largest magnitude of each input) and returns null when the result might not be exact, so the caller uses
 * the exact bigint path; the results are then the same values and display scales PostgreSQL gives
 * (+/−: the larger scale, ×: the sum of the scales).
 */
import type { Numeric } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import { type ScaledNumerics, type Vector, SCALED_MAX, isScaledNumerics, numericObjects, scaledNumerics } from '../../common/vector.js';
import { compareInto, type CompareOp } from './compare_loop.js';

const P10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_SCALE = 15;

const converted = new WeakMap<Vector, ScaledNumerics | null>();

/**
 * The compact form of a numeric vector: its own data when it has that form, else (object form) a converted
 * copy when every value has one scale and fits, remembered per vector (constants are evaluated once and reused).
 */
export function asScaled(v: Vector): ScaledNumerics | null {
  const d = v.data;
  if (isScaledNumerics(d)) return d;
  if (v.type.kind !== 'numeric' || !Array.isArray(d)) return null;
  const known = converted.get(v);
  if (known !== undefined) return known;
  const objs = d as (Numeric | null)[];
  const out = new Float64Array(v.length);
  let scale = -1;
  let ok = true;
  for (let i = 0; i < v.length && ok; i++) {
    if (v.nulls !== null && v.nulls[i] === 1) continue;
    const n = objs[i]!;
    if (n.special !== undefined || n.scale > MAX_SCALE || (scale >= 0 && n.scale !== scale)) { ok = false; break; }
    scale = n.scale;
    const x = Number(n.unscaled);
    if (x > SCALED_MAX || x < -SCALED_MAX) ok = false;
    else out[i] = x;
  }
  const r = ok ? scaledNumerics(Math.max(scale, 0), out) : null;
  converted.set(v, r);
  return r;
}

/** Largest |values[i]| over non-NULL rows. */
function maxAbs(d: ScaledNumerics, nulls: Uint8Array | null, n: number): number {
  const a = d.values;
  let m = 0;
  if (nulls === null) for (let i = 0; i < n; i++) { const x = a[i]!; if (x > m) m = x; else if (-x > m) m = -x; }
  else for (let i = 0; i < n; i++) { if (nulls[i] === 1) continue; const x = a[i]!; if (x > m) m = x; else if (-x > m) m = -x; }
  return m;
}

function orNullMaps(n: number, a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null) return b === null ? null : b.slice(0, n);
  if (b === null) return a.slice(0, n);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! | b[i]!;
  return out;
}

export type NumericArithOp = 'add' | 'sub' | 'mul';

/** l op r in the compact form, or null when an input is not compact or a result might not be exact. */
export function scaledArith(op: NumericArithOp, type: SqlType, l: Vector, r: Vector): Vector | null {
  const x = asScaled(l), y = asScaled(r);
  if (x === null || y === null) return null;
  const n = l.length;
  const nulls = orNullMaps(n, l.nulls, r.nulls);
  const a = x.values, b = y.values;
  const ma = maxAbs(x, l.nulls, n), mb = maxAbs(y, r.nulls, n);
  const out = new Float64Array(n);
  if (op === 'mul') {
    const scale = x.scale + y.scale;
    if (scale > MAX_SCALE || ma * mb > SCALED_MAX) return null;
    for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]! + 0;
    if (nulls !== null) for (let i = 0; i < n; i++) if (nulls[i] === 1) out[i] = 0;
    return { type, length: n, data: scaledNumerics(scale, out), nulls };
  }
  const scale = Math.max(x.scale, y.scale);
  const fa = P10[scale - x.scale]!, fb = P10[scale - y.scale]!;
  if (ma * fa + mb * fb > SCALED_MAX) return null;
  if (op === 'add') {
    if (fa === 1 && fb === 1) for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]! + 0;
    else for (let i = 0; i < n; i++) out[i] = a[i]! * fa + b[i]! * fb + 0;
  } else {
    if (fa === 1 && fb === 1) for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]! + 0;
    else for (let i = 0; i < n; i++) out[i] = a[i]! * fa - b[i]! * fb + 0;
  }
  if (nulls !== null) for (let i = 0; i < n; i++) if (nulls[i] === 1) out[i] = 0;
  return { type, length: n, data: scaledNumerics(scale, out), nulls };
}


/**
 * Comparison of two numeric vectors in the compact form into `out` (1/0; NULL rows unspecified); false when
 * an input is not compact or aligning the scales could lose exactness.
 */
export function scaledCompare(op: CompareOp, l: Vector, r: Vector, n: number, out: Uint8Array): boolean {
  const x = asScaled(l), y = asScaled(r);
  if (x === null || y === null) return false;
  const scale = Math.max(x.scale, y.scale);
  const fa = P10[scale - x.scale]!, fb = P10[scale - y.scale]!;
  if ((fa !== 1 && maxAbs(x, l.nulls, n) * fa > SCALED_MAX) || (fb !== 1 && maxAbs(y, r.nulls, n) * fb > SCALED_MAX)) return false;
  const a = x.values, b = y.values;
  if (fa === 1 && fb === 1) {
    compareInto(op, a, b, n, out);
    return true;
  }
  for (let i = 0; i < n; i++) {
    const p = a[i]! * fa, q = b[i]! * fb;
    let t: boolean;
    switch (op) {
      case '=': t = p === q; break;
      case '<>': t = p !== q; break;
      case '<': t = p < q; break;
      case '<=': t = p <= q; break;
      case '>': t = p > q; break;
      case '>=': t = p >= q; break;
    }
    out[i] = t ? 1 : 0;
  }
  return true;
}

/** Vector kernel for numeric_add/sub/mul: the compact form when exact, else `exact` per row on objects. */
export function numericArithKernel(op: NumericArithOp, type: SqlType, exact: (a: Numeric, b: Numeric) => Numeric): (l: Vector, r: Vector) => Vector {
  return (l, r) => {
    const fast = scaledArith(op, type, l, r);
    if (fast !== null) return fast;
    const n = l.length;
    const nulls = orNullMaps(n, l.nulls, r.nulls);
    const a = numericObjects(l), b = numericObjects(r);
    const out = new Array<Numeric | null>(n).fill(null);
    for (let i = 0; i < n; i++) if (nulls === null || nulls[i] === 0) out[i] = exact(a[i]!, b[i]!);
    return { type, length: n, data: out, nulls };
  };
}

/**
 * Cast of a compact numeric vector to numeric(p,s) (scaling up only; every value within the precision) or to
 * float8 (unscaled / 10^scale: one correctly rounded division, as parsing the decimal text gives); null when
 * the exact path must do it (rounding, an out-of-range value and its error, other targets).
 */
export function scaledCast(v: Vector, to: SqlType): Vector | null {
  const d = v.data;
  if (!isScaledNumerics(d)) return null;
  const n = v.length;
  if (to.kind === 'float8') {
    const div = P10[d.scale]!, a = d.values;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = a[i]! / div + 0;
    return { type: to, length: n, data: out, nulls: v.nulls };
  }
  if (to.kind !== 'numeric' || to.precision === null || to.scale === null || to.scale < d.scale || to.scale - d.scale > MAX_SCALE) return null;
  const f = P10[to.scale - d.scale]!;
  const m = maxAbs(d, v.nulls, n) * f;
  if (m > SCALED_MAX || m >= 10 ** to.precision) return null;
  if (f === 1) return { type: to, length: n, data: d, nulls: v.nulls };
  const a = d.values, out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! * f;
  return { type: to, length: n, data: scaledNumerics(to.scale, out), nulls: v.nulls };
}
