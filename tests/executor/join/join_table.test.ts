import { describe, expect, it } from 'vitest';
import { vectorFromDatums, type Vector } from '../../../common/vector.js';
import type { SqlType } from '../../../common/types.js';
import { buildJoinTable } from '../../../executor/join/join_table.js';
import { PairBuffer } from '../../../executor/operators/join_output.js';

const int4: SqlType = { kind: 'int4' } as SqlType;
const int8: SqlType = { kind: 'int8' } as SqlType;
const text: SqlType = { kind: 'text' } as SqlType;

function pairs(build: Vector[], probe: Vector[]): [number, number][] {
  const t = buildJoinTable(build, build[0]!.length, probe.map((v) => v.type));
  const out = new PairBuffer();
  t.probe(probe, probe[0]!.length, out);
  return Array.from({ length: out.n }, (_, j) => [out.l[j]!, out.r[j]!]);
}

describe('join table', () => {
  it('matches int4 keys, keeps build order within a key, skips NULLs', () => {
    const b = [vectorFromDatums(int4, [5, 7, 5, null, -1])];
    const p = [vectorFromDatums(int4, [7, 5, 9, null, -1])];
    expect(pairs(b, p)).toEqual([[0, 1], [1, 0], [1, 2], [4, 4]]);
  });

  it('matches int8 keys beyond 2^53 exactly (two words)', () => {
    const big = 2n ** 60n + 1n;
    const b = [vectorFromDatums(int8, [big, big + 1n, -big, 0n])];
    const p = [vectorFromDatums(int8, [big + 1n, -big, big - 1n, 0n])];
    expect(pairs(b, p)).toEqual([[0, 1], [1, 2], [3, 3]]);
  });

  it('matches composite integer keys (both columns must be equal)', () => {
    const b = [vectorFromDatums(int4, [1, 1, 2]), vectorFromDatums(int8, [10n, 20n, 10n])];
    const p = [vectorFromDatums(int4, [1, 2, 2, 1]), vectorFromDatums(int8, [20n, 20n, 10n, null])];
    expect(pairs(b, p)).toEqual([[0, 1], [2, 2]]);
  });

  it('handles many keys with collisions and duplicates', () => {
    const n = 50_000;
    const b = [vectorFromDatums(int4, Array.from({ length: n }, (_, i) => (i % 1000) * 65536))];
    const p = [vectorFromDatums(int4, [0, 999 * 65536, 1000 * 65536])];
    const got = pairs(b, p);
    expect(got.length).toBe(100);
    expect(got.filter(([l]) => l === 1).map(([, r]) => r).slice(0, 3)).toEqual([999, 1999, 2999]);
  });

  it('falls back to a generic table for text keys and mixed layouts', () => {
    const b = [vectorFromDatums(text, ['a', 'b', 'a'])];
    const p = [vectorFromDatums(text, ['a', 'c'])];
    expect(pairs(b, p)).toEqual([[0, 0], [0, 2]]);
    const t = buildJoinTable([vectorFromDatums(int4, [1, null])], 2, [int8]);
    expect(t.hadNullKey).toBe(true);
    expect(t.size).toBe(1);
  });

  it('probeExists marks matches and NULL probe rows', () => {
    const t = buildJoinTable([vectorFromDatums(int4, [3, 4])], 2, [int4]);
    const matched = new Uint8Array(4);
    const nulls = new Uint8Array(4);
    t.probeExists([vectorFromDatums(int4, [4, null, 5, 3])], 4, matched, nulls);
    expect([...matched]).toEqual([1, 0, 0, 1]);
    expect([...nulls]).toEqual([0, 1, 0, 0]);
  });

  it('probeChunk resumes where it stopped and yields every pair once', () => {
    const t = buildJoinTable([vectorFromDatums(int4, [1, 1, 1, 2])], 4, [int4]);
    const keys = [vectorFromDatums(int4, [1, 2, 1, 3])];
    const out = new PairBuffer();
    const all: [number, number][] = [];
    let from = 0;
    while (from < 4) {
      out.reset();
      from = t.probeChunk(keys, 4, out, from, 2);
      for (let j = 0; j < out.n; j++) all.push([out.l[j]!, out.r[j]!]);
    }
    expect(all).toEqual([[0, 0], [0, 1], [0, 2], [1, 3], [2, 0], [2, 1], [2, 2]]);
  });
});
