/**
 * Decoded column chunks kept in memory: key = data file + row group + column + the SQL type it was converted
 * to; value = the Pier Vector. Delta data files are immutable, so an entry is never stale. Least recently used
 * entries are evicted to stay within the byte budget. One cache per thread (each scan worker has its own,
 * with its share of the budget). Cached vectors are shared: callers must not modify them, and must copy
 * their typed arrays before transferring them to another thread.
 */
import { totalmem } from 'node:os';
import { isScaledNumerics, type Vector } from '../../common/vector.js';

/** rough bytes held by a vector (typed arrays exactly; strings at 2 bytes a character, sampled; numerics 64) */
export function vectorBytes(v: Vector): number {
  let n = v.nulls === null ? 0 : v.nulls.byteLength;
  const d = v.data;
  if (ArrayBuffer.isView(d)) return n + d.byteLength;
  if (isScaledNumerics(d)) return n + d.values.byteLength;
  const k = v.type.kind;
  if (k === 'text' || k === 'varchar' || k === 'bpchar' || k === 'unknown') {
    // estimated from an even sample of at most 1024 strings
    const s = d as string[];
    const step = Math.max(1, Math.floor(s.length / 1024));
    let sampled = 0, chars = 0;
    for (let i = 0; i < s.length; i += step) { chars += s[i]?.length ?? 0; sampled++; }
    return n + 16 * s.length + (sampled === 0 ? 0 : Math.round((2 * chars * s.length) / sampled));
  }
  return n + 64 * v.length;
}

/** One prefix to drop from every thread's cache (seq increasing; epoch = the full-clear epoch when asked). */
export interface CacheDrop {
  readonly seq: number;
  readonly epoch: number;
  readonly prefix: string;
}

/** The key prefix of one data file's entries (scan_task.ts builds keys from the store descriptor and path). */
export function fileCachePrefix(store: unknown, path: string): string {
  return `${JSON.stringify(store)}|${path}|`;
}

export class ColumnCache {
  private readonly entries = new Map<string, { readonly vector: Vector; readonly bytes: number }>();
  private used = 0;
  private cleared = 0;
  private dropped = 0;

  constructor(private maxBytes: number) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Change the budget (evicting down to it). */
  configure(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.evict();
  }

  /**
   * Drop every entry when `epoch` (a counter the coordinator bumps to clear the caches) moved on since the last
   * call, then the entries of each `drops` prefix (one table's files: UNCACHE TABLE) not applied yet.
   */
  clearUpTo(epoch: number, drops: readonly CacheDrop[] = []): void {
    if (epoch > this.cleared) {
      this.clear();
      this.cleared = epoch;
      // a full clear covers every drop asked for before it
      for (const d of drops) if (d.epoch <= epoch && d.seq > this.dropped) this.dropped = d.seq;
    }
    for (const d of drops) {
      if (d.seq <= this.dropped) continue;
      this.clear(d.prefix);
      this.dropped = d.seq;
    }
  }

  get(key: string): Vector | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    shared.add(e.vector);
    // most recently used goes last
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.vector;
  }

  set(key: string, vector: Vector): void {
    if (this.maxBytes <= 0) return;
    const bytes = vectorBytes(vector);
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) { this.used -= old.bytes; this.entries.delete(key); }
    this.entries.set(key, { vector, bytes });
    shared.add(vector);
    this.used += bytes;
    this.evict();
  }

  /** Drop the entries whose key starts with `prefix` (one table's files), or all. */
  clear(prefix?: string): void {
    if (prefix === undefined) {
      this.entries.clear();
      this.used = 0;
      return;
    }
    for (const [k, e] of this.entries) {
      if (k.startsWith(prefix)) { this.entries.delete(k); this.used -= e.bytes; }
    }
  }

  private evict(): void {
    for (const [k, e] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(k);
      this.used -= e.bytes;
    }
  }
}

const shared = new WeakSet<Vector>();

/** Whether `v` is (or was) held by a cache: its buffers must be copied, not transferred. */
export function isCachedVector(v: Vector): boolean {
  return shared.has(v);
}

/** This thread's cache (budget set by each scan task from the server's configuration). */
export const threadColumnCache = new ColumnCache(0);

/** Default budget for the whole server: 2 GiB, or an eighth of the machine's memory when that is less. */
export const DEFAULT_CACHE_MAX_BYTES = Math.min(2 * 1024 ** 3, Math.floor(totalmem() / 8));
