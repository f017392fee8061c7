import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../common/datum.js';
import { T } from '../../../common/types.js';
import { getDatum, vectorFromDatums, type Vector } from '../../../common/vector.js';
import { createBasicAccumulator } from '../../../executor/expr/aggregates/basic.js';

const values = (v: Vector): Datum[] => Array.from({ length: v.length }, (_, i) => getDatum(v, i));
const num = (unscaled: bigint, scale: number) => ({ unscaled, scale });
const ids = (...g: number[]) => Int32Array.from(g);

describe('typed-array sum/avg accumulators', () => {
  it('stays exact past 2^53 and keeps the largest scale, through serialize/merge', () => {
    const big = 2n ** 53n - 1n;
    const a = createBasicAccumulator('sum', T.numeric, T.numeric);
    a.resize(2);
    a.update(ids(0, 0, 1, 1), 4, [vectorFromDatums(T.numeric, [num(big, 0), num(big, 0), num(15n, 1), null])], null);
    const b = createBasicAccumulator('sum', T.numeric, T.numeric);
    b.resize(2);
    b.update(ids(1, 0), 2, [vectorFromDatums(T.numeric, [num(25n, 2), num(1n, 0)])], null);
    const main = createBasicAccumulator('sum', T.numeric, T.numeric);
    main.resize(3);
    main.merge(a.serialize(), ids(0, 1));
    main.merge(b.serialize(), ids(1, 0));
    // group 0: 2·(2^53 − 1) + 0.25 (scale 2); group 1: 1.5 + 1 (scale 1); group 2: no rows
    expect(values(main.finalize())).toEqual([num((2n * big) * 100n + 25n, 2), num(25n, 1), null]);
  });

  it('avg divides the exact sum; sum over int8 reports overflow like PostgreSQL', () => {
    const avg = createBasicAccumulator('avg', T.int4, T.numeric);
    avg.resize(1);
    avg.update(ids(0, 0, 0), 3, [vectorFromDatums(T.int4, [1, 2, null])], null);
    expect(String((getDatum(avg.finalize(), 0) as { unscaled: bigint }).unscaled)).toMatch(/^15/);
    const s = createBasicAccumulator('sum', T.int4, T.int8);
    s.resize(1);
    s.update(ids(0, 0), 2, [vectorFromDatums(T.int4, [2147483647, 5])], null);
    expect(values(s.finalize())).toEqual([2147483652n]);
  });

  it('count(x) skips NULLs and FILTER rows; count(*) counts rows; partial counts merge', () => {
    const c = createBasicAccumulator('count', T.int4, T.int8);
    c.resize(2);
    c.update(ids(0, 0, 1, 1), 4, [vectorFromDatums(T.int4, [1, null, 3, 4])], vectorFromDatums(T.bool, [true, true, false, true]));
    const star = createBasicAccumulator('count_star', null, T.int8);
    star.resize(2);
    star.update(ids(1, 1, 1), 3, [], null);
    const main = createBasicAccumulator('count', T.int4, T.int8);
    main.resize(3);
    main.merge(c.serialize(), ids(0, 1));
    main.merge(star.serialize(), ids(2, 0));
    expect(values(main.finalize())).toEqual([4n, 1n, 0n]);
  });
});
