/**
 * Time travel clauses recorded by time_travel_clauses.ts are attached to the RangeVar they follow (matched by
 * the name's byte location) as `pierTimeTravel`, so every binder that meets the RangeVar (FROM in SELECT,
 * subqueries, CTAS, INSERT ... SELECT, EXPLAIN) sees it without threading the extras through.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../bind/expr/scope.js';
import type { TimeTravelRef } from '../statement.js';

export const TIME_TRAVEL_KEY = 'pierTimeTravel';

export function attachTimeTravel(ast: PgNode, refs: readonly TimeTravelRef[] | undefined): void {
  if (refs === undefined || refs.length === 0) return;
  const byLocation = new Map(refs.map((r) => [r.location, r]));
  const seen = new Set<number>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) { for (const x of n) walk(x); return; }
    if (typeof n !== 'object' || n === null) return;
    const o = n as PgNode;
    const rv = o.RangeVar as PgNode | undefined;
    if (rv !== undefined && typeof rv.location === 'number') {
      const ref = byLocation.get(rv.location);
      if (ref !== undefined) { rv[TIME_TRAVEL_KEY] = ref.spec; seen.add(rv.location); }
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(ast);
  for (const r of refs) {
    if (!seen.has(r.location)) throw new QueryError(SQLSTATE.feature_not_supported, 'time travel (VERSION AS OF / TIMESTAMP AS OF) is only supported on tables');
  }
}
