import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { GroupTable } from '../../../executor/operators/group_table.js';

function keysOf(t: GroupTable): Datum[][] {
  const vs = t.keyVectors();
  return Array.from({ length: t.size }, (_, g) => vs.map((v) => getDatum(v, g)));
}

describe('GroupTable over integer keys (typed-array table)', () => {
  it('numbers groups densely in first-seen order across batches, NULLs as one group', () => {
    const t = new GroupTable([T.int4]);
    const a = t.assign([vectorFromDatums(T.int4, [5, 7, 5, null, 0])], 5);
    const b = t.assign([vectorFromDatums(T.int4, [null, 0, 9, 7])], 4);
    expect(Array.from(a)).toEqual([0, 1, 0, 2, 3]);
    expect(Array.from(b)).toEqual([2, 3, 4, 1]);
    expect(keysOf(t)).toEqual([[5], [7], [null], [0], [9]]);
  });

  it('groups multi-column int2/int8/date keys with NULLs apart from zero', () => {
    const types: SqlType[] = [T.int2, T.int8, T.date];
    const t = new GroupTable(types);
    const cols = (rows: Datum[][]) => types.map((ty, c) => vectorFromDatums(ty, rows.map((r) => r[c]!)));
    const rows: Datum[][] = [[1, 10n, 3], [1, null, 3], [1, 0n, 3], [1, 10n, 3], [null, 0n, 3], [-1, -(2n ** 40n), -5], [1, null, 3]];
    const ids = t.assign(cols(rows), rows.length);
    expect(Array.from(ids)).toEqual([0, 1, 2, 0, 3, 4, 1]);
    expect(keysOf(t)).toEqual([[1, 10n, 3], [1, null, 3], [1, 0n, 3], [null, 0n, 3], [-1, -(2n ** 40n), -5]]);
  });

  it('keeps many groups exact through table growth', () => {
    const t = new GroupTable([T.int8]);
    const n = 50_000;
    const vals = Array.from({ length: n }, (_, i) => BigInt((i * 7919) % 20_011) * 1_000_003n);
    const ids = t.assign([vectorFromDatums(T.int8, vals)], n);
    const seen = new Map<bigint, number>();
    const expected = vals.map((v) => {
      if (!seen.has(v)) seen.set(v, seen.size);
      return seen.get(v)!;
    });
    expect(Array.from(ids)).toEqual(expected);
    expect(t.size).toBe(seen.size);
    expect(keysOf(t).map((k) => k[0])).toEqual([...seen.keys()]);
  });
});
