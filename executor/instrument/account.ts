/**
 * Memory accounting helpers for operators that hold data (hash aggregate, hash join build, sort): one call per
 * batch or per growth step; they reserve in the query's MemoryAccount (ctx.memory), which fails with 53200 over
 * the query's limit (pier.query_max_memory).
 */
import type { Batch } from '../../common/vector.js';
import type { ExecContext } from '../api.js';
import { batchBytes } from './memory.js';

/** bytes per hash-table entry beyond the row data (Map entry, key string, row-id list) */
const HASH_ENTRY_BYTES = 48;

/** An operator keeps `b` (sort input, hash join build side): reserve its bytes (+ hash entries when `hashed`). */
export function accountBatch(ctx: ExecContext, b: Batch, owner: string, hashed = false): void {
  if (ctx.memory === undefined || b.length === 0) return;
  ctx.memory.reserve(batchBytes(b) + (hashed ? HASH_ENTRY_BYTES * b.length : 0), owner);
}

/** Growth of a structure counted in units (hash aggregate groups): reserves the difference each time. */
export class GrowthAccount {
  private units = 0;

  constructor(private readonly ctx: ExecContext, private readonly owner: string, private readonly bytesPerUnit: number) {}

  /** the structure now holds `units` units */
  track(units: number): void {
    if (units <= this.units || this.ctx.memory === undefined) return;
    this.ctx.memory.reserve((units - this.units) * this.bytesPerUnit, this.owner);
    this.units = units;
  }
}

/** estimated bytes per hash-aggregate group: keys and accumulator states */
export function groupBytes(keys: number, aggregates: number): number {
  return HASH_ENTRY_BYTES + 32 * keys + 48 * aggregates;
}
