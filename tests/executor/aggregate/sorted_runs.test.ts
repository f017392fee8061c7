/**
 * IntGroupTable's sorted-run path (batches of one sorted key column wholly above or below the keys seen so
 * far are appended without lookups): the same group ids and keys as first-seen numbering, whatever mix of
 * sorted, overlapping, unsorted and NULL-holding batches comes in.
 */
import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { GroupTable } from '../../../executor/operators/group_table.js';

/** deterministic pseudo-random numbers */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

function check(type: SqlType, batches: readonly (readonly Datum[])[]): void {
  const t = new GroupTable([type]);
  const ref = new Map<string, number>();
  for (const b of batches) {
    const ids = t.assign([vectorFromDatums(type, b)], b.length);
    const expected = b.map((v) => {
      const k = String(v);
      if (!ref.has(k)) ref.set(k, ref.size);
      return ref.get(k)!;
    });
    expect(Array.from(ids)).toEqual(expected);
  }
  expect(t.size).toBe(ref.size);
  const keys = t.keyVectors()[0]!;
  expect(Array.from({ length: t.size }, (_, g) => String(getDatum(keys, g)))).toEqual([...ref.keys()]);
}

describe('IntGroupTable sorted runs', () => {
  it('appends ascending and descending disjoint sorted batches (partial states of sorted files)', () => {
    const asc = (from: number, n: number, rep: number) => Array.from({ length: n }, (_, i) => BigInt(from + Math.floor(i / rep)));
    check(T.int8, [asc(1000, 500, 4), asc(1200, 300, 1), asc(10, 100, 3), asc(5000, 2000, 2)]);
  });

  it('continues the last group when a sorted batch starts with the greatest key so far (a key spanning two files)', () => {
    const asc = (from: number, n: number, rep: number) => Array.from({ length: n }, (_, i) => from + Math.floor(i / rep));
    // 1..25 | 25..50 | 50 only | 50..60 | then a lookup batch and a touching one again
    check(T.int4, [asc(1, 100, 4), asc(25, 101, 4), [50, 50], asc(50, 40, 4), [3, 59, 61], asc(61, 10, 2)]);
  });

  it('falls back to lookups for overlapping, unsorted and NULL batches, then appends again', () => {
    const r = rng(7);
    const batches: Datum[][] = [];
    let base = 0;
    for (let k = 0; k < 40; k++) {
      const n = 1 + Math.floor(r() * 300);
      const mode = Math.floor(r() * 4);
      let b: Datum[];
      if (mode === 0) b = Array.from({ length: n }, (_, i) => base + Math.floor(i / 3));
      else if (mode === 1) b = Array.from({ length: n }, () => Math.floor(r() * (base + 50)));
      else if (mode === 2) b = Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : Math.floor(r() * 100)));
      else b = Array.from({ length: n }, (_, i) => base - 200 + i).sort((x, y) => (x as number) - (y as number));
      if (mode === 0) base += n;
      batches.push(b);
    }
    check(T.int4, batches);
  });

  it('keeps exact groups through slot growth after many appended groups', () => {
    const big = Array.from({ length: 40_000 }, (_, i) => BigInt(i * 3));
    const probe = Array.from({ length: 5000 }, (_, i) => BigInt(((i * 7919) % 40_000) * 3 + (i % 2)));
    check(T.int8, [big, probe, [BigInt(-5), 0n, 1n]]);
  });
});
