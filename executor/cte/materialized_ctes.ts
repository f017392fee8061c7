/**
 * The rows of the materialised CTEs of one query execution (planner/logical/cte_scan.ts), by CTE id. The first
 * reference to read a CTE computes it; every other reference — in the main plan or in a subquery's plan, run
 * by executePlan with the same context — awaits the same rows. Created by executor/execute.ts per execution.
 */
import type { Batch } from '../../common/vector.js';

export class MaterializedCtes {
  private readonly results = new Map<number, Promise<readonly Batch[]>>();

  /** The CTE's rows, computed by `compute` on the first call for `id` only. */
  rows(id: number, compute: () => Promise<readonly Batch[]>): Promise<readonly Batch[]> {
    let r = this.results.get(id);
    if (r === undefined) {
      r = compute();
      // a reader that stopped early must not leave an unhandled rejection behind; readers still see the error
      r.catch(() => undefined);
      this.results.set(id, r);
    }
    return r;
  }
}
