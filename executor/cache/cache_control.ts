/**
 * The coordinator's side of the per-thread column caches: every scan task carries the settings (each
 * thread's budget, the full-clear epoch, the prefixes dropped so far), and each thread applies what it has
 * not applied yet before reading (ColumnCache.clearUpTo). CLEAR CACHE bumps the epoch; UNCACHE TABLE adds
 * one drop per data file of the table.
 */
import { type CacheDrop, threadColumnCache } from './column_cache.js';

export interface CacheSettings {
  readonly maxBytes: number;
  readonly epoch: number;
  readonly drops?: readonly CacheDrop[];
}

/** More drops than this are folded into one full clear (the settings travel with every task). */
const MAX_DROPS = 4096;

export interface CacheControl {
  cacheSettings(): CacheSettings;
  clearCache(): void;
  /** drop the entries under these key prefixes from every thread's cache */
  dropCache(prefixes: readonly string[]): void;
}

export function cacheControl(total: number, threads: number): CacheControl {
  let epoch = 0;
  let seq = 0;
  let drops: CacheDrop[] = [];
  const perThread = Math.floor(total / Math.max(1, threads));
  const clearCache = (): void => {
    epoch++;
    drops = [];
    threadColumnCache.clearUpTo(epoch);
  };
  return {
    cacheSettings: () => ({ maxBytes: perThread, epoch, ...(drops.length > 0 ? { drops } : {}) }),
    clearCache,
    dropCache: (prefixes) => {
      if (drops.length + prefixes.length > MAX_DROPS) { seq += prefixes.length; clearCache(); return; }
      drops = [...drops, ...prefixes.map((prefix) => ({ seq: ++seq, epoch, prefix }))];
      threadColumnCache.clearUpTo(epoch, drops);
    },
  };
}
