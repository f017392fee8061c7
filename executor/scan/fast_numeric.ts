/**
 * Numeric expressions over fixed-scale numeric columns evaluated as scaled integers in JS numbers: a tree
 * of numeric columns (typmod scale), constants and numeric_add/sub/mul has one static result scale, and a
 * row's value is exact as long as every intermediate stays below 2^53 in magnitude (checked per row; the
 * rows where it does not are marked and computed exactly with bigints by the caller).
 */
import type { Numeric } from '../../common/datum.js';
import type { Batch } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';

const LIMIT = 9007199254740992; // 2^53
const P10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

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

type RowFn = (b: Batch, i: number) => number; // NaN: NULL; Infinity: not exact (fall back)

function compileRow(e: BoundExpr): { scale: number; fn: RowFn; cols: number[] } | null {
  switch (e.kind) {
    case 'column': {
      if (e.type.kind !== 'numeric' || e.type.scale === null || e.type.scale > 15) return null;
      const idx = e.index, scale = e.type.scale;
      return {
        scale,
        cols: [idx],
        fn: (b, i) => {
          const c = b.columns[idx]!;
          if (c.nulls !== null && c.nulls[i] === 1) return NaN;
          const n = (c.data as (Numeric | null)[])[i]!;
          if (n.scale !== scale || n.special !== undefined) return Infinity;
          const x = Number(n.unscaled);
          return x < LIMIT && x > -LIMIT ? x : Infinity;
        },
      };
    }
    case 'cast': {
      // numeric(p,s) → unconstrained numeric keeps every value as it is
      if (e.type.kind !== 'numeric' || e.type.scale !== null || e.type.precision !== null || e.arg.type.kind !== 'numeric') return null;
      return compileRow(e.arg);
    }
    case 'const': {
      if (e.type.kind !== 'numeric' || e.value === null) return null;
      const n = e.value as Numeric;
      if (n.special !== undefined || n.scale > 15) return null;
      const x = Number(n.unscaled);
      if (!(x < LIMIT && x > -LIMIT)) return null;
      return { scale: n.scale, cols: [], fn: () => x };
    }
    case 'call': {
      if (e.args.length !== 2 || e.type.kind !== 'numeric') return null;
      const op = e.fn === 'numeric_add' ? 0 : e.fn === 'numeric_sub' ? 1 : e.fn === 'numeric_mul' ? 2 : -1;
      if (op < 0) return null;
      const a = compileRow(e.args[0]!), b = compileRow(e.args[1]!);
      if (a === null || b === null) return null;
      const fa = a.fn, fb = b.fn;
      const cols = [...a.cols, ...b.cols];
      if (op === 2) {
        const scale = a.scale + b.scale;
        if (scale > 15) return null;
        return {
          scale,
          cols,
          fn: (bt, i) => {
            const x = fa(bt, i), y = fb(bt, i);
            if (x !== x || y !== y) return NaN;
            if (x === Infinity || y === Infinity) return Infinity;
            const r = x * y;
            return r < LIMIT && r > -LIMIT ? r : Infinity;
          },
        };
      }
      const scale = Math.max(a.scale, b.scale);
      const ma = P10[scale - a.scale]!, mb = P10[scale - b.scale]!;
      const sign = op === 1 ? -1 : 1;
      return {
        scale,
        cols,
        fn: (bt, i) => {
          const x = fa(bt, i) * ma, y = fb(bt, i) * mb;
          if (!(x < LIMIT && x > -LIMIT && y < LIMIT && y > -LIMIT)) return x !== x || y !== y ? NaN : Infinity;
          const r = x + sign * y;
          return r < LIMIT && r > -LIMIT ? r : Infinity;
        },
      };
    }
    default:
      return null;
  }
}

/** The fast form of `e`, or null when `e` is not such a tree. */
export function compileFastNumeric(e: BoundExpr): FastNumericExpr | null {
  if (e.type.kind !== 'numeric') return null;
  const c = compileRow(e);
  if (c === null) return null;
  const fn = c.fn;
  return {
    scale: c.scale,
    evaluate(b) {
      const n = b.length;
      const v = new Float64Array(n), slow = new Uint8Array(n), nulls = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const x = fn(b, i);
        if (x !== x) nulls[i] = 1; // NaN: a NULL input (strict operators)
        else if (x === Infinity) slow[i] = 1;
        else v[i] = x;
      }
      return { v, slow, nulls };
    },
  };
}
