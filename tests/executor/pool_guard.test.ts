import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../common/errors.js';
import { createWorkerPool, type WorkerPool } from '../../executor/pool.js';
import type { ScanTask } from '../../executor/scan/scan_task.js';

const dir = mkdtempSync(join(tmpdir(), 'pier-pool-'));
const pools: WorkerPool[] = [];
afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

/**
 * A worker script that misbehaves while the marker file exists, then answers 42 rows: 'start' fails to load
 * until the test removes the marker; 'exit' kills its thread on the first task (removing the marker).
 */
function script(name: string, misbehave: string): { file: string; marker: string } {
  const marker = join(dir, `${name}.marker`);
  writeFileSync(marker, '');
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `import { existsSync, rmSync } from 'node:fs';
const marker = ${JSON.stringify(marker)};
const bad = existsSync(marker);
${misbehave.includes('start') ? 'if (bad) throw new Error("cannot load the worker module");' : 'if (bad) rmSync(marker);'}
export function ping() { return 'pong'; }
export default async function task() {
  ${misbehave.includes('exit') ? 'if (bad) process.exit(7);' : ''}
  ${misbehave.includes('throw') ? 'throw new Error("task failed on purpose");' : ''}
  return { batches: [], partial: null, rows: 42 };
}
`);
  return { file, marker };
}

const task = {} as ScanTask;

function pool(file: string): WorkerPool {
  const p = createWorkerPool({ threads: 1, workerScript: file });
  pools.push(p);
  return p;
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try { await p; } catch (e) { return e; }
  throw new Error('expected the task to fail');
}

describe('worker pool robustness', () => {
  it('a worker that fails to start fails only the running task (XX000), then the pool recovers', async () => {
    const { file, marker } = script('start', 'start');
    const p = pool(file);
    for (let i = 0; i < 2; i++) {
      const e = await failure(p.runScan!(task));
      expect(e).toBeInstanceOf(QueryError);
      expect((e as QueryError).sqlstate).toBe('XX000');
      expect((e as QueryError).message).toMatch(/^worker thread failed: .*cannot load the worker module/);
    }
    // once the cause is gone, fresh workers serve the next tasks
    rmSync(marker);
    expect((await p.runScan!(task)).rows).toBe(42);
    expect((await p.runScan!(task)).rows).toBe(42);
  });

  it('a worker dying mid-task fails that task and the next one runs', async () => {
    const p = pool(script('exit', 'exit').file);
    const e = await failure(p.runScan!(task));
    expect((e as QueryError).sqlstate).toBe('XX000');
    expect((e as QueryError).message).toMatch(/worker thread failed: .*exited with code: 7/);
    expect((await p.runScan!(task)).rows).toBe(42);
    expect((await p.runScan!(task)).rows).toBe(42);
  });

  it("a task's own error is passed through unchanged (not a worker failure)", async () => {
    const p = pool(script('throw', 'throw').file);
    const e = await failure(p.runScan!(task));
    expect(e).not.toBeInstanceOf(QueryError);
    expect((e as Error).message).toBe('task failed on purpose');
  });
});
