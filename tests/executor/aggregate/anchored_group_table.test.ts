/**
 * GroupTable over integer keys mixed with others (anchored on the integer columns): the same group ids and
 * key values as first-seen numbering of the SQL values, whether or not the integer columns determine the
 * rest — NULLs, numerics equal at different scales (1.5 = 1.50), -0 = 0 and text included.
 */
import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { ident, num } from '../support/datum_identity.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { GroupTable } from '../../../executor/operators/group_table.js';


function check(types: SqlType[], batches: Datum[][][]): GroupTable {
  const t = new GroupTable(types);
  const ref = new Map<string, number>();
  const firstRow = new Map<number, Datum[]>();
  for (const rows of batches) {
    const ids = t.assign(types.map((ty, c) => vectorFromDatums(ty, rows.map((r) => r[c]!))), rows.length);
    const expected = rows.map((r) => {
      const k = r.map(ident).join('|');
      if (!ref.has(k)) {
        ref.set(k, ref.size);
        firstRow.set(ref.size - 1, r);
      }
      return ref.get(k)!;
    });
    expect(Array.from(ids)).toEqual(expected);
  }
  expect(t.size).toBe(ref.size);
  const kv = t.keyVectors();
  for (let g = 0; g < t.size; g++) expect(kv.map((v) => ident(getDatum(v, g)))).toEqual(firstRow.get(g)!.map(ident));
  return t;
}

describe('GroupTable anchored on integer keys', () => {
  it('groups key-and-attributes rows (the anchor determines the rest) across batches', () => {
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => {
      const id = (from + i * 7) % 50;
      return [BigInt(id), `name${id}`, id % 5 === 0 ? null : `addr ${id}`] as Datum[];
    });
    check([T.int8, T.text, T.text], [rows(0, 200), rows(3, 300), rows(11, 5)]);
  });

  it('splits groups when the rest differs under one anchor, with NULLs, numerics and floats', () => {
    const types = [T.text, T.int4, T.numeric, T.float8];
    const texts = ['a', 'b', '', null];
    const nums = [num(15n, 1), num(150n, 2), num(2n, 0), null];
    const floats = [0, -0, 1.5, null];
    let x = 12345;
    const next = (m: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % m;
    };
    const batch = (n: number) => Array.from({ length: n }, () => [texts[next(4)]!, next(5) === 0 ? null : next(6), nums[next(4)]!, floats[next(4)]!] as Datum[]);
    check(types, [batch(500), batch(1), batch(800)]);
  });
});
