/**
 * Partial aggregation over a selection vector (AggregateState.updateSelected, the sum kernels' selection
 * loops, group tables reading keys through the selection) must give exactly what aggregating the rows copied
 * out gives: same groups in the same order, same sums digit for digit (values beyond 2^53 included), NULLs,
 * FILTER clauses, DISTINCT aggregates, count(*) vs count(x), computed keys.
 */
import { describe, expect, it } from 'vitest';
import type { Datum, Numeric } from '../../../common/datum.js';
import { T, numericType, type SqlType } from '../../../common/types.js';
import type { Batch, Vector } from '../../../common/vector.js';
import { getDatum, scaledNumerics, takeBatch, vectorFromDatums } from '../../../common/vector.js';
import type { AggregateCall, BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { AggregateState } from '../../../executor/scan/aggregate_state.js';
import { GroupTable } from '../../../executor/operators/group_table.js';
import { takeRows } from '../../../common/vector_take.js';
import { ColumnCache, isCachedVector } from '../../../executor/cache/column_cache.js';
import { computeLocalCodes, localCodes } from '../../../executor/aggregate/text_local_codes.js';

const N152 = numericType(15, 2);
const ctx = { values: {} as never, params: [], statementTime: 0n };
/** columns: 0 flag text, 1 status text (multi-char), 2 int4 key, 3 numeric(15,2) compact, 4 numeric(15,2) objects, 5 int4 value */
const types: SqlType[] = [T.text, T.text, T.int4, N152, N152, T.int4];
const col = (index: number): BoundExpr => ({ kind: 'column', index, type: types[index]! });
const num = (unscaled: bigint): Numeric => ({ unscaled, scale: 2 });
const call = (fn: string, a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'call', fn, args: [a, b], type: T.numeric } as BoundExpr);
const one: BoundExpr = { kind: 'const', value: { unscaled: 1n, scale: 0 }, type: T.numeric };
const asNumeric = (e: BoundExpr): BoundExpr => ({ kind: 'cast', arg: e, type: T.numeric, mode: 'implicit' });
const agg = (fn: string, args: BoundExpr[], extra: Partial<AggregateCall> = {}): AggregateCall =>
  ({ fn, args, distinct: false, filter: null, type: fn.startsWith('count') ? T.int8 : args[0]?.type.kind === 'text' ? T.text : T.numeric, ...extra });

