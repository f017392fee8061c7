/**
 * Scan: one task per data file (a big file: one per range of row groups), run on the worker pool (up to `threads` at once, inline when 0), results
 * yielded in file order. With a partial aggregate the tasks return partial states (executePartial).
 * A limit stops scheduling new files once enough rows arrived.
 */
import type { Batch, Schema } from '../../common/vector.js';
import type { PhysicalPlan } from '../../planner/physical/plan.js';
import type { ExecContext } from '../api.js';
import type { PartialAggregateResult } from '../scan/aggregate_state.js';
import { runScanTask, type ScanTask, type ScanTaskResult } from '../scan/scan_task.js';
import { checkAborted, type Operator } from './operator.js';
import { addCounters, emptyCounters, type ScanCounters } from '../scan/scan_stats.js';

/** files at least this big are split over the workers by row groups */
const SPLIT_MIN_BYTES = 4 << 20;

type ScanPlan = Extract<PhysicalPlan, { kind: 'scan' }>;

export class ScanOperator implements Operator {
  readonly schema: Schema;
  /** row groups read / skipped and column-cache hits / misses so far (for EXPLAIN ANALYZE) */
  readonly counters: ScanCounters = emptyCounters();

  constructor(private readonly plan: ScanPlan) {
    this.schema = plan.schema;
  }

  children(): readonly Operator[] {
    return [];
  }

  tasks(ctx: ExecContext, partial: boolean): ScanTask[] {
    const p = this.plan;
    const fields = p.columns.map((c, i) => ({ ...p.source.fields[c]!, name: p.schema[i]!.name }));
    // a big file is split into contiguous row-group ranges, one task each, so it uses every worker
    // (not with a LIMIT: there the first file's first rows are enough)
    const parts = (size: number) => (p.limit === null && ctx.pool.threads > 1 && size >= SPLIT_MIN_BYTES ? ctx.pool.threads : 1);
    const cache = ctx.pool.cacheSettings?.();
    return p.files.flatMap((f) => Array.from({ length: parts(f.size) }, (_, index) => ({
      split: { index, count: parts(f.size) },
      store: p.source.store,
      path: f.path,
      size: f.size,
      fields,
      columnNames: p.columns.map((c) => p.source.fields[c]!.name),
      partitionColumns: p.source.partitionColumns,
      partitionValues: f.partitionValues,
      filter: p.filter,
      limit: p.limit,
      partialAggregate: partial ? p.partialAggregate : null,
      eval: ctx.eval,
      ...(cache !== undefined ? { cache } : {}),
    })));
  }

  private async *run(ctx: ExecContext, partial: boolean): AsyncGenerator<ScanTaskResult> {
    const tasks = this.tasks(ctx, partial);
    const pool = ctx.pool;
    const runOne = (t: ScanTask): Promise<ScanTaskResult> => (pool.runScan ? pool.runScan(t, ctx.signal) : runScanTask(t));
    const width = Math.max(1, pool.threads);
    const inflight: Promise<ScanTaskResult>[] = [];
    let next = 0;
    let rows = 0;
    const limit = partial ? null : this.plan.limit;
    try {
      while (next < tasks.length || inflight.length > 0) {
        checkAborted(ctx);
        while (next < tasks.length && inflight.length < width && (limit === null || rows < limit)) {
          const pr = runOne(tasks[next++]!);
          pr.catch(() => {}); // handled when awaited in order
          inflight.push(pr);
        }
        if (inflight.length === 0) break;
        const r = await inflight.shift()!;
        rows += r.rows;
        if (r.counters) addCounters(this.counters, r.counters);
        yield r;
      }
    } finally {
      // results of tasks still running are dropped; their errors are ignored
      for (const p of inflight) p.catch(() => {});
    }
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    for await (const r of this.run(ctx, false)) for (const b of r.batches) yield b;
  }

  async *executePartial(ctx: ExecContext): AsyncIterable<PartialAggregateResult> {
    for await (const r of this.run(ctx, true)) if (r.partial) yield r.partial;
  }
}
