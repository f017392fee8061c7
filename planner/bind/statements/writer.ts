/** The worker pool as a Table.append writer (data files encoded on the workers), or none when tasks run inline. */
import type { AppendOptions } from '../../../catalog/catalog.js';
import type { StatementEnv } from './context.js';

export function poolWriter(env: StatementEnv): Pick<AppendOptions, 'writer'> {
  const pool = env.pool;
  const run = pool.runWrite;
  if (pool.mode !== 'threads' || pool.threads <= 0 || run === undefined) return {};
  return { writer: { threads: pool.threads, run: (task) => run.call(pool, task, env.signal) } };
}
