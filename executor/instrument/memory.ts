/**
 * Per-query memory accounting: hash aggregates, hash joins and sorts reserve the bytes they hold; over the
 * query's limit the query fails with 53200 "out of memory" (PostgreSQL's wording) instead of crashing the server.
 * The tracker also remembers the peak per operator for EXPLAIN ANALYZE.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import { isScaledNumerics, type Batch, type Vector } from '../../common/vector.js';

/** What operators see: reserve what they hold, release what they free. */
export interface MemoryAccount {
  reserve(bytes: number, owner: string): void;
  release(bytes: number, owner: string): void;
  readonly current: number;
  readonly peak: number;
}

/** Attributes one operator's reservations (EXPLAIN ANALYZE memory per node) and forwards them to the query's. */
export class SubAccount implements MemoryAccount {
  private used = 0;
  private peakBytes = 0;

  constructor(private readonly parent: MemoryAccount) {}

  get current(): number {
    return this.used;
  }

  get peak(): number {
    return this.peakBytes;
  }

  reserve(bytes: number, owner: string): void {
    this.parent.reserve(bytes, owner);
    this.used += Math.max(0, bytes);
    if (this.used > this.peakBytes) this.peakBytes = this.used;
  }

  release(bytes: number, owner: string): void {
    this.parent.release(bytes, owner);
    this.used = Math.max(0, this.used - Math.max(0, bytes));
  }
}

export class MemoryTracker implements MemoryAccount {
  private used = 0;
  private peakBytes = 0;
  private readonly byOwner = new Map<string, number>();

  /** `limit` in bytes; 0 = unlimited (only measured). */
  constructor(readonly limit: number) {}

  get current(): number {
    return this.used;
  }

  get peak(): number {
    return this.peakBytes;
  }

  /** Reserve `bytes` for `owner` (e.g. "HashAggregate"); throws 53200 when the limit would be exceeded. */
  reserve(bytes: number, owner: string): void {
    if (bytes <= 0) return;
    if (this.limit > 0 && this.used + bytes > this.limit) {
      throw new QueryError(SQLSTATE.out_of_memory, 'out of memory', {
        detail: `Failed on request of size ${Math.round(bytes)} in memory context "${owner}": the query already holds ${Math.round(this.used)} bytes and its limit (pier.query_max_memory) is ${this.limit} bytes.`,
      });
    }
    this.used += bytes;
    if (this.used > this.peakBytes) this.peakBytes = this.used;
    this.byOwner.set(owner, (this.byOwner.get(owner) ?? 0) + bytes);
  }

  release(bytes: number, owner: string): void {
    if (bytes <= 0) return;
    this.used = Math.max(0, this.used - bytes);
    this.byOwner.set(owner, Math.max(0, (this.byOwner.get(owner) ?? 0) - bytes));
  }
}

/** Approximate bytes a vector holds: typed arrays exactly; arrays of JS values estimated from a sample. */
export function vectorBytes(v: Vector): number {
  const nulls = v.nulls ? v.nulls.byteLength : 0;
  const d = v.data;
  if (ArrayBuffer.isView(d)) return d.byteLength + nulls;
  if (isScaledNumerics(d)) return d.values.byteLength + nulls;
  const n = d.length;
  if (n === 0) return nulls;
  const sample = Math.min(n, 32);
  let bytes = 0;
  for (let i = 0; i < sample; i++) {
    const x = d[Math.floor((i * n) / sample)];
    bytes += typeof x === 'string' ? 24 + x.length : x === null ? 8 : 48;
  }
  return Math.round((bytes / sample) * n) + nulls;
}

export function batchBytes(b: Batch): number {
  let total = 0;
  for (const c of b.columns) total += vectorBytes(c);
  return total;
}
