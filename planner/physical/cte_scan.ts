/**
 * Lowering and EXPLAIN text of a materialised CTE reference (planner/logical/cte_scan.ts). The CTE's plan is
 * lowered once per logical plan object, so every reference carries the same physical `cte` (EXPLAIN ANALYZE
 * counts it once); executor/operators/cte_scan.ts runs it once per query execution, keyed by `id`.
 */
import type { Field } from '../../common/types.js';
import type { LogicalCteScan } from '../logical/cte_scan.js';
import type { LogicalPlan } from '../logical/nodes.js';
import type { PhysicalPlan } from './nodes.js';

export interface PhysicalCteScan {
  readonly kind: 'cte_scan';
  readonly schema: readonly Field[];
  readonly estimatedRows: number;
  readonly id: number;
  readonly name: string;
  readonly alias: string | null;
  readonly cte: PhysicalPlan;
}

const lowered = new WeakMap<LogicalPlan, PhysicalPlan>();

export function lowerCteScan(p: LogicalCteScan, lower: (x: LogicalPlan) => PhysicalPlan): PhysicalCteScan {
  let cte = lowered.get(p.cte);
  if (cte === undefined) {
    cte = lower(p.cte);
    lowered.set(p.cte, cte);
  }
  return { kind: 'cte_scan', schema: p.schema, estimatedRows: cte.estimatedRows, id: p.id, name: p.name, alias: p.alias, cte };
}

/** `CTE Scan on revenue r2` (PostgreSQL's wording). */
export function describeCteScan(p: PhysicalCteScan): string {
  return `CTE Scan on ${p.name}${p.alias !== null && p.alias !== p.name ? ` ${p.alias}` : ''}`;
}

/** The header line printed above a CTE's plan, the first time one of its references is printed. */
export function cteHeader(p: PhysicalCteScan): string {
  return `CTE ${p.name}`;
}