function rng(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A random batch with NULLs; numeric column 3 compact (some values near 2^53), column 4 objects. */
function batch(n: number, r: () => number, compact4 = false): Batch {
  const flags = ['A', 'N', 'R'], statuses = ['OPEN', 'F', 'SHIPPED', 'O'];
  const rows: Datum[][] = [];
  for (let i = 0; i < n; i++) {
    const huge = r() < 0.02;
    rows.push([
      r() < 0.05 ? null : flags[Math.floor(r() * 3)]!,
      r() < 0.05 ? null : statuses[Math.floor(r() * 4)]!,
      r() < 0.05 ? null : Math.floor(r() * 7),
      r() < 0.08 ? null : num(huge ? 9007199254740000n - BigInt(Math.floor(r() * 1000)) : BigInt(Math.floor(r() * 2e7)) - 10000000n),
      r() < 0.08 ? null : num(BigInt(Math.floor(r() * 1e6))),
      r() < 0.05 ? null : Math.floor(r() * 100),
    ]);
  }
  const columns: Vector[] = types.map((t, c) => vectorFromDatums(t, rows.map((row) => row[c]!)));
  // column 3 in the compact form the sum kernels read
  const c3 = columns[3]!;
  const values = Float64Array.from({ length: n }, (_, i) => Number((getDatum(c3, i) as Numeric | null)?.unscaled ?? 0n));
  columns[3] = { type: N152, length: n, data: scaledNumerics(2, values), nulls: c3.nulls };
  if (compact4) {
    // column 4 compact as well: every kernel's inputs are, so the fused loop of fused_sums.ts runs
    const c4 = columns[4]!;
    columns[4] = { type: N152, length: n, data: scaledNumerics(2, Float64Array.from({ length: n }, (_, i) => Number((getDatum(c4, i) as Numeric | null)?.unscaled ?? 0n))), nulls: c4.nulls };
  }
  return { length: n, columns };
}

function selection(n: number, keep: number, r: () => number): { sel: Int32Array; count: number } {
  const sel = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (r() < keep) sel[count++] = i;
  return { sel, count };
}

const rowsOf = (b: Batch): Datum[][] => Array.from({ length: b.length }, (_, i) => b.columns.map((c) => getDatum(c, i)));

const aggregates: AggregateCall[] = [
  agg('sum', [col(3)]), // sum kernel over the selection
  agg('avg', [col(3)]),
  agg('sum', [call('numeric_mul', col(3), call('numeric_sub', one, asNumeric(col(4))))]), // kernel needs compact inputs: column 4 is not → tree path
  agg('sum', [col(4)]), // regular accumulator over copied rows
  agg('count_star', []),
  agg('count', [col(3)]),
  agg('count', [col(0)], { distinct: true }),
  agg('min', [col(1)]),
  agg('sum', [col(3)], { filter: { kind: 'compare', op: '>', left: col(5), right: { kind: 'const', value: 50, type: T.int4 }, type: T.bool } }),
];

/** The same aggregates through the regular accumulators only (a FILTER (WHERE true) turns the fast sums off). */
const reference = aggregates.map((a) => (a.filter === null ? { ...a, filter: { kind: 'const', value: true, type: T.bool } as BoundExpr } : a));

const keySets: [string, BoundExpr[]][] = [
  ['two text keys (direct codes)', [col(0), col(1)]],
  ['text and int keys', [col(0), col(2)]],
  ['int key', [col(2)]],
  ['no key', []],
  ['a computed key', [{ kind: 'coalesce', args: [col(1), { kind: 'const', value: 'none', type: T.text }], type: T.text }]],
];

describe('partial aggregation over a selection vector', () => {
  for (const [name, keys] of keySets) {
    for (const keep of [0.9, 0.3, 0.01]) {
      it(`equals aggregating the copied rows: ${name}, keeping ${keep * 100}%`, () => {
        const r = rng(Math.floor(keep * 1000) + keys.length);
        const copied = new AggregateState(keys, aggregates, types, ctx);
        const selected = new AggregateState(keys, aggregates, types, ctx);
        const regular = new AggregateState(keys, reference, types, ctx);
        for (let k = 0; k < 6; k++) {
          const b = batch(700 + k * 50, r, k % 2 === 1);
          const { sel, count } = selection(b.length, keep, r);
          copied.update(takeBatch(b, sel, count));
          regular.update(takeBatch(b, sel, count));
          selected.updateSelected(b, sel, count);
        }
        const want = copied.finish(), got = selected.finish();
        expect(got.length).toBe(want.length);
        expect(got.length).toBeGreaterThan(0);
        expect(rowsOf(got)).toEqual(rowsOf(want));
        expect(rowsOf(got)).toEqual(rowsOf(regular.finish()));
        // the serialized partial states merge to the same result too
        const a = new AggregateState(keys, aggregates, types, ctx), c = new AggregateState(keys, aggregates, types, ctx);
        a.merge(selected.serialize());
        c.merge(copied.serialize());
        expect(rowsOf(a.finish())).toEqual(rowsOf(c.finish()));
      });
    }
  }

  it('sums beyond 2^53 stay exact through the selection kernel', () => {
    const n = 64;
    const values = new Float64Array(n).fill(9007199254740000);
    const b: Batch = { length: n, columns: [{ type: N152, length: n, data: scaledNumerics(2, values), nulls: null }] };
    const st = new AggregateState([], [agg('sum', [{ kind: 'column', index: 0, type: N152 }])], [N152], ctx);
    const sel = Int32Array.from({ length: 40 }, (_, i) => i + 10);
    st.updateSelected(b, sel, 40);
    expect(getDatum(st.finish().columns[0]!, 0)).toEqual({ unscaled: 9007199254740000n * 40n, scale: 2 });
  });
});

describe('group tables read through a selection', () => {
  it('give the ids assigning the copied key rows gives', () => {
    const r = rng(42);
    for (const keyCols of [[0, 1], [0, 2], [2], [1]]) {
      const kt = keyCols.map((c) => types[c]!);
      const a = new GroupTable(kt), b = new GroupTable(kt);
      for (let k = 0; k < 5; k++) {
        const bt = batch(500, r);
        const { sel, count } = selection(bt.length, 0.6, r);
        const keys = keyCols.map((c) => bt.columns[c]!);
        const want = a.assign(keys.map((v) => takeRows(v, sel, count)), count);
        expect(Array.from(b.assignSelected(keys, sel, count))).toEqual(Array.from(want));
      }
      expect(b.size).toBe(a.size);
      expect(b.keyVectors().map((v) => Array.from({ length: v.length }, (_, i) => getDatum(v, i)))).toEqual(a.keyVectors().map((v) => Array.from({ length: v.length }, (_, i) => getDatum(v, i))));
    }
  });
});

describe('text keys of cached columns (local codes)', () => {
  it('group exactly like the same strings not cached, through a selection or not', () => {
    const r = rng(7);
    const cache = new ColumnCache(1 << 30);
    for (const keyCols of [[0, 1], [1], [1, 0, 1]]) {
      const kt = keyCols.map(() => T.text);
      const viaCache = new GroupTable(kt), plain = new GroupTable(kt), viaCacheSel = new GroupTable(kt), plainSel = new GroupTable(kt);
      for (let k = 0; k < 5; k++) {
        const bt = batch(600, r);
        const cols = [bt.columns[0]!, bt.columns[1]!];
        cols.forEach((v, c) => cache.set(`t|${keyCols.join()}|${k}|${c}`, v));
        const keys = keyCols.map((c) => cols[c]!);
        expect(keys.every(isCachedVector)).toBe(true);
        const copies = keys.map((v) => takeRows(v, Int32Array.from({ length: v.length }, (_, i) => i), v.length));
        expect(copies.some(isCachedVector)).toBe(false);
        expect(localCodes(keys[0]!)).not.toBeNull();
        expect(Array.from(viaCache.assign(keys, bt.length))).toEqual(Array.from(plain.assign(copies, bt.length)));
        const { sel, count } = selection(bt.length, 0.5, r);
        expect(Array.from(viaCacheSel.assignSelected(keys, sel, count))).toEqual(Array.from(plainSel.assignSelected(copies, sel, count)));
      }
      const datums = (t: GroupTable) => t.keyVectors().map((v) => Array.from({ length: v.length }, (_, i) => getDatum(v, i)));
      expect(datums(viaCache)).toEqual(datums(plain));
      expect(datums(viaCacheSel)).toEqual(datums(plainSel));
      expect(viaCache.size).toBeGreaterThan(1);
    }
  });

  it('are not kept for columns of more than 255 distinct strings', () => {
    const n = 300;
    const v: Vector = { type: T.text, length: n, data: Array.from({ length: n }, (_, i) => `v${i}`), nulls: null };
    expect(computeLocalCodes(v)).toBeNull();
    const w: Vector = { type: T.text, length: 4, data: ['b', 'a', '', 'b'], nulls: Uint8Array.from([0, 0, 1, 0]) };
    expect(computeLocalCodes(w)).toEqual({ codes: Uint8Array.from([1, 2, 0, 1]), values: ['b', 'a'] });
  });
});
