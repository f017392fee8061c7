/**
 * The numeric fast path of aggregation (executor/scan/fast_numeric.ts + fast_sum.ts): sums and averages
 * over fixed-scale numeric expressions computed as numbers must equal, digit for digit, the regular bigint
 * accumulators — including values beyond 2^53, NULLs, and sums that overflow a double many times over.
 */
import { describe, expect, it } from 'vitest';
import type { Numeric } from '../../../common/datum.js';
import { T, numericType } from '../../../common/types.js';
import type { Batch, Vector } from '../../../common/vector.js';
import { getDatum, scaledNumerics, vectorFromDatums } from '../../../common/vector.js';
import { numericAdd, numericMul, numericSub } from '../../../common/values/numeric.js';
import type { AggregateCall, BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { AggregateState } from '../../../executor/scan/aggregate_state.js';
import { compileFastNumeric } from '../../../executor/scan/fast_numeric.js';
import { compileSumKernel } from '../../../executor/scan/sum_kernel.js';

const N152 = numericType(15, 2);
const num = (unscaled: bigint, scale = 2): Numeric => ({ unscaled, scale });
const col = (index: number): BoundExpr => ({ kind: 'column', index, type: N152 });
const asNumeric = (e: BoundExpr): BoundExpr => ({ kind: 'cast', arg: e, type: T.numeric, mode: 'implicit' });
const one: BoundExpr = { kind: 'const', value: num(1n, 0), type: T.numeric };
const call = (fn: string, a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'call', fn, args: [a, b], type: T.numeric } as BoundExpr);
// q01's charge: price * (1 - discount) * (1 + tax)
const charge = call('numeric_mul', call('numeric_mul', asNumeric(col(0)), call('numeric_sub', one, asNumeric(col(1)))), call('numeric_add', one, asNumeric(col(2))));

function exactCharge(p: Numeric, d: Numeric, t: Numeric): Numeric {
  return numericMul(numericMul(p, numericSub(num(1n, 0), d)), numericAdd(num(1n, 0), t));
}

/** deterministic pseudo-random values, some NULL, some far beyond 2^53 */
function data(n: number, seed: number): { batch: Batch; rows: (Numeric | null)[][] } {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows: (Numeric | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const big = i % 97 === 0;
    const price = i % 53 === 0 ? null : num(big ? 99999999999999n * (i % 2 ? 1n : -1n) : BigInt(Math.floor(rnd() * 1e9)) - 100000000n);
    rows.push([price, num(BigInt(Math.floor(rnd() * 11))), num(BigInt(Math.floor(rnd() * 9)))]);
  }
  const types = [N152, N152, N152];
  const columns: Vector[] = types.map((t, c) => vectorFromDatums(t, rows.map((r) => r[c]!)));
  return { batch: { length: n, columns }, rows };
}

describe('fast numeric expressions', () => {
  it('evaluate exactly, marking NULLs and rows beyond 2^53', () => {
    const f = compileFastNumeric(charge)!;
    expect(f).not.toBeNull();
    expect(f.scale).toBe(6);
    const { batch, rows } = data(500, 7);
    const r = f.evaluate(batch);
    let slow = 0;
    rows.forEach((row, i) => {
      if (row[0] === null) { expect(r.nulls[i]).toBe(1); return; }
      if (r.slow[i] === 1) { slow++; return; }
      const e = exactCharge(row[0], row[1]!, row[2]!);
      expect(BigInt(r.v[i]!)).toBe(e.unscaled * 10n ** BigInt(6 - e.scale));
    });
    expect(slow).toBeGreaterThan(0); // the 99999999999999.xx prices times (1 - d)(1 + t) go past 2^53
  });

  it('do not apply to other expressions', () => {
    expect(compileFastNumeric({ kind: 'column', index: 0, type: T.numeric })).toBeNull(); // no typmod scale
    expect(compileFastNumeric(call('numeric_div', col(0), col(1)))).toBeNull();
    expect(compileFastNumeric({ kind: 'column', index: 0, type: T.int4 })).toBeNull();
  });
});

describe('generated sum kernels', () => {
  it('compute each row exactly, skip NULL rows and hand back rows beyond 2^53', () => {
    const k = compileSumKernel(charge)!;
    expect(k).not.toBeNull();
    expect(k.scale).toBe(6);
    const { batch, rows } = data(500, 9);
    const values = k.columns.map((c) => Float64Array.from({ length: batch.length }, (_, i) => Number((getDatum(batch.columns[c.index]!, i) as Numeric | null)?.unscaled ?? 0n)));
    const nulls = k.columns.map((c) => Uint8Array.from({ length: batch.length }, (_, i) => (getDatum(batch.columns[c.index]!, i) === null ? 1 : 0)));
    // one group per row: each group's sum is that row's value
    const acc = new Float64Array(500), cnt = new Float64Array(500), big = Array.from({ length: 500 }, () => 0n);
    const slow = new Set(k.run(values, nulls, Int32Array.from({ length: 500 }, (_, i) => i), 500, acc, cnt, big) ?? []);
    expect(slow.size).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      if (row[0] === null) { expect(cnt[i]).toBe(0); return; }
      if (slow.has(i)) { expect(cnt[i]).toBe(0); return; }
      const e = exactCharge(row[0], row[1]!, row[2]!);
      expect(cnt[i]).toBe(1);
      expect(BigInt(acc[i]!) + big[i]!).toBe(e.unscaled * 10n ** BigInt(6 - e.scale));
    });
  });
});

