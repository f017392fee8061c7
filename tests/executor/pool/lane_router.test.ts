/** The lane router over fake lanes: owner queues, depth, work stealing (cold / read-through), writes, abort, close. */
import { describe, expect, it } from 'vitest';
import { LaneRouter, type Lane, type Routing } from '../../../executor/pool/lane_router.js';
import { TaskAffinity } from '../../../executor/pool/task_affinity.js';
import type { RunOptions } from '../../../executor/pool_guard.js';

interface Call { readonly lane: number; readonly task: unknown; readonly options: RunOptions | undefined; finish(v?: unknown): void }

/** Lanes whose tasks finish when the test says so. */
function fakeLanes(n: number): { lanes: Lane[]; calls: Call[]; destroyed: number[] } {
  const calls: Call[] = [];
  const destroyed: number[] = [];
  const lanes = Array.from({ length: n }, (_, lane): Lane => ({
    run: (task, options) => new Promise((resolve) => calls.push({ lane, task, options, finish: (v = task) => resolve(v) })),
    destroy: async () => { destroyed.push(lane); },
  }));
  return { lanes, calls, destroyed };
}

const SCAN: Routing = { kind: 'scan', readThrough: (t) => ({ ...(t as object), readThrough: true }) };
const WARM: Routing = { kind: 'warm' };
const ANY: Routing = { kind: 'any' };
/** part `index` of 2 of file `path`: lane `index` owns it */
const part = (path: string, index: number) => ({ path, split: { index, count: 2 } });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('lane router', () => {
  it('sends each task to its owner lane, at most `depth` at a time per lane', async () => {
    const { lanes, calls } = fakeLanes(2);
    const r = new LaneRouter(lanes, new TaskAffinity(2), 2, 2);
    const results = [part('a', 0), part('a', 1), part('b', 0), part('b', 1)].map((t) => r.run(t, SCAN));
    expect(calls.map((c) => [c.lane, c.task])).toEqual([[0, part('a', 0)], [1, part('a', 1)], [0, part('b', 0)], [1, part('b', 1)]]);
    calls.forEach((c) => c.finish());
    expect(await Promise.all(results)).toEqual([part('a', 0), part('a', 1), part('b', 0), part('b', 1)]);
    // three more tasks for lane 1 (owner has run none of them)... depth 2: the third waits or is stolen by idle lane 0
    const more = [part('c', 1), part('d', 1), part('e', 1)].map((t) => r.run(t, SCAN));
    expect(calls.slice(4).map((c) => c.lane)).toEqual([1, 1, 0]);
    expect(r.stats().stolen).toBe(1);
    calls.slice(4).forEach((c) => c.finish());
    await Promise.all(more);
    // the cold steal moved e#1 to lane 0 for good
    const again = r.run(part('e', 1), SCAN);
    expect(calls[7]!.lane).toBe(0);
    expect(calls[7]!.task).toEqual(part('e', 1));
    calls[7]!.finish();
    await again;
  });

  it('a task its owner has cached is stolen only from a long queue, and then reads through', async () => {
    const { lanes, calls } = fakeLanes(2);
    const r = new LaneRouter(lanes, new TaskAffinity(2), 1, 2);
    // warm up: lane 1 runs x#1, y#1, z#1 (each in turn, depth 1, lane 0 busy so nothing is stolen)
    const blocker = r.run(part('w', 0), SCAN);
    for (const p of ['x', 'y', 'z']) {
      const pr = r.run(part(p, 1), SCAN);
      calls.at(-1)!.finish();
      await pr;
    }
    calls[0]!.finish();
    await blocker;
    const n = calls.length;
    // lane 1 busy with x#1, queue [y#1]: lane 0 idle but the queue is short → no steal
    const a = r.run(part('x', 1), SCAN);
    const b = r.run(part('y', 1), SCAN);
    expect(calls.slice(n).map((c) => c.lane)).toEqual([1]);
    // queue [y#1, z#1]: long enough → lane 0 takes y#1, reading through
    const d = r.run(part('z', 1), SCAN);
    expect(calls.slice(n).map((c) => [c.lane, c.task])).toEqual([[1, part('x', 1)], [0, { ...part('y', 1), readThrough: true }]]);
    expect(r.stats()).toMatchObject({ stolen: 1, readThrough: 1, queued: [0, 1] });
    calls.slice(n).forEach((c) => c.finish());
    await tick();
    calls.at(-1)!.finish();
    await Promise.all([a, b, d]);
    // a read-through steal does not move the task: y#1 still goes to lane 1
    const e = r.run(part('y', 1), SCAN);
    expect(calls.at(-1)!.lane).toBe(1);
    calls.at(-1)!.finish();
    await e;
  });

  it('CACHE TABLE tasks always run on their owner; writes go to the least busy lane', async () => {
    const { lanes, calls } = fakeLanes(2);
    const r = new LaneRouter(lanes, new TaskAffinity(2), 1, 2);
    const warm = [part('a', 1), part('b', 1), part('c', 1)].map((t) => r.run(t, WARM));
    expect(calls.map((c) => c.lane)).toEqual([1]);
    const w = r.run({ write: 1 }, ANY, { name: 'writeFiles' });
    expect(calls.map((c) => c.lane)).toEqual([1, 0]);
    expect(calls[1]!.options).toEqual({ name: 'writeFiles' });
    for (let i = 0; i < 4; i++) { calls[i]!.finish(); await tick(); }
    await Promise.all([...warm, w]);
    expect(calls.map((c) => c.lane)).toEqual([1, 0, 1, 1]);
  });

  it('a task aborted while queued is dropped (AbortError); the signal reaches running tasks; close fails the queue', async () => {
    const { lanes, calls, destroyed } = fakeLanes(1);
    const r = new LaneRouter(lanes, new TaskAffinity(1), 1, 2);
    const ctl = new AbortController();
    const running = r.run(part('a', 0), SCAN, { signal: ctl.signal });
    const queued = r.run(part('b', 0), SCAN, { signal: ctl.signal });
    const other = r.run(part('c', 0), SCAN);
    expect(calls[0]!.options?.signal).toBe(ctl.signal);
    ctl.abort(new Error('stop'));
    await expect(queued).rejects.toMatchObject({ name: 'AbortError', message: 'The task has been aborted' });
    expect(r.stats().queued).toEqual([1]);
    await expect(r.run(part('d', 0), SCAN, { signal: ctl.signal })).rejects.toMatchObject({ name: 'AbortError' });
    calls[0]!.finish();
    await running;
    expect(calls.map((c) => c.task)).toEqual([part('a', 0), part('c', 0)]);
    const late = r.run(part('e', 0), SCAN);
    await r.close();
    await expect(late).rejects.toThrow(/closed/);
    expect(destroyed).toEqual([0]);
    calls[1]!.finish();
    await other;
  });
});

describe('lane router: tasks wrapping a scan', () => {
  it('are routed by their scan part (CREATE TABLE AS scan-writes)', async () => {
    const { lanes, calls } = fakeLanes(2);
    const r = new LaneRouter(lanes, new TaskAffinity(2), 2, 2);
    const wrapped: Routing = { kind: 'scan', scanOf: (t) => (t as { scan: object }).scan, readThrough: (t) => t };
    const done = [r.run({ scan: part('a', 1) }, wrapped), r.run({ scan: part('a', 0) }, wrapped), r.run({ scan: part('a', 1) }, SCAN)];
    // the last one names no file itself: any lane (the least busy)
    expect(calls.map((c) => c.lane)).toEqual([1, 0, 0]);
    calls.forEach((c) => c.finish());
    await Promise.all(done);
  });
});
