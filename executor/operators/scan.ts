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
import { dropStage, probeStages, readyStage, type JoinStage } from '../join/join_stage.js';
import { addCounters, emptyCounters, type ScanCounters } from '../scan/scan_stats.js';
import { notifyScan } from '../instrument/scan_observer.js';
import type { PartialAggregate } from '../../planner/physical/nodes.js';
import { foldRows, rowTypesAfter } from '../join/stage_aggregate.js';
import { scanReadSchema } from '../../planner/physical/lower_scan.js';

/** files at least this big are split over the workers by row groups */
const SPLIT_MIN_BYTES = 4 << 20;
/** a split file gets about one task per this many bytes (at least one per worker, at most 4 per worker) */
const SPLIT_BYTES = 3 << 20;

/** How many row-group ranges a file of `size` bytes is read in (1: whole). */
export function splitCount(size: number, threads: number, limited: boolean): number {
  if (limited || threads <= 1 || size < SPLIT_MIN_BYTES) return 1;
  return Math.min(threads * 4, Math.max(threads, Math.ceil(size / SPLIT_BYTES)));
}

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

  tasks(ctx: ExecContext, partial: boolean, stages: readonly JoinStage[] = [], aggregate: PartialAggregate | null = null): ScanTask[] {
    const p = this.plan;
    const readSchema = scanReadSchema(p);
    const fields = p.columns.map((c, i) => ({ ...p.source.fields[c]!, name: readSchema[i]!.name }));
    // a big file is split into contiguous row-group ranges, one task each, so it uses every worker
    // (not with a LIMIT: there the first file's first rows are enough)
    // partial aggregates: one part per worker (every part's states are merged on the main thread)
    const parts = (size: number) => (partial ? Math.min(splitCount(size, ctx.pool.threads, p.limit !== null), Math.max(1, ctx.pool.threads)) : splitCount(size, ctx.pool.threads, p.limit !== null));
    const cache = ctx.pool.cacheSettings?.();
    return p.files.flatMap((f) => Array.from({ length: parts(f.size) }, (_, index) => ({
      split: { index, count: parts(f.size) },
      store: p.source.store,
      path: f.path,
      size: f.size,
      fields,
      columnNames: p.columns.map((c) => p.source.fields[c]!.name),
      ...(p.source.fileColumnNames !== undefined ? { fileColumnNames: p.columns.map((c) => p.source.fileColumnNames![c]!) } : {}),
      ...(p.source.fileFieldIds !== undefined ? { fileFieldIds: p.columns.map((c) => p.source.fileFieldIds![c] ?? null) } : {}),
      ...(p.source.metadataColumns === true ? { metadataColumns: true } : {}),
      ...(p.source.nestedFieldNames !== undefined ? { nestedFieldNames: p.source.nestedFieldNames } : {}),
      ...(f.deletionVector !== undefined ? { deletionVector: f.deletionVector } : {}),
      partitionColumns: p.source.partitionColumns,
      partitionValues: f.partitionValues,
      filter: p.filter,
      limit: p.limit,
      partialAggregate: aggregate ?? (partial ? p.partialAggregate : null),
      eval: ctx.eval,
      ...(cache !== undefined ? { cache } : {}),
      ...(stages.length > 0 ? { stages } : {}),
      ...(p.output !== undefined ? { output: p.output.columns } : {}),
    })));
  }

  private async *run(ctx: ExecContext, partial: boolean, stages: readonly JoinStage[] = [], aggregate: PartialAggregate | null = null): AsyncGenerator<ScanTaskResult> {
    const tasks = this.tasks(ctx, partial || aggregate !== null, stages, aggregate);
    const pool = ctx.pool;
    const runOne = (t: ScanTask): Promise<ScanTaskResult> => (pool.runScan ? pool.runScan(t, ctx.signal) : runScanTask(t));
    // two tasks per worker in flight, so a worker never waits for the main thread to hand it the next one
    const width = Math.max(1, pool.threads * 2);
    const inflight: Promise<ScanTaskResult>[] = [];
    let next = 0;
    let rows = 0;
    const limit = partial || stages.length > 0 ? null : this.plan.limit;
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
      notifyScan({ table: this.plan.source.name, rows, bytes: this.plan.files.reduce((s, f) => s + f.size, 0), filesRead: this.plan.files.length, filesSkipped: this.plan.source.totalFiles - this.plan.files.length });
    }
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    for await (const r of this.run(ctx, false)) for (const b of r.batches) yield b;
  }

  /** The scanned rows run through hash-join probe stages inside the scan tasks (in the workers). */
  async *executeWithStages(ctx: ExecContext, stages: readonly JoinStage[]): AsyncIterable<Batch> {
    if (this.plan.limit !== null) {
      // a LIMIT counts scanned rows across tasks: probe here
      const ready = stages.map((s) => readyStage(s, ctx.eval));
      for (const s of stages) dropStage(s.id);
      for await (const b of this.execute(ctx)) for (const j of probeStages(ready, b)) yield j;
      return;
    }
    for await (const r of this.run(ctx, false, stages)) for (const b of r.batches) yield b;
  }

  /** Partial aggregation of the joined rows inside the scan tasks (executor/join/stage_aggregate.ts). */
  async *aggregateWithStages(ctx: ExecContext, stages: readonly JoinStage[], aggregate: PartialAggregate): AsyncIterable<PartialAggregateResult> {
    if (this.plan.limit !== null) {
      yield* foldRows(ctx, this.executeWithStages(ctx, stages), rowTypesAfter(this, stages), aggregate);
      return;
    }
    for await (const r of this.run(ctx, true, stages, aggregate)) if (r.partial) yield r.partial;
  }

  async *executePartial(ctx: ExecContext): AsyncIterable<PartialAggregateResult> {
    for await (const r of this.run(ctx, true)) if (r.partial) yield r.partial;
  }
}
