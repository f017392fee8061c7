/**
 * Filter-only scan columns: a column a scan reads only for its pushed-down filter (q12's `l_shipdate`,
 * `l_commitdate`, `l_receiptdate`) is not needed above the scan. Projection push-down (rules/push_down_projection.ts)
 * calls `hideFilterOnlyColumns` with the narrowed scan and the columns its parent uses: when the scan keeps
 * columns the parent does not use, the scan is wrapped in a Project of plain column references to the used
 * ones, and the returned map sends each used column to its place in that Project (so every expression above is
 * remapped onto the Project's output and none can name a filter-only column). Lowering fuses such a Project
 * into the physical scan (planner/physical/lower_scan.ts), so the scan tasks read and filter on every column but
 * copy and return only the used ones.
 */
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../logical/nodes.js';

type Scan = Extract<LogicalPlan, { kind: 'scan' }>;

export interface HiddenColumns {
  readonly plan: LogicalPlan;
  /** the scan's output column index before narrowing → index in `plan`, for every used column */
  readonly map: ReadonlyMap<number, number>;
}

/**
 * `scan`: already narrowed to `keep` (sorted old output indexes: the used columns plus the filter's);
 * `scanMap`: old index → index in `scan`; `required`: the old indexes the parent uses.
 * Returns null when every kept column is used (nothing to hide).
 */
export function hideFilterOnlyColumns(scan: Scan, scanMap: ReadonlyMap<number, number>, required: ReadonlySet<number>): HiddenColumns | null {
  if (required.size >= scan.columns.length) return null;
  const used = [...required].sort((a, b) => a - b);
  const exprs: BoundExpr[] = used.map((old) => {
    const i = scanMap.get(old)!;
    const f = scan.schema[i]!;
    return { kind: 'column', index: i, type: f.type, name: f.name };
  });
  const schema = used.map((old) => scan.schema[scanMap.get(old)!]!);
  return {
    plan: { kind: 'project', schema, input: scan, exprs },
    map: new Map(used.map((old, j) => [old, j])),
  };
}
