import { describe, expect, it } from 'vitest';
import { vectorFromDatums, type Vector } from '../../../common/vector.js';
import type { SqlType } from '../../../common/types.js';
import { buildJoinTable, joinTableFromData, shareJoinTable, type JoinTable } from '../../../executor/join/join_table.js';
import { filteredRows, wordFilterOf } from '../../../executor/join/word_filter.js';
import { PairBuffer } from '../../../executor/operators/join_output.js';

const int4: SqlType = { kind: 'int4' } as SqlType;
const int8: SqlType = { kind: 'int8' } as SqlType;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

type Key = number | bigint | null;

function pairsOf(t: JoinTable, probe: readonly Vector[], n: number): string[] {
  const out = new PairBuffer();
  t.probe(probe, n, out);
  return Array.from({ length: out.n }, (_, j) => `${out.l[j]}:${out.r[j]}`).sort();
}

/** every (probe row, build row) whose keys are all equal and not NULL, by brute force */
function expected(build: readonly (readonly Key[])[], probe: readonly (readonly Key[])[]): string[] {
  const out: string[] = [];
  const eq = (a: readonly Key[], b: readonly Key[]): boolean => a.every((x, k) => x !== null && b[k] !== null && BigInt(x) === BigInt(b[k]!));
  probe.forEach((p, i) => build.forEach((b, j) => { if (eq(p, b)) out.push(`${i}:${j}`); }));
  return out.sort();
}

const columns = (rows: readonly (readonly Key[])[], types: readonly SqlType[]): Vector[] => types.map((t, k) => vectorFromDatums(t, rows.map((r) => r[k]!)));

describe('word pre-filter of multi-word join keys', () => {
  it('keeps the sparsest word position, and none when every position is dense', () => {
    // (a, b) keys: a takes 50 values spread over 0..9999, b takes every value of 0..99
    const n = 1000;
    const kw = new Int32Array(n * 2);
    for (let d = 0; d < n; d++) { kw[2 * d] = (d % 50) * 200; kw[2 * d + 1] = d % 100; }
    const f = wordFilterOf(kw, 2, n)!;
    expect(f.word).toBe(0);
    expect(f.min).toBe(0);
    expect(f.size).toBe(49 * 200 + 1);
    const probe = Int32Array.from([0, 5, 200, 7, 201, 3, 9800, 1, 10000, 2, -1, 0]);
    expect(Array.from(filteredRows(probe, 2, 6, 0, null, f).rows.subarray(0, 3))).toEqual([0, 1, 3]);
    expect(filteredRows(probe, 2, 6, 0, Uint8Array.from([0, 1, 0, 0, 0, 0]), f).count).toBe(2);
    const dense = new Int32Array(n * 2);
    for (let d = 0; d < n; d++) { dense[2 * d] = d; dense[2 * d + 1] = d % 7; }
    expect(wordFilterOf(dense, 2, n)).toBeNull();
    expect(wordFilterOf(Int32Array.from([1, 2, 3]), 1, 3)).toBeNull();
  });

  const layouts: readonly [string, readonly SqlType[]][] = [['int4, int4', [int4, int4]], ['int8, int4', [int8, int4]], ['int4, int8, int4', [int4, int8, int4]]];
  for (const [name, types] of layouts) {
    it(`gives the same pairs as brute force (${name}): duplicates, NULLs, keys outside the range, shared form`, () => {
      const rand = rng(types.length * 7 + (types[0] === int8 ? 1 : 0));
      const val = (t: SqlType, x: number): number | bigint => (t === int8 ? BigInt(x) : x);
      // a sparse first column (60 parts of 0..60000), small second and third columns
      const parts = Array.from({ length: 60 }, () => Math.floor(rand() * 60_000));
      const build = Array.from({ length: 600 }, () => types.map((t, k) => (rand() < 0.02 ? null : val(t, k === 0 ? parts[Math.floor(rand() * parts.length)]! : Math.floor(rand() * 8)))));
      const probe = Array.from({ length: 6000 }, () => types.map((t, k) => (rand() < 0.02 ? null : val(t, k === 0 ? (rand() < 0.2 ? parts[Math.floor(rand() * parts.length)]! : Math.floor(rand() * 80_000) - 5000) : Math.floor(rand() * 9)))));
      const t = buildJoinTable(columns(build, types), build.length, types);
      const data = shareJoinTable(t)!;
      expect(data.filter).not.toBeNull(); // the pre-filter is in use
      const pv = columns(probe, types);
      const want = expected(build, probe);
      expect(want.length).toBeGreaterThan(100);
      expect(pairsOf(t, pv, probe.length)).toEqual(want);
      const shared = joinTableFromData(data);
      expect(pairsOf(shared, pv, probe.length)).toEqual(want);
      const matched = new Uint8Array(probe.length);
      shared.probeExists(pv, probe.length, matched, null);
      expect(Array.from(matched, (m, i) => (m === 1 ? i : -1)).filter((i) => i >= 0)).toEqual([...new Set(want.map((p) => Number(p.split(':')[0])))].sort((a, b) => a - b));
    });
  }
});
