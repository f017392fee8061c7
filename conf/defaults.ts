import { availableParallelism } from 'node:os';
import { DEFAULT_CACHE_MAX_BYTES } from '../executor/cache/column_cache.js';
import { getHeapStatistics } from 'node:v8';
import type { PierConfig } from './config.js';

export function defaultConfig(): PierConfig {
  return {
    host: '127.0.0.1',
    port: 5433,
    database: 'pier',
    warehouse: './warehouse',
    adminPort: 5480,
    adminHost: '127.0.0.1',
    workers: Math.max(1, Math.min(availableParallelism(), 8)),
    auth: { method: 'trust', users: {} },
    logLevel: 'info',
    cacheMaxBytes: DEFAULT_CACHE_MAX_BYTES,
    // well under the JS heap limit: a query over it fails with 53200 instead of crashing the server
    queryMaxMemoryBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.6),
    s3: { endpoint: null, region: null, accessKeyId: null, secretAccessKey: null, sessionToken: null, forcePathStyle: null },
  };
}
