import { describe, expect, it } from 'vitest';
import { vectorFromDatums, type Vector } from '../../../common/vector.js';
import type { SqlType } from '../../../common/types.js';
import { buildJoinTable, joinTableFromData, shareJoinTable, type JoinTable } from '../../../executor/join/join_table.js';
import { keyRangeOf } from '../../../executor/join/key_range.js';
import { PairBuffer } from '../../../executor/operators/join_output.js';

const int4: SqlType = { kind: 'int4' } as SqlType;
const int8: SqlType = { kind: 'int8' } as SqlType;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function pairsOf(t: JoinTable, probe: Vector): string[] {
  const out = new PairBuffer();
  t.probe([probe], probe.length, out);
  return Array.from({ length: out.n }, (_, j) => `${out.l[j]}:${out.r[j]}`).sort();
}

/** every (probe row, build row) with equal non-NULL keys, by brute force */
function expected(build: readonly (number | bigint | null)[], probe: readonly (number | bigint | null)[]): string[] {
  const out: string[] = [];
  probe.forEach((p, i) => build.forEach((b, j) => { if (p !== null && b !== null && BigInt(p) === BigInt(b)) out.push(`${i}:${j}`); }));
  return out.sort();
}

describe('range index of one-column integer join keys', () => {
  it('picks a direct array for dense keys, a bitmap for sparser ones, nothing for spread-out or wide values', () => {
    const dense = Int32Array.from({ length: 1000 }, (_, i) => i * 2);
    expect(keyRangeOf(dense, 1, 1000)!.direct).not.toBeNull();
    const sparse = Int32Array.from({ length: 10_000 }, (_, i) => i * 40);
    const r = keyRangeOf(sparse, 1, 10_000)!;
    expect(r.direct).toBeNull();
    expect(r.bits).not.toBeNull();
    expect(keyRangeOf(Int32Array.from({ length: 100 }, (_, i) => i * 1_000_000), 1, 100)).toBeNull();
    // an int64 value beyond int32 (high word not the sign of the low word)
    expect(keyRangeOf(Int32Array.from([1, 0, 5, 1]), 2, 2)).toBeNull();
  });

  // direct: built straight into a direct array; bitmap: hashed, then a bitmap; hash only: a build key beyond int32
  for (const [name, spread, type, wide] of [['direct', 2, int4, false], ['bitmap', 60, int8, false], ['hash only', 30, int8, true]] as const) {
    it(`gives the same pairs as brute force (${name}): duplicates, NULLs, negatives, keys outside the range`, () => {
      const rand = rng(spread);
      const nb = 3000, np = 5000;
      const mk = (x: number): number | bigint => (type === int8 ? BigInt(x) : x);
      const build = Array.from({ length: nb }, () => (rand() < 0.02 ? null : mk(Math.floor(rand() * nb * spread) - 500)));
      const probe = Array.from({ length: np }, () => (rand() < 0.02 ? null : mk(Math.floor(rand() * nb * spread * 1.2) - 1000)));
      if (type === int8) probe.push(2n ** 40n + 3n, -(2n ** 33n));
      if (wide) build.push(2n ** 40n + 3n);
      const bv = vectorFromDatums(type, build), pv = vectorFromDatums(type, probe);
      const t = buildJoinTable([bv], build.length, [type]);
      const want = expected(build, probe);
      expect(want.length).toBeGreaterThan(0);
      expect(pairsOf(t, pv)).toEqual(want);
      // the shared form (what the worker threads probe) answers the same
      const shared = joinTableFromData(shareJoinTable(t)!);
      expect(pairsOf(shared, pv)).toEqual(want);
      const matched = new Uint8Array(pv.length);
      shared.probeExists([pv], pv.length, matched, null);
      expect([...matched].reduce((a, x) => a + x, 0)).toBe(new Set(want.map((s) => s.split(':')[0])).size);
    });
  }
});
