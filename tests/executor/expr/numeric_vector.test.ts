import { describe, expect, it } from 'vitest';
import type { Numeric } from '../../../common/datum.js';
import { T, numericType } from '../../../common/types.js';
import { numericAdd, numericMul, numericSub } from '../../../common/values/numeric.js';
import {
  type Vector, concatVectors, getDatum, isScaledNumerics, materializeNumeric, numericObjects, scaledNumerics, sliceVector, takeVector, transferables, vectorFromDatums,
} from '../../../common/vector.js';
import { numericArithKernel, scaledCompare } from '../../../executor/expr/numeric_vector.js';
import { castVector } from '../../../executor/expr/cast_vector.js';
import { compileExpr } from '../../../executor/expr/compile.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { createBasicAccumulator } from '../../../executor/expr/aggregates/basic.js';
import { keyFunction } from '../../../executor/operators/hash_key.js';

const num = (u: bigint | number, scale: number): Numeric => ({ unscaled: BigInt(u), scale });
const NT = numericType(15, 2);
function scaled(values: number[], scale: number, nulls: number[] | null = null): Vector {
  return { type: NT, length: values.length, data: scaledNumerics(scale, Float64Array.from(values)), nulls: nulls === null ? null : Uint8Array.from(nulls) };
}

describe('compact numeric vectors', () => {
  it('read, take, slice and concat like the object form', () => {
    const v = scaled([150, -7, 0, 99], 2, [0, 0, 1, 0]);
    expect(getDatum(v, 0)).toEqual(num(150, 2));
    expect(getDatum(v, 2)).toBeNull();
    expect(numericObjects(v)).toEqual([num(150, 2), num(-7, 2), null, num(99, 2)]);
    const t = takeVector(v, [3, -1, 0]);
    expect(isScaledNumerics(t.data)).toBe(true);
    expect([0, 1, 2].map((i) => getDatum(t, i))).toEqual([num(99, 2), null, num(150, 2)]);
    const s = sliceVector(v, 1, 3);
    expect([0, 1].map((i) => getDatum(s, i))).toEqual([num(-7, 2), null]);
    const c = concatVectors(NT, [v, s]);
    expect(isScaledNumerics(c.data)).toBe(true);
    expect(numericObjects(c)).toEqual([num(150, 2), num(-7, 2), null, num(99, 2), num(-7, 2), null]);
    // mixed forms / scales concatenate as objects
    const m = concatVectors(T.numeric, [v, scaled([5], 3), vectorFromDatums(T.numeric, [num(1n << 80n, 0)])]);
    expect(isScaledNumerics(m.data)).toBe(false);
    expect(numericObjects(m).slice(3)).toEqual([num(99, 2), num(5, 3), num(1n << 80n, 0)]);
    expect(materializeNumeric(v).data).toEqual([num(150, 2), num(-7, 2), null, num(99, 2)].map((x) => x ?? null).map((x, i) => (i === 2 ? null : x)));
    expect(transferables({ length: 4, columns: [v] })).toContain((v.data as { values: Float64Array }).values.buffer);
  });

  it('hash keys agree with the object form (1.50 = 1.5, -0 = 0)', () => {
    const a = scaled([150, 0, -2500, 7], 2);
    const b = vectorFromDatums(T.numeric, [num(15, 1), num(0, 5), num(-25, 0), num(7, 2)]);
    const ka = keyFunction([a]), kb = keyFunction([b]);
    for (let i = 0; i < 4; i++) expect(ka(i)).toBe(kb(i));
    const neg0 = scaled([-0], 2);
    expect(keyFunction([neg0])(0)).toBe(kb(1));
  });

  it('+ − × match the exact operators, with PostgreSQL scales', () => {
    const l = scaled([105, -250, 999999, 0], 2, [0, 0, 0, 1]);
    const r = scaled([3, 41, -17, 5], 1);
    for (const [op, f] of [['add', numericAdd], ['sub', numericSub], ['mul', numericMul]] as const) {
      const out = numericArithKernel(op, T.numeric, f)(l, r);
      expect(isScaledNumerics(out.data)).toBe(true);
      const want = numericObjects(l).map((x, i) => (x === null ? null : f(x, numericObjects(r)[i]!)));
      expect(numericObjects(out)).toEqual(want);
    }
  });

  it('falls back to exact bigints when a result could exceed 2^53', () => {
    const big = 2 ** 52;
    const l = scaled([big, 3], 0), r = scaled([big, 4], 0);
    const mul = numericArithKernel('mul', T.numeric, numericMul)(l, r);
    expect(isScaledNumerics(mul.data)).toBe(false);
    expect(getDatum(mul, 0)).toEqual(num(BigInt(big) * BigInt(big), 0));
    const add = numericArithKernel('add', T.numeric, numericAdd)(l, r);
    expect(getDatum(add, 0)).toEqual(num(BigInt(big) * 2n, 0));
    // object-form input with mixed scales
    const o = vectorFromDatums(T.numeric, [num(1, 1), num(1, 3)]);
    const s = numericArithKernel('sub', T.numeric, numericSub)(o, scaled([2, 2], 0));
    expect(numericObjects(s)).toEqual([num(-19, 1), num(-1999, 3)]);
  });

  it('compares across scales exactly', () => {
    const l = scaled([5, 6, 7, 24000], 2);
    const c = vectorFromDatums(T.numeric, [num(6, 2), num(6, 2), num(6, 2), num(24000, 2)]);
    const out = new Uint8Array(4);
    expect(scaledCompare('<', l, c, 4, out)).toBe(true);
    expect(Array.from(out)).toEqual([1, 0, 0, 0]);
    expect(scaledCompare('=', l, c, 4, out)).toBe(true);
    expect(Array.from(out)).toEqual([0, 1, 0, 1]);
    expect(scaledCompare('>=', l, scaled([0, 0, 0, 240], 1), 4, out)).toBe(true);
    expect(Array.from(out)).toEqual([1, 1, 1, 1]);
    // aligning would lose exactness: the caller compares the exact way
    expect(scaledCompare('<', scaled([2 ** 52], 0), scaled([1], 2), 1, out)).toBe(false);
  });

  it('sum/avg over compact vectors equal the object path (scales, NULLs, partials past 2^53)', () => {
    const big = 2 ** 53 - 1;
    const batches = [scaled([big, big, 5, -3, 7], 2, [0, 0, 0, 1, 0]), scaled([1, 2, 3], 3), scaled([0], 0)];
    const ids = [Int32Array.from([0, 0, 1, 1, 2]), Int32Array.from([1, 2, 2]), Int32Array.from([3])];
    for (const fn of ['sum', 'avg']) {
      const fast = createBasicAccumulator(fn, T.numeric, T.numeric);
      const slow = createBasicAccumulator(fn, T.numeric, T.numeric);
      batches.forEach((b, k) => {
        fast.resize(4); slow.resize(4);
        fast.update(ids[k]!, b.length, [b], null);
        slow.update(ids[k]!, b.length, [materializeNumeric(b)], vectorFromDatums(T.bool, new Array(b.length).fill(true))); // a filter: the per-row path
      });
      const f = fast.finalize(), s = slow.finalize();
      expect(numericObjects(f)).toEqual(numericObjects(s));
    }
    const sum = createBasicAccumulator('sum', T.numeric, T.numeric);
    sum.resize(1);
    sum.update(Int32Array.from([0, 0]), 2, [scaled([big, big], 2)], null);
    expect(getDatum(sum.finalize(), 0)).toEqual(num(2n * BigInt(big), 2));
  });
});

