/**
 * CTE Scan: reads a materialised CTE (planner/physical/cte_scan.ts). The CTE's operator runs to the end once
 * per query execution (executor/cte/materialized_ctes.ts); its batches stay in memory, reserved in the
 * query's memory account (53200 over the limit), and every reference yields the same batches.
 */
import type { Batch, Schema } from '../../common/vector.js';
import type { ExecContext } from '../api.js';
import { reserveMemory } from '../api.js';
import { MaterializedCtes } from '../cte/materialized_ctes.js';
import { batchBytes } from '../instrument/memory.js';
import { checkAborted, type Operator } from './operator.js';

export class CteScanOperator implements Operator {
  constructor(readonly schema: Schema, private readonly id: number, private readonly name: string, private readonly cte: Operator) {}

  children(): readonly Operator[] {
    return [this.cte];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    // outside executePlan (no per-execution store) the CTE is simply computed for this reference
    const store = ctx.ctes ?? new MaterializedCtes();
    const rows = await store.rows(this.id, () => this.materialize(ctx));
    for (const b of rows) {
      checkAborted(ctx);
      yield b;
    }
  }

  private async materialize(ctx: ExecContext): Promise<readonly Batch[]> {
    const out: Batch[] = [];
    for await (const b of this.cte.execute(ctx)) {
      checkAborted(ctx);
      if (b.length === 0) continue;
      reserveMemory(ctx, batchBytes(b), `CTE ${this.name}`);
      out.push(b);
    }
    return out;
  }
}
