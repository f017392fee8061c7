/**
 * The selection-vector predicate compiler (executor/expr/predicate/) must keep exactly the rows where the
 * row-at-a-time meaning of the predicate is TRUE: checked here against the vector evaluator (compileExpr) on
 * random batches with NULLs, for every leaf form it handles and for AND / OR nests of them.
 */
import { describe, expect, it } from 'vitest';
import { compileExpr, compilePredicate } from '../../../executor/expr/compile.js';
import type { BoundExpr } from '../../../planner/bind/expr/bound_expr.js';
import { T, type SqlType } from '../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../common/values/context.js';
import { getDatum, scaledNumerics, vectorFromDatums, type Batch, type Vector } from '../../../common/vector.js';
import type { Datum } from '../../../common/datum.js';

const ctx = { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n };
const dec = { kind: 'numeric', precision: 15, scale: 2 } as const satisfies SqlType;
const types: SqlType[] = [T.int4, T.int8, T.text, dec, T.date, T.int4];
const col = (index: number): BoundExpr => ({ kind: 'column', index, type: types[index]! });
const k = (value: Datum, type: SqlType): BoundExpr => ({ kind: 'const', value, type });
const cmp = (op: '=' | '<>' | '<' | '<=' | '>' | '>=', left: BoundExpr, right: BoundExpr): BoundExpr => ({ kind: 'compare', op, left, right, type: T.bool });
const and = (...args: BoundExpr[]): BoundExpr => ({ kind: 'and', args, type: T.bool });
const or = (...args: BoundExpr[]): BoundExpr => ({ kind: 'or', args, type: T.bool });
const like = (pattern: string, negated = false, caseInsensitive = false): BoundExpr => ({ kind: 'like', arg: col(2), pattern: k(pattern, T.text), caseInsensitive, negated, escape: null, type: T.bool });
const num = (unscaled: number, scale: number): Datum => ({ unscaled: BigInt(unscaled), scale });

/** A seeded batch: int4, int8, text, numeric(15,2) (compact or object form), date, int4 divisor with zeros. */
function randomBatch(seed: number, n: number, compact: boolean, nullRate = 0.15): Batch {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const maybe = <X>(x: X): X | null => (rnd() < nullRate ? null : x);
  const words = ['AIR', 'AIR REG', 'MAIL', 'SHIP', 'TRUCK', 'forest green', 'special requests', 'PROMO BRUSHED', 'ab', ''];
  const ints = Array.from({ length: n }, () => maybe(Math.floor(rnd() * 20) - 5));
  const bigs = Array.from({ length: n }, () => maybe(BigInt(Math.floor(rnd() * 1000))));
  const texts = Array.from({ length: n }, () => maybe(words[Math.floor(rnd() * words.length)]!));
  const cents = Array.from({ length: n }, () => maybe(Math.floor(rnd() * 1000)));
  const dates = Array.from({ length: n }, () => maybe(8766 + Math.floor(rnd() * 1000)));
  const divisors = Array.from({ length: n }, () => maybe(Math.floor(rnd() * 3)));
  let decimals: Vector;
  if (compact) {
    const nulls = cents.includes(null) ? Uint8Array.from(cents, (c) => (c === null ? 1 : 0)) : null;
    decimals = { type: dec, length: n, data: scaledNumerics(2, Float64Array.from(cents, (c) => c ?? 0)), nulls };
  } else decimals = vectorFromDatums(dec, cents.map((c) => (c === null ? null : num(c, 2))));
  return {
    length: n,
    columns: [vectorFromDatums(T.int4, ints), vectorFromDatums(T.int8, bigs), vectorFromDatums(T.text, texts), decimals, vectorFromDatums(T.date, dates), vectorFromDatums(T.int4, divisors)],
  };
}

/** Rows where the vector evaluator says TRUE. */
function trueRows(e: BoundExpr, b: Batch): number[] {
  const v = compileExpr(e, types, ctx).evaluate(b);
  return Array.from({ length: b.length }, (_, i) => i).filter((i) => getDatum(v, i) === true);
}
function selected(e: BoundExpr, b: Batch): number[] {
  const r = compilePredicate(e, types, ctx).select(b);
  return Array.from(r.sel.subarray(0, r.count));
}

