/** What EXPLAIN ANALYZE measures per operator (one entry per physical plan node). */
import type { PhysicalPlan } from '../../planner/physical/plan.js';

export interface OperatorStats {
  /** times the operator was executed */
  loops: number;
  rows: number;
  batches: number;
  /** ms from the first pull to the first batch (summed over loops) */
  startupMs: number;
  /** ms from the first pull to the end (summed over loops) */
  totalMs: number;
  /** bytes this operator reserved at its peak (hash tables, sorts) */
  memoryBytes: number;
  /** extra facts an operator reports (files, row groups, bytes read, cache hits, ...) */
  readonly extra: Map<string, number>;
}

export function emptyStats(): OperatorStats {
  return { loops: 0, rows: 0, batches: 0, startupMs: 0, totalMs: 0, memoryBytes: 0, extra: new Map() };
}

/** All stats of one EXPLAIN ANALYZE run, keyed by plan node object identity. */
export class QueryStats {
  readonly byNode = new Map<PhysicalPlan, OperatorStats>();
  totalMs = 0;
  peakMemoryBytes = 0;

  of(p: PhysicalPlan): OperatorStats {
    let s = this.byNode.get(p);
    if (s === undefined) {
      s = emptyStats();
      this.byNode.set(p, s);
    }
    return s;
  }

  /** add to a counter of node `p` (scan tasks report files/row groups/bytes this way) */
  count(p: PhysicalPlan, name: string, n: number): void {
    const s = this.of(p);
    s.extra.set(name, (s.extra.get(name) ?? 0) + n);
  }
}
