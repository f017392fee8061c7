/**
 * GroupTable over text and other non-integer keys (alone or with integer-like ones): dictionary codes grouped
 * in a direct array, an IntGroupTable or (attributes of an integer key) an AnchoredGroupTable — the same group ids (first-seen order) and key vectors as numbering the SQL values,
 * NULL its own group, strings equal exactly when equal (bpchar as stored), and the move from the direct array
 * to the hashed table when a column outgrows its bound keeps every id.
 */
import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import { ident, num } from '../support/datum_identity.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { CodedGroupTable } from '../../../executor/aggregate/coded_group_table.js';
import { TextDictionary } from '../../../executor/aggregate/text_dictionary.js';
import { scaledNumerics, type Vector } from '../../../common/vector.js';
import { GroupTable } from '../../../executor/operators/group_table.js';


/** Assign every batch to a GroupTable and a CodedGroupTable; both must number groups like a reference Map. */
function check(types: SqlType[], batches: Datum[][][], vectors = (ty: SqlType, col: Datum[]): Vector => vectorFromDatums(ty, col)): CodedGroupTable {
  const tables = [new GroupTable(types), new CodedGroupTable(types)];
  const ref = new Map<string, number>();
  const firstRow: Datum[][] = [];
  for (const rows of batches) {
    const keys = types.map((ty, c) => vectors(ty, rows.map((r) => r[c]!)));
    const expected = rows.map((r) => {
      const k = r.map(ident).join('|');
      if (!ref.has(k)) {
        ref.set(k, ref.size);
        firstRow.push(r);
      }
      return ref.get(k)!;
    });
    for (const t of tables) expect(Array.from(t.assign(keys, rows.length))).toEqual(expected);
  }
  for (const t of tables) {
    expect(t.size).toBe(ref.size);
    const kv = t.keyVectors();
    expect(kv.map((v) => v.type)).toEqual(types);
    for (const v of kv) {
      expect(v.length).toBe(ref.size);
      if (isText(v.type)) expect(Array.isArray(v.data)).toBe(true);
    }
    for (let g = 0; g < ref.size; g++) expect(kv.map((v) => ident(getDatum(v, g)))).toEqual(firstRow[g]!.map(ident));
  }
  return tables[1] as CodedGroupTable;
}

const isText = (t: SqlType) => t.kind === 'text' || t.kind === 'varchar' || t.kind === 'bpchar';

function rng(seed: number): (m: number) => number {
  let x = seed;
  return (m) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % m;
  };
}

describe('TextDictionary', () => {
  it('gives dense codes in first-seen order, 0 for NULL, many values', () => {
    const d = new TextDictionary();
    const vals = Array.from({ length: 20 }, (_, i) => `v${i % 12}`);
    const v = vectorFromDatums(T.text, [...vals, null, 'v3']);
    const out = new Int32Array(v.length);
    expect(d.encode(v, v.length, out)).toBe(12);
    expect(Array.from(out)).toEqual([...vals.map((s) => Number(s.slice(1)) + 1), 0, 4]);
    expect(d.size).toBe(12);
    expect(d.value(12)).toBe('v11');
  });

  it('codes one-character strings (ASCII by char code, others by the Map) apart from longer ones', () => {
    const d = new TextDictionary();
    const v = vectorFromDatums(T.text, ['A', 'é', 'A', 'AA', null, 'é', 'B', 'A', 'ab', 'a']);
    const out = new Int32Array(v.length);
    expect(d.encode(v, v.length, out)).toBe(6);
    expect(Array.from(out)).toEqual([1, 2, 1, 3, 0, 2, 4, 1, 5, 6]);
    expect([1, 2, 3, 4, 5, 6].map((c) => d.value(c))).toEqual(['A', 'é', 'AA', 'B', 'ab', 'a']);
  });
});

