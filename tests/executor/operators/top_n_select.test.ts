/**
 * topPermutation (executor/operators/top_n_select.ts) must give exactly the first `keep` rows of the stable
 * full sort (sortPermutation), whatever the key types, directions, NULL placement and ties.
 */
import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T, numericType } from '../../../common/types.js';
import type { Vector } from '../../../common/vector.js';
import { scaledNumerics, vectorFromDatums } from '../../../common/vector.js';
import type { SortKey } from '../../../planner/logical/nodes.js';
import { sortPermutation } from '../../../executor/operators/sort.js';
import { topPermutation } from '../../../executor/operators/top_n_select.js';

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

const key = (type: SqlType, descending: boolean, nullsFirst: boolean): SortKey => ({ expr: { kind: 'column', index: 0, type }, descending, nullsFirst });

/** a compact numeric vector (as scans and sums produce) with some NULLs and many ties */
function compact(n: number, r: () => number): Vector {
  const values = Float64Array.from({ length: n }, () => Math.floor(r() * 50) - 25);
  const nulls = Uint8Array.from({ length: n }, () => (r() < 0.1 ? 1 : 0));
  for (let i = 0; i < n; i++) if (nulls[i] === 1) values[i] = 0;
  return { type: numericType(12, 2), length: n, data: scaledNumerics(2, values), nulls };
}

function vectors(n: number, seed: number): Vector[] {
  const r = rng(seed);
  const ints: Datum[] = Array.from({ length: n }, () => (r() < 0.05 ? null : Math.floor(r() * 7)));
  const texts: Datum[] = Array.from({ length: n }, () => (r() < 0.05 ? null : ['b', 'a', 'ab', 'B', ''][Math.floor(r() * 5)]!));
  const dates: Datum[] = Array.from({ length: n }, () => Math.floor(r() * 3));
  return [compact(n, r), vectorFromDatums(T.int4, ints), vectorFromDatums(T.text, texts), vectorFromDatums(T.date, dates)];
}

describe('topPermutation', () => {
  for (const descending of [false, true]) {
    for (const nullsFirst of [false, true]) {
      it(`equals the stable sort's prefix (${descending ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}, one to three keys)`, () => {
        for (const n of [1, 7, 300, 2000]) {
          const vs = vectors(n, n * 31 + (descending ? 1 : 0) + (nullsFirst ? 2 : 0));
          for (const cols of [[0], [1], [2], [3, 0], [1, 2, 0], [3, 1]]) {
            const kv = cols.map((c) => vs[c]!);
            const keys = cols.map((c, i) => key(vs[c]!.type, i % 2 === 0 ? descending : !descending, nullsFirst));
            const full = sortPermutation(kv, keys, n);
            for (const keep of [1, 5, 20, n, n + 3]) {
              expect(Array.from(topPermutation(kv, keys, n, keep))).toEqual(Array.from(full.subarray(0, Math.min(keep, n))));
            }
          }
        }
      });
    }
  }

  it('keeps nothing when nothing is asked for', () => {
    const vs = vectors(10, 5);
    expect(topPermutation([vs[0]!], [key(vs[0]!.type, false, false)], 10, 0).length).toBe(0);
  });
});
