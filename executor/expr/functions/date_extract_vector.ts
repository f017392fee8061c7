/**
 * `extract(year | quarter | month | day from date)` / `date_part(…)` with a constant field, over a whole date
 * vector: the civil date of each day number computed arithmetically (no Date objects, no per-row numerics).
 * extract gives numeric (the compact scale-0 form), date_part float8. A batch holding a date outside ±1,000,000
 * days (or ±infinity) returns null, and the caller evaluates it the general way.
 */
import { T, type SqlType } from '../../../common/types.js';
import { scaledNumerics, type Vector } from '../../../common/vector.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';

const FIELDS = new Map<string, 'year' | 'quarter' | 'month' | 'day'>([
  ['year', 'year'], ['years', 'year'], ['y', 'year'], ['yr', 'year'], ['yrs', 'year'],
  ['quarter', 'quarter'], ['quarters', 'quarter'], ['qtr', 'quarter'],
  ['month', 'month'], ['months', 'month'], ['mon', 'month'], ['mons', 'month'],
  ['day', 'day'], ['days', 'day'], ['d', 'day'],
]);
const RANGE = 1000000;

/** The kernel for `e` (a call), or null when it is not extract/date_part of a constant field from a date. */
export function dateExtractKernel(e: Extract<BoundExpr, { kind: 'call' }>): ((dates: Vector) => Vector | null) | null {
  if ((e.fn !== 'extract' && e.fn !== 'date_part') || e.args.length !== 2) return null;
  const [unit, arg] = e.args;
  if (unit!.kind !== 'const' || typeof unit!.value !== 'string' || arg!.type.kind !== 'date') return null;
  const field = FIELDS.get(unit!.value.toLowerCase().trim());
  if (field === undefined) return null;
  const asFloat = e.fn === 'date_part';
  const type: SqlType = e.type;
  if (asFloat ? type.kind !== 'float8' : type.kind !== 'numeric') return null;
  return (dates) => {
    const days = dates.data as Int32Array, n = dates.length, nulls = dates.nulls;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] === 1) continue;
      const z0 = days[i]!;
      if (z0 > RANGE || z0 < -RANGE) return null;
      // days since 1970-01-01 → proleptic Gregorian civil date (era-based arithmetic)
      const z = z0 + 719468;
      const era = Math.floor(z / 146097);
      const doe = z - era * 146097;
      const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
      const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
      const mp = Math.floor((5 * doy + 2) / 153);
      const month = mp < 10 ? mp + 3 : mp - 9;
      let v: number;
      switch (field) {
        case 'day': v = doy - Math.floor((153 * mp + 2) / 5) + 1; break;
        case 'month': v = month; break;
        case 'quarter': v = Math.floor((month - 1) / 3) + 1; break;
        case 'year': {
          const y = yoe + era * 400 + (month <= 2 ? 1 : 0);
          v = y <= 0 ? y - 1 : y; // no year 0: 1 BC is -1
          break;
        }
      }
      out[i] = v;
    }
    return { type: asFloat ? T.float8 : type, length: n, data: asFloat ? out : scaledNumerics(0, out), nulls };
  };
}
