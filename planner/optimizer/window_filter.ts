/**
 * Filter push-down through a `window` node: a conjunct that reads only columns every window call partitions
 * by keeps or drops whole partitions, so it may run below the window; everything else stays above.
 */
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { andAll, columnsOf, isVolatile } from './expr_utils.js';

type WindowPlan = Extract<LogicalPlan, { kind: 'window' }>;

function filter(input: LogicalPlan, parts: readonly BoundExpr[]): LogicalPlan {
  const predicate = andAll(parts);
  return predicate === null ? input : { kind: 'filter', schema: input.schema, input, predicate };
}

/** `original` (the filter over `w`) with the conjuncts on common partition columns moved below the window. */
export function pushFilterThroughWindow(original: LogicalPlan, w: WindowPlan, parts: readonly BoundExpr[]): LogicalPlan {
  let common: Set<number> | null = null;
  for (const c of w.calls) {
    const cols = new Set<number>();
    for (const e of c.spec.partitionBy) if (e.kind === 'column') cols.add(e.index);
    common = common === null ? cols : new Set([...common].filter((i: number) => cols.has(i)));
  }
  if (common === null || common.size === 0) return original;
  const down: BoundExpr[] = [];
  const stay: BoundExpr[] = [];
  for (const c of parts) {
    const cols = [...columnsOf(c)];
    if (!isVolatile(c) && cols.length > 0 && cols.every((i) => common!.has(i))) down.push(c);
    else stay.push(c);
  }
  if (down.length === 0) return original;
  return filter({ ...w, input: filter(w.input, down) }, stay);
}
