/** Which thread owns a scan task's chunks: split parts by file fraction, whole files round robin and sticky. */
import { describe, expect, it } from 'vitest';
import { fractionLane, TaskAffinity } from '../../../executor/pool/task_affinity.js';
import { rowGroupRange } from '../../../executor/scan/scan_task.js';

describe('task affinity', () => {
  it('a row group has the same owner whatever the split count (multiples of the lane count)', () => {
    for (const lanes of [2, 3, 4]) {
      for (const rowGroups of [4, 7, 16, 33]) {
        const ownerOf = new Map<number, number>();
        for (const count of [lanes, 2 * lanes, 3 * lanes, 4 * lanes]) {
          for (let index = 0; index < count; index++) {
            const [first, end] = rowGroupRange(rowGroups, { index, count });
            for (let rg = first; rg < end; rg++) {
              const lane = fractionLane(index, count, lanes);
              if (!ownerOf.has(rg)) ownerOf.set(rg, lane);
              expect(ownerOf.get(rg), `lanes ${lanes} rgs ${rowGroups} count ${count} rg ${rg}`).toBe(lane);
            }
          }
        }
      }
    }
    // and the parts are spread evenly: 4 parts over 2 lanes → 0, 0, 1, 1
    expect([0, 1, 2, 3].map((i) => fractionLane(i, 4, 2))).toEqual([0, 0, 1, 1]);
  });

  it('whole files get lanes round robin on first sight and keep them; keys name the split', () => {
    const a = new TaskAffinity(2);
    const f = (path: string, split?: { index: number; count: number }) => ({ store: { kind: 'local', root: '/w' }, path, ...(split ? { split } : {}) });
    const owners = ['a', 'b', 'c', 'd', 'e'].map((p) => a.owner(f(p), a.key(f(p))!));
    expect(owners).toEqual([0, 1, 0, 1, 0]);
    expect(['e', 'd', 'c', 'b', 'a'].map((p) => a.owner(f(p), a.key(f(p))!))).toEqual([0, 1, 0, 1, 0]);
    expect(a.key(f('x', { index: 1, count: 4 }))).not.toBe(a.key(f('x')));
    expect(a.key(f('x', { index: 0, count: 1 }))).toBe(a.key(f('x')));
    expect(a.key({})).toBeNull();
    expect(a.owner(f('x', { index: 3, count: 4 }), a.key(f('x', { index: 3, count: 4 }))!)).toBe(1);
  });

  it('a moved key keeps its new lane; runs are remembered until the caches are cleared', () => {
    const a = new TaskAffinity(2);
    const t = { path: 'p', split: { index: 0, count: 2 } };
    const k = a.key(t)!;
    expect(a.owner(t, k)).toBe(0);
    a.moveTo(k, 1);
    expect(a.owner(t, k)).toBe(1);
    expect(a.hasRun(k)).toBe(false);
    a.markRun(k);
    expect(a.hasRun(k)).toBe(true);
    a.forgetRuns();
    expect(a.hasRun(k)).toBe(false);
  });

  it('forgets past maxKeys instead of growing without bound', () => {
    const a = new TaskAffinity(2, 4);
    for (let i = 0; i < 10; i++) a.markRun(`k${i}`);
    expect(a.hasRun('k9')).toBe(true);
    expect(a.hasRun('k0')).toBe(false);
  });
});

describe('parts straddling a fraction boundary', () => {
  it('the middle part of an odd count goes to either lane, by the file', () => {
    expect([0, 1, 2].map((i) => fractionLane(i, 3, 2, 0))).toEqual([0, 1, 1]);
    expect([0, 1, 2].map((i) => fractionLane(i, 3, 2, 1))).toEqual([0, 0, 1]);
    expect([0, 1, 2, 3, 4].map((i) => fractionLane(i, 5, 2, 1))).toEqual([0, 0, 0, 1, 1]);
    // over many files, middle parts of 3 land on both lanes about evenly
    const a = new TaskAffinity(2);
    const lanes = Array.from({ length: 40 }, (_, f) => ({ path: `part-${f}.parquet`, split: { index: 1, count: 3 } })).map((t) => a.owner(t, a.key(t)!));
    const ones = lanes.filter((l) => l === 1).length;
    expect(ones).toBeGreaterThan(10);
    expect(ones).toBeLessThan(30);
  });
});
