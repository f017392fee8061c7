/**
 * `numeric_expr op constant` (either side) over compact numeric vectors: the constant is taken to the
 * vector's scale once, so a batch costs one loop and no per-row objects (the generic kernel would build a
 * constant vector of Numeric objects per batch). Batches this cannot do exactly go to the generic kernel.
 */
import type { Numeric } from '../../common/datum.js';
import { T } from '../../common/types.js';
import { type Batch, type Vector, SCALED_MAX, isScaledNumerics } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { compareKernel } from './compare_kernel.js';

type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';
type Eval = (b: Batch) => Vector;

const P10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const FLIP: Record<Op, Op> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function constNumeric(e: BoundExpr): { value: number; scale: number } | null {
  if (e.kind !== 'const' || e.value === null || e.type.kind !== 'numeric') return null;
  const n = e.value as Numeric;
  if (n.special !== undefined || n.scale > 15) return null;
  const x = Number(n.unscaled);
  return x > SCALED_MAX || x < -SCALED_MAX ? null : { value: x, scale: n.scale };
}

function loop(op: Op, a: Float64Array, f: number, k: number, n: number, out: Uint8Array): void {
  if (f === 1) {
    switch (op) {
      case '=': for (let i = 0; i < n; i++) out[i] = a[i] === k ? 1 : 0; break;
      case '<>': for (let i = 0; i < n; i++) out[i] = a[i] !== k ? 1 : 0; break;
      case '<': for (let i = 0; i < n; i++) out[i] = a[i]! < k ? 1 : 0; break;
      case '<=': for (let i = 0; i < n; i++) out[i] = a[i]! <= k ? 1 : 0; break;
      case '>': for (let i = 0; i < n; i++) out[i] = a[i]! > k ? 1 : 0; break;
      case '>=': for (let i = 0; i < n; i++) out[i] = a[i]! >= k ? 1 : 0; break;
    }
    return;
  }
  switch (op) {
    case '=': for (let i = 0; i < n; i++) out[i] = a[i]! * f === k ? 1 : 0; break;
    case '<>': for (let i = 0; i < n; i++) out[i] = a[i]! * f !== k ? 1 : 0; break;
    case '<': for (let i = 0; i < n; i++) out[i] = a[i]! * f < k ? 1 : 0; break;
    case '<=': for (let i = 0; i < n; i++) out[i] = a[i]! * f <= k ? 1 : 0; break;
    case '>': for (let i = 0; i < n; i++) out[i] = a[i]! * f > k ? 1 : 0; break;
    case '>=': for (let i = 0; i < n; i++) out[i] = a[i]! * f >= k ? 1 : 0; break;
  }
}

/** The kernel for a numeric comparison with a constant side, or null when `e` is not one. */
export function numericConstCompare(e: Extract<BoundExpr, { kind: 'compare' }>, sub: (x: BoundExpr) => Eval): Eval | null {
  if (e.left.type.kind !== 'numeric' || e.right.type.kind !== 'numeric') return null;
  const cr = constNumeric(e.right), cl = cr === null ? constNumeric(e.left) : null;
  const c = cr ?? cl;
  if (c === null) return null;
  const op = cr !== null ? e.op : FLIP[e.op];
  const other = sub(cr !== null ? e.left : e.right);
  const constSide = sub(cr !== null ? e.right : e.left);
  let cur: Vector | null = null;
  const current: Eval = () => cur!;
  const generic = cr !== null ? compareKernel(e.op, current, constSide, e.left.type) : compareKernel(e.op, constSide, current, e.left.type);
  return (b) => {
    const v = other(b);
    const d = v.data;
    if (isScaledNumerics(d)) {
      const n = v.length;
      let f = 1, k = c.value;
      let ok = true;
      if (c.scale <= d.scale) {
        k = c.value * (P10[d.scale - c.scale] ?? Infinity);
        ok = k <= SCALED_MAX && k >= -SCALED_MAX;
      } else {
        f = P10[c.scale - d.scale]!;
        const a = d.values;
        let m = 0;
        for (let i = 0; i < n; i++) { const x = a[i]!; if (x > m) m = x; else if (-x > m) m = -x; }
        ok = m * f <= SCALED_MAX;
      }
      if (ok) {
        const out = new Uint8Array(n);
        loop(op, d.values, f, k, n, out);
        return { type: T.bool, length: n, data: out, nulls: v.nulls };
      }
    }
    cur = v;
    return generic(b);
  };
}