describe('GroupTable over text keys', () => {
  it('groups two low-cardinality text columns with NULLs (direct array) across batches', () => {
    const flags = ['A', 'N', 'R', null];
    const status = ['F', 'O', null];
    const next = rng(7);
    const batch = (n: number) => Array.from({ length: n }, () => [flags[next(4)]!, status[next(3)]!] as Datum[]);
    const t = check([T.text, T.varchar], [batch(1000), batch(1), batch(0), batch(3000)]);
    expect(t.size).toBe(12);
    expect((t as unknown as { mode: { kind: string } }).mode.kind).toBe('direct');
  });

  it('keeps strings distinct exactly: empty string vs NULL, case, trailing spaces (bpchar as stored)', () => {
    check([{ kind: 'bpchar', length: 2 }], [[[''], [null], ['a'], ['a '], ['A'], ['a'], [null], ['']]]);
    check([T.text, T.text], [[['', null], [null, ''], ['', ''], [null, null], ['', null], ['x', 'y'], ['xy', ''], ['x', 'y']]]);
  });

  it('outgrows the direct array (more distinct values than its bound) and keeps every id', () => {
    // two columns: 127 codes each fit the direct array; 400 distinct values force the move mid-stream
    const next = rng(99);
    const small = (n: number) => Array.from({ length: n }, () => [`k${next(50)}`, next(10) === 0 ? null : `m${next(20)}`] as Datum[]);
    const wide = (n: number) => Array.from({ length: n }, () => [`k${next(400)}`, `m${next(30)}`] as Datum[]);
    check([T.text, T.text], [small(2000), wide(3000), small(500), wide(1000)]);
    // one column: past the 16K bound
    const many = (from: number, n: number) => Array.from({ length: n }, (_, i) => [`s${(from + i * 7919) % 20000}`] as Datum[]);
    const t = check([T.text], [many(0, 10000), many(5, 15000), many(0, 10000)]);
    expect(t.size).toBe(20000);
    expect((t as unknown as { mode: { kind: string } }).mode.kind).toBe('hashed');
  });

  it('groups text mixed with integer-like keys (int4, int8, date) with NULLs on both sides', () => {
    const brands = ['Brand#11', 'Brand#23', 'Brand#45', null];
    const types = ['SMALL TIN', 'LARGE BRASS', 'PROMO COPPER', 'SMALL TIN ', null];
    const next = rng(3);
    const batch = (n: number) => Array.from({ length: n }, () => [
      brands[next(4)]!, types[next(5)]!, next(9) === 0 ? null : next(50), next(7) === 0 ? null : BigInt(next(3) - 1), next(5),
    ] as Datum[]);
    check([T.text, T.text, T.int4, T.int8, T.date], [batch(1500), batch(2), batch(2500)]);
  });

  it('groups many distinct text keys with an integer (hashed from the start) and merges partial key vectors', () => {
    const next = rng(11);
    const batch = (n: number) => Array.from({ length: n }, () => {
      const k = next(3000);
      return [k, `cust#${k}`, next(20) === 0 ? null : `n${k % 25}`] as Datum[];
    });
    check([T.int4, T.text, T.text], [batch(4000), batch(4000)]);
    // a final merge: key vectors of two partial tables fed to a third give the union in first-seen order
    const types = [T.text, T.int4];
    const a = new GroupTable(types), b = new GroupTable(types), m = new GroupTable(types);
    const rowsA: Datum[][] = [['x', 1], ['y', null], [null, 2], ['x', 1]];
    const rowsB: Datum[][] = [[null, 2], ['z', 3], ['y', null]];
    a.assign(types.map((t, c) => vectorFromDatums(t, rowsA.map((r) => r[c]!))), rowsA.length);
    b.assign(types.map((t, c) => vectorFromDatums(t, rowsB.map((r) => r[c]!))), rowsB.length);
    expect(Array.from(m.assign(a.keyVectors(), a.size))).toEqual([0, 1, 2]);
    expect(Array.from(m.assign(b.keyVectors(), b.size))).toEqual([2, 3, 1]);
    const kv = m.keyVectors();
    expect([0, 1, 2, 3].map((g) => kv.map((v) => getDatum(v, g)))).toEqual([['x', 1], ['y', null], [null, 2], ['z', 3]]);
  });

  it('moves to anchoring on the integers when the text follows them (key and attribute), keeping ids', () => {
    const next = rng(5);
    const batch = (n: number) => Array.from({ length: n }, () => {
      const k = next(9000);
      return [BigInt(k), k % 97 === 0 ? null : `Customer#${k}`, `seg${k % 5}`] as Datum[];
    });
    const t = check([T.int8, T.text, T.text], [batch(3000), batch(6000), batch(6000), batch(100)]);
    expect((t as unknown as { mode: { kind: string } }).mode.kind).toBe('anchored');
  });

  it('groups numeric (object and compact forms, 1.5 = 1.50), float (-0 = 0), bool and bytea keys with text and ints', () => {
    const nums = [num(15n, 1), num(150n, 2), num(2n, 0), num(-7n, 0), null];
    const floats = [0, -0, 1.5, Number.NaN, null];
    const next = rng(21);
    const batch = (n: number) => Array.from({ length: n }, () => [
      nums[next(5)]!, floats[next(5)]!, next(4) === 0 ? null : next(2) === 0, next(3) === 0 ? null : `t${next(3)}`, next(6), next(5) === 0 ? null : `\\x0${next(3)}`,
    ] as Datum[]);
    check([T.numeric, T.float8, T.bool, T.text, T.int4, T.bytea], [batch(700), batch(1), batch(900)]);
  });

  it('codes compact numerics (extract(year …)) by value across scales', () => {
    // the same years at scale 0 and scale 2 (1995 = 1995.00), with NULLs
    const compact = (ty: SqlType, col: Datum[]): Vector => {
      if (ty.kind !== 'numeric') return vectorFromDatums(ty, col);
      const scale = col.length % 2 === 0 ? 0 : 2;
      const vals = new Float64Array(col.length);
      const nulls = new Uint8Array(col.length);
      col.forEach((d, i) => {
        if (d === null) nulls[i] = 1;
        else vals[i] = Number((d as unknown as { unscaled: bigint }).unscaled) * 10 ** scale;
      });
      return { type: ty, length: col.length, data: scaledNumerics(scale, vals), nulls };
    };
    const next = rng(8);
    const batch = (n: number) => Array.from({ length: n }, () => [`NATION${next(25)}`, next(10) === 0 ? null : num(BigInt(1992 + next(7)), 0)] as Datum[]);
    const t = check([T.text, T.numeric], [batch(1000), batch(1001), batch(2000)], compact);
    expect(t.size).toBe(25 * 8);
  });

  it('anchors numeric and text attributes on an integer key (q10 shape), keeping ids', () => {
    const next = rng(17);
    const batch = (n: number) => Array.from({ length: n }, () => {
      const k = next(6000);
      return [k, `Customer#${k}`, num(BigInt(k * 37 % 10000), 2), `NATION${k % 25}`] as Datum[];
    });
    const t = check([T.int4, T.text, T.numeric, T.text], [batch(9000), batch(5000)]);
    expect((t as unknown as { mode: { kind: string } }).mode.kind).toBe('anchored');
  });

  it('leaves integer-only keys to IntGroupTable and takes every other mix', () => {
    expect(CodedGroupTable.supports([T.int4, T.int8])).toBe(false);
    expect(CodedGroupTable.supports([])).toBe(false);
    expect(CodedGroupTable.supports([T.text, T.numeric])).toBe(true);
    expect(CodedGroupTable.supports([T.bytea])).toBe(true);
    expect(CodedGroupTable.supports([T.text, T.int4, T.varchar])).toBe(true);
  });
});
