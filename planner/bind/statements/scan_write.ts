/**
 * CREATE TABLE AS over a plain scan (`SELECT * | cols FROM t | read_parquet(...) [WHERE ...]`): each worker scans
 * its part of the source and writes the rows straight into the new table's data files (executor/write/
 * scan_write_task.ts), so rows never cross threads. Null when the plan is anything else, the types differ
 * from the table's, or tasks run inline: the caller then takes the general append path.
 */
import type { AppendResult, AppendTarget } from '../../../catalog/catalog.js';
import type { Field } from '../../../common/types.js';
import { ScanOperator } from '../../../executor/operators/scan.js';
import { openObjectStore } from '../../../storage/object_store/open.js';
import type { PhysicalPlan } from '../../physical/plan.js';
import { execContextOf, type StatementEnv } from './context.js';
import { throwIfAborted } from './row_count.js';

type Writer = (target: AppendTarget) => Promise<AppendResult>;

export function scanWriter(plan: PhysicalPlan, fields: readonly Field[], env: StatementEnv): Writer | null {
  const pool = env.pool;
  const run = pool.runScanWrite;
  if (pool.mode !== 'threads' || pool.threads <= 0 || run === undefined) return null;
  if (plan.kind !== 'scan' || plan.limit !== null || plan.partialAggregate !== null) return null;
  if (plan.schema.length !== fields.length) return null;
  if (plan.schema.some((f, i) => JSON.stringify(f.type) !== JSON.stringify(fields[i]!.type))) return null;
  return async (target) => {
    const ctx = execContextOf(env);
    const tasks = new ScanOperator(plan).tasks(ctx, false);
    const results: (AppendResult | undefined)[] = new Array(tasks.length);
    let next = 0;
    let failed: unknown = null;
    const worker = async (): Promise<void> => {
      while (failed === null && next < tasks.length) {
        const i = next++;
        try {
          throwIfAborted(env.signal);
          results[i] = await run.call(pool, { scan: tasks[i]!, target }, env.signal);
        } catch (e) {
          failed ??= e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(pool.threads, tasks.length) }, worker));
    const adds = results.flatMap((r) => (r === undefined ? [] : [...r.adds]));
    if (failed !== null) {
      // the files of the tasks that finished are not committed: remove them now rather than at VACUUM
      const store = openObjectStore(target.store);
      await Promise.all(adds.map((a) => store.delete(`${target.tablePath}/${decodeURIComponent(a.path)}`).catch(() => undefined)));
      throw failed;
    }
    return { adds, rows: results.reduce((s, r) => s + (r?.rows ?? 0), 0) };
  };
}