const numericCol: BoundExpr = { kind: 'cast', arg: col(3), type: T.numeric, mode: 'implicit' };
const widened: BoundExpr = { kind: 'cast', arg: col(0), type: T.int8, mode: 'implicit' };
const leaves: BoundExpr[] = [
  cmp('<', col(0), k(3, T.int4)),
  cmp('>=', k(2, T.int4), col(0)),
  cmp('<>', col(0), k(0, T.int4)),
  cmp('=', widened, k(4n, T.int8)),
  cmp('>', col(1), k(500n, T.int8)),
  cmp('<=', col(4), k(9000, T.date)),
  cmp('=', col(2), k('AIR', T.text)),
  cmp('>', col(2), k('MAIL', T.text)),
  cmp('>=', numericCol, k(num(5, 0), T.numeric)),
  cmp('<', numericCol, k(num(3141, 3), T.numeric)),
  cmp('<=', col(3), k(num(750, 2), dec)),
  cmp('>', numericCol, { kind: 'cast', arg: k(3, T.int4), type: T.numeric, mode: 'implicit' }),
  cmp('=', col(1), { kind: 'cast', arg: k(7, T.int4), type: T.int8, mode: 'implicit' }),
  cmp('<', col(0), col(5)),
  cmp('=', col(0), k(null, T.int4)),
  { kind: 'in_list', arg: col(2), list: [k('AIR', T.text), k('AIR REG', T.text)], negated: false, type: T.bool },
  { kind: 'in_list', arg: col(2), list: [k('AIR', T.text), k('SHIP', T.text)], negated: true, type: T.bool },
  { kind: 'in_list', arg: col(0), list: [k(1, T.int4), k(null, T.int4)], negated: false, type: T.bool },
  { kind: 'in_list', arg: col(0), list: [k(1, T.int4), k(null, T.int4)], negated: true, type: T.bool },
  { kind: 'in_list', arg: widened, list: [k(1n, T.int8), k(7n, T.int8)], negated: false, type: T.bool },
  like('AIR%'), like('%REG'), like('%e%re%'), like('forest%green'), like('ab'), like('%'), like('A_R%'), like('%special%requests%', true), like('air%', false, true),
  { kind: 'is_null', arg: col(1), negated: false, type: T.bool },
  { kind: 'is_null', arg: col(2), negated: true, type: T.bool },
  k(true, T.bool), k(null, T.bool),
];

describe('selection-vector predicates', () => {
  for (const [compact, nullRate] of [[true, 0.15], [false, 0.15], [true, 0]] as const) {
    it(`every leaf keeps exactly the TRUE rows (numeric ${compact ? 'compact' : 'as objects'}, ${nullRate ? 'with' : 'without'} NULLs)`, () => {
      const b = randomBatch(compact ? 7 : 11, 400, compact, nullRate);
      if (nullRate === 0) expect(b.columns.every((c) => c.nulls === null)).toBe(true); // the kernels' no-NULL loops
      for (const e of leaves) expect(selected(e, b), JSON.stringify(e, (_, v) => (typeof v === 'bigint' ? String(v) : v))).toEqual(trueRows(e, b));
    });
  }
  it('AND / OR nests agree with the three-valued evaluation', () => {
    const b = randomBatch(3, 500, true);
    let s = 99;
    const pick = () => leaves[(s = (s * 7 + 13) % 1009) % leaves.length]!;
    for (let t = 0; t < 60; t++) {
      const e = t % 3 === 0 ? and(pick(), or(pick(), and(pick(), pick())), pick()) : t % 3 === 1 ? or(and(pick(), pick()), and(pick(), pick()), pick()) : and(pick(), pick());
      expect(selected(e, b)).toEqual(trueRows(e, b));
    }
  });
  it('a later conjunct only sees the rows earlier ones kept: no division by zero on dropped rows', () => {
    const b = randomBatch(5, 300, true);
    const div: BoundExpr = cmp('>', { kind: 'call', fn: 'int4_div', args: [k(10, T.int4), col(5)], type: T.int4 }, k(2, T.int4));
    expect(() => compileExpr(div, types, ctx).evaluate(b)).toThrow('division by zero');
    const guarded = and(div, cmp('<>', col(5), k(0, T.int4)));
    const want = Array.from({ length: b.length }, (_, i) => i).filter((i) => { const d = getDatum(b.columns[5]!, i) as number | null; return d !== null && d !== 0 && Math.trunc(10 / d) > 2; });
    expect(selected(guarded, b)).toEqual(want);
    expect(selected(or(cmp('=', col(5), k(0, T.int4)), div), b)).toEqual(Array.from({ length: b.length }, (_, i) => i).filter((i) => { const d = getDatum(b.columns[5]!, i) as number | null; return d !== null && (d === 0 || Math.trunc(10 / d) > 2); }));
  });
});
