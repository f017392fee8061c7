import { availableParallelism } from 'node:os';
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
  };
}
