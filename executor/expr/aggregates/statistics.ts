/**
 * var_samp/var_pop/stddev_samp/stddev_pop (variance = var_samp, stddev = stddev_samp), as PostgreSQL
 * computes them: integer/numeric input exactly (N·Σx² − (Σx)² over N(N−1) or N², divided at the numeric
 * division scale, square root rounded at that scale); float input with the Youngs–Cramer float8 sums.
 */
import type { Numeric } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { numericDiv, pow10 } from '../../../common/values/numeric.js';
import type { GroupedAccumulator } from './accumulator.js';
import { stateAccumulator } from './state_accumulator.js';

export type StatFn = 'var_samp' | 'var_pop' | 'stddev_samp' | 'stddev_pop';

interface ExactState { readonly n: number; readonly sx: bigint; readonly sx2: bigint; readonly scale: number; readonly nan: boolean }
interface FloatState { readonly n: number; readonly sx: number; readonly sxx: number }

function isqrt(v: bigint): bigint {
  if (v < 2n) return v;
  let x = BigInt(Math.floor(Math.sqrt(Number(v))));
  // Newton steps from the float estimate until stable
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x) {
      while (x * x > v) x--;
      while ((x + 1n) * (x + 1n) <= v) x++;
      return x;
    }
    x = y;
  }
}

/** √a rounded (half up) to `scale` digits */
function numericSqrt(a: Numeric, scale: number): Numeric {
  // √(u·10^-s) · 10^(scale+1) = √(u · 10^(2scale + 2 − s))
  const e = 2 * scale + 2 - a.scale;
  const radicand = e >= 0 ? a.unscaled * pow10(e) : a.unscaled / pow10(-e);
  const tenth = isqrt(radicand);
  return { unscaled: (tenth + 5n) / 10n, scale };
}

function rescaled(s: ExactState, scale: number): ExactState {
  if (scale <= s.scale) return s;
  const d = scale - s.scale;
  return { ...s, sx: s.sx * pow10(d), sx2: s.sx2 * pow10(2 * d), scale };
}

const NAN: Numeric = { unscaled: 0n, scale: 0, special: 'nan' };

function exactAccumulator(fn: StatFn, argType: SqlType, resultType: SqlType): GroupedAccumulator {
  const sample = fn === 'var_samp' || fn === 'stddev_samp';
  const root = fn === 'stddev_samp' || fn === 'stddev_pop';
  return stateAccumulator<ExactState>({
    init: () => ({ n: 0, sx: 0n, sx2: 0n, scale: 0, nan: false }),
    add: (s, row) => {
      const d = row[0];
      if (d === null || d === undefined) return s;
      let u: bigint;
      let sc = 0;
      if (argType.kind === 'numeric') {
        const n = d as Numeric;
        if (n.special !== undefined) return { ...s, n: s.n + 1, nan: true };
        u = n.unscaled;
        sc = n.scale;
      } else {
        u = typeof d === 'bigint' ? d : BigInt(d as number);
      }
      const t = rescaled(s, sc);
      const x = u * pow10(t.scale - sc);
      return { n: t.n + 1, sx: t.sx + x, sx2: t.sx2 + x * x, scale: t.scale, nan: t.nan };
    },
    combine: (a, b) => {
      const scale = Math.max(a.scale, b.scale);
      const x = rescaled(a, scale);
      const y = rescaled(b, scale);
      return { n: x.n + y.n, sx: x.sx + y.sx, sx2: x.sx2 + y.sx2, scale, nan: x.nan || y.nan };
    },
    finish: (s) => {
      if (s.n === 0 || (sample && s.n === 1)) return null;
      if (s.nan) return NAN;
      const n = BigInt(s.n);
      const numerator = n * s.sx2 - s.sx * s.sx;
      if (numerator <= 0n) return { unscaled: 0n, scale: 0 };
      const q = numericDiv({ unscaled: numerator, scale: 2 * s.scale }, { unscaled: sample ? n * (n - 1n) : n * n, scale: 0 });
      return root ? numericSqrt(q, q.scale) : q;
    },
  }, resultType);
}

function floatAccumulator(fn: StatFn, resultType: SqlType): GroupedAccumulator {
  const sample = fn === 'var_samp' || fn === 'stddev_samp';
  const root = fn === 'stddev_samp' || fn === 'stddev_pop';
  return stateAccumulator<FloatState>({
    init: () => ({ n: 0, sx: 0, sxx: 0 }),
    add: (s, row) => {
      const x = row[0];
      if (x === null || x === undefined) return s;
      const v = x as number;
      const n = s.n + 1;
      const sx = s.sx + v;
      let sxx = s.sxx;
      if (s.n > 0) {
        const tmp = v * n - sx;
        sxx += (tmp * tmp) / (n * s.n);
      } else if (!Number.isFinite(v)) {
        sxx = NaN;
      }
      return { n, sx, sxx };
    },
    combine: (a, b) => {
      if (a.n === 0) return b;
      if (b.n === 0) return a;
      const n = a.n + b.n;
      const tmp = a.sx / a.n - b.sx / b.n;
      return { n, sx: a.sx + b.sx, sxx: a.sxx + b.sxx + (a.n * b.n * tmp * tmp) / n };
    },
    finish: (s) => {
      if (s.n === 0 || (sample && s.n === 1)) return null;
      const v = s.sxx / (sample ? s.n - 1 : s.n);
      return root ? Math.sqrt(v) : v;
    },
  }, resultType);
}

export function statisticsAccumulator(fn: StatFn, argType: SqlType, resultType: SqlType): GroupedAccumulator {
  return argType.kind === 'float4' || argType.kind === 'float8' ? floatAccumulator(fn, resultType) : exactAccumulator(fn, argType, resultType);
}