describe('aggregation with the fast numeric sum', () => {
  const aggs: AggregateCall[] = [
    { fn: 'sum', args: [charge], distinct: false, filter: null, type: T.numeric },
    { fn: 'avg', args: [col(0)], distinct: false, filter: null, type: T.numeric },
    { fn: 'sum', args: [col(1)], distinct: false, filter: null, type: T.numeric },
    { fn: 'count_star', args: [], distinct: false, filter: null, type: T.int8 },
  ];
  const ctx = { values: {} as never, params: [], statementTime: 0n };

  // compact: the numeric columns in the scaled form scans produce, which runs the generated kernel (sum_kernel.ts)
  for (const compact of [false, true]) it(`gives the exact sums of the regular accumulators, grouped, across batches and partial merges (${compact ? 'compact columns' : 'numeric objects'})`, () => {
    const key: BoundExpr = { kind: 'column', index: 3, type: T.int4 };
    const form = (v: Vector): Vector => {
      if (!compact) return v;
      const values = Float64Array.from({ length: v.length }, (_, i) => Number((getDatum(v, i) as Numeric | null)?.unscaled ?? 0n));
      return { type: v.type, length: v.length, data: scaledNumerics(2, values), nulls: Uint8Array.from({ length: v.length }, (_, i) => (getDatum(v, i) === null ? 1 : 0)) };
    };
    const withKey = (b: Batch): Batch => ({ length: b.length, columns: [...b.columns.map(form), vectorFromDatums(T.int4, Array.from({ length: b.length }, (_, i) => i % 3))] });
    const parts = [data(4000, 1), data(3000, 2), data(10, 3)];
    // fast path: two "workers" then a merge
    const w1 = new AggregateState([key], aggs, [N152, N152, N152, T.int4], ctx);
    const w2 = new AggregateState([key], aggs, [N152, N152, N152, T.int4], ctx);
    w1.update(withKey(parts[0]!.batch));
    w2.update(withKey(parts[1]!.batch));
    w2.update(withKey(parts[2]!.batch));
    const final = new AggregateState([key], aggs, [N152, N152, N152, T.int4], ctx);
    final.merge(w1.serialize());
    final.merge(w2.serialize());
    const out = final.finish();
    // expected, by bigint arithmetic per group
    const sums = [0n, 0n, 0n], prices = [0n, 0n, 0n], counts = [0, 0, 0], disc = [0n, 0n, 0n], all = [0n, 0n, 0n];
    for (const p of parts) p.rows.forEach((r, i) => {
      const g = i % 3;
      all[g]!++;
      disc[g]! += r[1]!.unscaled;
      if (r[0] === null) return;
      const c = exactCharge(r[0], r[1]!, r[2]!);
      sums[g]! += c.unscaled * 10n ** BigInt(6 - c.scale);
      prices[g]! += r[0].unscaled;
      counts[g]!++;
    });
    for (let row = 0; row < out.length; row++) {
      const g = getDatum(out.columns[0]!, row) as number;
      const s = getDatum(out.columns[1]!, row) as Numeric;
      expect(s.unscaled * 10n ** BigInt(6 - s.scale)).toBe(sums[g]);
      const avg = getDatum(out.columns[2]!, row) as Numeric;
      // avg = sum / count, rounded as numeric division does: check it lies within half a unit of the true mean
      const lhs = avg.unscaled * BigInt(counts[g]!) * 100n, rhs = prices[g]! * 10n ** BigInt(avg.scale);
      expect(2n * (lhs > rhs ? lhs - rhs : rhs - lhs) <= BigInt(counts[g]!) * 100n).toBe(true);
      expect((getDatum(out.columns[3]!, row) as Numeric).unscaled).toBe(disc[g]);
      expect(getDatum(out.columns[4]!, row)).toBe(all[g]);
    }
    expect(out.length).toBe(3);
    // the total is far beyond what a double holds exactly
    expect(sums.reduce((a, b) => (a > 0n ? a : -a) + (b > 0n ? b : -b), 0n) > 2n ** 53n).toBe(true);
  });

  it('sum of no rows is NULL', () => {
    const st = new AggregateState([], aggs, [N152, N152, N152], ctx);
    st.update(data(0, 1).batch);
    const out = st.finish();
    expect(getDatum(out.columns[0]!, 0)).toBeNull();
    expect(getDatum(out.columns[3]!, 0)).toBe(0n);
  });
});
