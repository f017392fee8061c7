/**
 * Numeric expressions over fixed-scale numeric columns evaluated as scaled integers in JS numbers: a tree
 * of numeric columns (typmod scale), constants and numeric_add/sub/mul has one static result scale, and a
 * row's value is exact as long as every intermediate stays below 2^53 in magnitude (checked per row; the
 * rows where it does not are marked and computed exactly with bigints by the caller). Evaluated a whole
 * vector per node; compact numeric columns (common/vector.ts ScaledNumerics) are read as they are.
 */
import type { Numeric } from '../../common/datum.js';
import { isScaledNumerics, type Batch } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';

export const LIMIT = 9007199254740992; // 2^53
export const P10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Row values of one batch: `v[i]` = value × 10^scale; `slow[i]` = 1 when not exact (or NULL: `nulls`). */
export interface ScaledValues {
  readonly v: Float64Array;
  readonly slow: Uint8Array;
  readonly nulls: Uint8Array;
}

export interface FastNumericExpr {
  readonly scale: number;
  evaluate(b: Batch): ScaledValues;
}

/** A whole batch of row values: NaN marks NULL, Infinity marks a row that is not exact (fall back). */
type VecFn = (b: Batch) => Float64Array;

function columnValues(b: Batch, idx: number, scale: number): Float64Array {
  const c = b.columns[idx]!;
  const n = b.length, nulls = c.nulls, d = c.data;
  const out = new Float64Array(n);
  if (isScaledNumerics(d)) {
    if (d.scale !== scale) return out.fill(Infinity);
    out.set(d.values.subarray(0, n));
    if (nulls !== null) for (let i = 0; i < n; i++) if (nulls[i] === 1) out[i] = NaN;
    return out;
  }
  const objs = d as (Numeric | null)[];
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) { out[i] = NaN; continue; }
    const x = objs[i]!;
    if (x.scale !== scale || x.special !== undefined) { out[i] = Infinity; continue; }
    const v = Number(x.unscaled);
    out[i] = v < LIMIT && v > -LIMIT ? v : Infinity;
  }
  return out;
}

/**
 * A fixed-scale numeric expression as a tree: numeric columns with a typmod scale, constants, + − × — casts to
 * unconstrained numeric removed, every node's static scale (≤ 15) computed. Shared by the vector form below and
 * the generated sum kernels (sum_kernel.ts).
 */
export type ScaledTree =
  | { readonly kind: 'column'; readonly index: number; readonly scale: number }
  | { readonly kind: 'const'; readonly value: number; readonly scale: number }
  | { readonly kind: 'op'; readonly op: '+' | '-' | '*'; readonly left: ScaledTree; readonly right: ScaledTree; readonly scale: number };

/** The tree of `e`, or null when `e` is not such an expression. */
export function scaledTree(e: BoundExpr): ScaledTree | null {
  switch (e.kind) {
    case 'column':
      if (e.type.kind !== 'numeric' || e.type.scale === null || e.type.scale > 15) return null;
      return { kind: 'column', index: e.index, scale: e.type.scale };
    case 'cast':
      // numeric(p,s) → unconstrained numeric keeps every value as it is
      if (e.type.kind !== 'numeric' || e.type.scale !== null || e.type.precision !== null || e.arg.type.kind !== 'numeric') return null;
      return scaledTree(e.arg);
    case 'const': {
      if (e.type.kind !== 'numeric' || e.value === null) return null;
      const n = e.value as Numeric;
      if (n.special !== undefined || n.scale > 15) return null;
      const x = Number(n.unscaled);
      return x < LIMIT && x > -LIMIT ? { kind: 'const', value: x, scale: n.scale } : null;
    }
    case 'call': {
      if (e.args.length !== 2 || e.type.kind !== 'numeric') return null;
      const op = e.fn === 'numeric_add' ? '+' : e.fn === 'numeric_sub' ? '-' : e.fn === 'numeric_mul' ? '*' : null;
      if (op === null) return null;
      const left = scaledTree(e.args[0]!), right = scaledTree(e.args[1]!);
      if (left === null || right === null) return null;
      const scale = op === '*' ? left.scale + right.scale : Math.max(left.scale, right.scale);
      return scale > 15 ? null : { kind: 'op', op, left, right, scale };
    }
    default:
      return null;
  }
}

function compileVec(t: ScaledTree): VecFn {
  switch (t.kind) {
    case 'column': {
      const { index, scale } = t;
      return (b) => columnValues(b, index, scale);
    }
    case 'const': {
      const x = t.value;
      return (b) => new Float64Array(b.length).fill(x);
    }
    case 'op': {
      const fa = compileVec(t.left), fc = compileVec(t.right);
      if (t.op === '*') {
        return (b) => {
          const x = fa(b), y = fc(b), n = b.length;
          for (let i = 0; i < n; i++) {
            const p = x[i]!, q = y[i]!;
            if (p !== p || q !== q) x[i] = NaN;
            else if (p === Infinity || q === Infinity) x[i] = Infinity;
            else { const r = p * q; x[i] = r < LIMIT && r > -LIMIT ? r : Infinity; }
          }
          return x;
        };
      }
      const ma = P10[t.scale - t.left.scale]!, mb = P10[t.scale - t.right.scale]!;
      const sign = t.op === '-' ? -1 : 1;
      return (b) => {
        const x = fa(b), y = fc(b), n = b.length;
        for (let i = 0; i < n; i++) {
          const p = x[i]! * ma, q = y[i]! * mb;
          if (!(p < LIMIT && p > -LIMIT && q < LIMIT && q > -LIMIT)) { x[i] = p !== p || q !== q ? NaN : Infinity; continue; }
          const r = p + sign * q;
          x[i] = r < LIMIT && r > -LIMIT ? r : Infinity;
        }
        return x;
      };
    }
  }
}

/** The fast form of `e`, or null when `e` is not such a tree. */
export function compileFastNumeric(e: BoundExpr): FastNumericExpr | null {
  if (e.type.kind !== 'numeric') return null;
  const tree = scaledTree(e);
  if (tree === null) return null;
  const fn = compileVec(tree);
  return {
    scale: tree.scale,
    evaluate(b) {
      const n = b.length;
      const v = fn(b), slow = new Uint8Array(n), nulls = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if (x !== x) { nulls[i] = 1; v[i] = 0; } // NaN: a NULL input (strict operators)
        else if (x === Infinity) { slow[i] = 1; v[i] = 0; }
      }
      return { v, slow, nulls };
    },
  };
}