describe('compact numeric casts', () => {
  it('to numeric(p,s) and float8 like castDatum, the exact path for rounding and overflow', () => {
    const ctx = DEFAULT_VALUE_CONTEXT;
    const v = scaled([12345, -1, 0, 7], 2, [0, 0, 0, 1]);
    const up = castVector(v, NT, numericType(10, 4), 'explicit', ctx);
    expect(isScaledNumerics(up.data)).toBe(true);
    expect(numericObjects(up)).toEqual([num(1234500, 4), num(-100, 4), num(0, 4), null]);
    const f = castVector(v, NT, T.float8, 'explicit', ctx);
    expect(Array.from(f.data as Float64Array).slice(0, 3)).toEqual([123.45, -0.01, 0]);
    const down = castVector(v, NT, numericType(10, 1), 'explicit', ctx);
    expect(numericObjects(down)).toEqual([num(1235, 1), num(0, 1), num(0, 1), null]);
    expect(() => castVector(v, NT, numericType(4, 2), 'explicit', ctx)).toThrow('numeric field overflow');
  });
});

describe('numeric comparisons with a constant', () => {
  it('agree with the exact path for every operator, side and scale', () => {
    const col = { kind: 'column', index: 0, type: NT } as const;
    const v = scaled([5, 6, 7, 24000, -100, 2 ** 52], 2, [0, 0, 0, 0, 1, 0]);
    const batches = [{ length: 6, columns: [v] }, { length: 6, columns: [materializeNumeric(v)] }];
    const ctx = { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n };
    for (const c of [num(6, 2), num(60, 3), num(24, 0), num(-1, 0), num(6001, 5), num(2 ** 52, 3)]) {
      for (const op of ['=', '<>', '<', '<=', '>', '>='] as const) {
        for (const constLeft of [false, true]) {
          const k = { kind: 'const', value: c, type: T.numeric } as const;
          const e = { kind: 'compare', op, left: constLeft ? k : col, right: constLeft ? col : k, type: T.bool } as const;
          const ev = compileExpr(e as never, [NT], ctx as never);
          const [fast, slow] = batches.map((b) => ev.evaluate(b));
          expect([Array.from(fast!.data as Uint8Array).map((x, i) => (fast!.nulls?.[i] ? null : x))]).toEqual([Array.from(slow!.data as Uint8Array).map((x, i) => (slow!.nulls?.[i] ? null : x))]);
        }
      }
    }
  });
});
