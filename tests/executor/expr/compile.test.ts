import { describe, expect, it } from 'vitest';
import { compileExpr, compilePredicate, evaluateConstant } from '../../../executor/expr/compile.js';
import { createAccumulator } from '../../../executor/expr/aggregates/accumulator.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { T } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import type { Batch } from '../../../common/vector.js';

const ctx = { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n };
const col = (index: number, type = T.int4): BoundExpr => ({ kind: 'column', index, type });
const c = (value: number | string | null, type = T.int4): BoundExpr => ({ kind: 'const', value, type });
const batch: Batch = { length: 4, columns: [vectorFromDatums(T.int4, [1, null, 3, 2147483647]), vectorFromDatums(T.text, ['ab', 'x', null, 'abc'])] };
const rows = (e: BoundExpr, b = batch) => { const v = compileExpr(e, [T.int4, T.text], ctx).evaluate(b); return Array.from({ length: v.length }, (_, i) => getDatum(v, i)); };

describe('compiled expressions', () => {
  it('int4 arithmetic with NULLs and overflow', () => {
    const small: Batch = { length: 3, columns: [vectorFromDatums(T.int4, [1, null, 3])] };
    expect(rows({ kind: 'call', fn: 'int4_add', args: [col(0), c(10)], type: T.int4 }, small)).toEqual([11, null, 13]);
    expect(() => rows({ kind: 'call', fn: 'int4_add', args: [col(0), c(1)], type: T.int4 })).toThrow('integer out of range');
    expect(() => evaluateConstant({ kind: 'call', fn: 'int4_div', args: [c(1), c(0)], type: T.int4 }, ctx)).toThrow('division by zero');
    expect(evaluateConstant({ kind: 'call', fn: 'int4_div', args: [c(-7), c(2)], type: T.int4 }, ctx)).toBe(-3);
  });
  it('three-valued logic and predicates', () => {
    const gt: BoundExpr = { kind: 'compare', op: '>', left: col(0), right: c(1), type: T.bool };
    expect(rows(gt)).toEqual([false, null, true, true]);
    const or: BoundExpr = { kind: 'or', args: [gt, { kind: 'const', value: true, type: T.bool }], type: T.bool };
    expect(rows(or)).toEqual([true, true, true, true]);
    const and: BoundExpr = { kind: 'and', args: [gt, { kind: 'const', value: true, type: T.bool }], type: T.bool };
    expect(rows(and)).toEqual([false, null, true, true]);
    const p = compilePredicate(gt, [T.int4], ctx).select(batch);
    expect(Array.from(p.sel.subarray(0, p.count))).toEqual([2, 3]);
  });
  it('IN, CASE, COALESCE, LIKE, string functions', () => {
    expect(rows({ kind: 'in_list', arg: col(0), list: [c(1), c(3)], negated: false, type: T.bool })).toEqual([true, null, true, false]);
    expect(rows({ kind: 'in_list', arg: col(0), list: [c(1), c(null)], negated: true, type: T.bool })).toEqual([false, null, null, null]);
    expect(rows({ kind: 'coalesce', args: [col(1, T.text), c('z', T.text)], type: T.text })).toEqual(['ab', 'x', 'z', 'abc']);
    expect(rows({ kind: 'like', arg: col(1, T.text), pattern: c('a%', T.text), caseInsensitive: false, negated: false, escape: null, type: T.bool })).toEqual([true, false, null, true]);
    expect(rows({ kind: 'call', fn: 'upper', args: [col(1, T.text)], type: T.text })).toEqual(['AB', 'X', null, 'ABC']);
    expect(rows({ kind: 'call', fn: 'concat', args: [col(1, T.text), c(null, T.text)], type: T.text })).toEqual(['ab', 'x', '', 'abc']);
    const cs: BoundExpr = { kind: 'case', whens: [{ when: { kind: 'is_null', arg: col(0), negated: false, type: T.bool }, then: c(0) }], else: c(1), type: T.int4 };
    expect(rows(cs)).toEqual([1, 0, 1, 1]);
  });
  it('date arithmetic', () => {
    expect(evaluateConstant({ kind: 'call', fn: 'date_add_int4', args: [c(19723, T.date), c(1)], type: T.date }, ctx)).toBe(19724);
  });
});

describe('accumulators', () => {
  it('count/sum/min with FILTER, partial + merge + finalize', () => {
    const v = vectorFromDatums(T.int4, [1, 2, null, 4, 5]);
    const ids = Int32Array.from([0, 1, 0, 0, 1]);
    const mk = (fn: string, type = T.int8) => createAccumulator({ fn, args: [col(0)], distinct: false, filter: null, type }, [T.int4]);
    const a = mk('sum'); a.resize(2); a.update(ids, 5, [v], null);
    const b = mk('sum'); b.resize(2); b.update(ids, 5, [v], null);
    a.merge(b.serialize(), Int32Array.from([1, 0]));
    expect([getDatum(a.finalize(), 0), getDatum(a.finalize(), 1)]).toEqual([12n, 12n]);
    const cnt = mk('count'); cnt.resize(2); cnt.update(ids, 5, [v], vectorFromDatums(T.bool, [true, true, true, false, null]));
    expect([getDatum(cnt.finalize(), 0), getDatum(cnt.finalize(), 1)]).toEqual([1n, 1n]);
    const mn = mk('min', T.int4); mn.resize(3); mn.update(ids, 5, [v], null);
    expect([0, 1, 2].map((i) => getDatum(mn.finalize(), i))).toEqual([1, 2, null]);
  });
  it('count DISTINCT merges sets across partials', () => {
    const v = vectorFromDatums(T.text, ['a', 'b', 'a']);
    const mk = () => createAccumulator({ fn: 'count', args: [col(0, T.text)], distinct: true, filter: null, type: T.int8 }, [T.text]);
    const a = mk(); a.resize(1); a.update(Int32Array.from([0, 0, 0]), 3, [v], null);
    const b = mk(); b.resize(1); b.update(Int32Array.from([0]), 1, [vectorFromDatums(T.text, ['c'])], null);
    a.merge(b.serialize(), Int32Array.from([0]));
    expect(getDatum(a.finalize(), 0)).toBe(3n);
  });
  it('sum of numeric is exact', () => {
    const v = vectorFromDatums(T.numeric, [{ unscaled: 1050n, scale: 2 }, { unscaled: 21n, scale: 0 }]);
    const a = createAccumulator({ fn: 'sum', args: [col(0, T.numeric)], distinct: false, filter: null, type: T.numeric }, [T.numeric]);
    a.resize(1); a.update(Int32Array.from([0, 0]), 2, [v], null);
    expect(getDatum(a.finalize(), 0)).toEqual({ unscaled: 3150n, scale: 2 });
  });
});
