import { totalmem } from 'node:os';
/** The cache budget setting: default 1 GiB, env PIER_CACHE_MAX_BYTES, flag --cache-max-bytes, validated. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../conf/load.js';
import { createWorkerPool } from '../../../executor/pool.js';

describe('column cache configuration', () => {
  it('defaults to 1 GiB and reads the env var and the flag', () => {
    expect(loadConfig({ argv: [], env: {} }).cacheMaxBytes).toBe(Math.min(2 * 1024 ** 3, Math.floor(totalmem() / 8)));
    expect(loadConfig({ argv: [], env: { PIER_CACHE_MAX_BYTES: '1000' } }).cacheMaxBytes).toBe(1000);
    expect(loadConfig({ argv: ['--cache-max-bytes', '0'], env: { PIER_CACHE_MAX_BYTES: '1000' } }).cacheMaxBytes).toBe(0);
    expect(() => loadConfig({ argv: ['--cache-max-bytes', '-5'], env: {} })).toThrow(/cache/i);
  });

  it('the pool shares the budget out among its threads and bumps the clear epoch', async () => {
    const p = createWorkerPool({ threads: 0, cacheMaxBytes: 5000 });
    expect(p.cacheSettings?.()).toEqual({ maxBytes: 5000, epoch: 0 });
    p.clearCache?.();
    expect(p.cacheSettings?.()).toEqual({ maxBytes: 5000, epoch: 1 });
    await p.close();
  });
});
