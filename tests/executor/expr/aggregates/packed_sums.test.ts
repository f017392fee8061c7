import { describe, expect, it } from 'vitest';
import type { Numeric } from '../../../../common/datum.js';
import { T } from '../../../../common/types.js';
import { getDatum, vectorFromDatums } from '../../../../common/vector.js';
import { createBasicAccumulator } from '../../../../executor/expr/aggregates/basic.js';
import { isPackedSums } from '../../../../executor/expr/aggregates/packed_sums.js';

const num = (u: bigint | number, scale: number): Numeric => ({ unscaled: BigInt(u), scale });

function partial(fn: string, values: (Numeric | null)[], ids: number[], groups: number) {
  const acc = createBasicAccumulator(fn, T.numeric, T.numeric);
  acc.resize(groups);
  acc.update(Int32Array.from(ids), ids.length, [vectorFromDatums(T.numeric, values)], null);
  return acc.serialize();
}

describe('packed sum states', () => {
  it('round-trip partial sums exactly through typed arrays', () => {
    const p1 = partial('sum', [num(150, 2), num(-25, 2), null], [0, 1, 2], 3);
    const p2 = partial('sum', [num(5, 2), num(2 ** 53 - 1, 2)], [1, 0], 2);
    expect(isPackedSums(p1)).toBe(true);
    const main = createBasicAccumulator('sum', T.numeric, T.numeric);
    main.resize(3);
    main.merge(p1, Int32Array.from([0, 1, 2]));
    main.merge(p2, Int32Array.from([0, 1]));
    const out = main.finalize();
    expect([0, 1, 2].map((i) => getDatum(out, i))).toEqual([num(150n + 2n ** 53n - 1n, 2), num(-20, 2), null]);
  });

  it('keep per-group display scales: mixed scales are sent as objects', () => {
    const p = partial('avg', [num(1, 1), num(1, 3)], [0, 1], 2);
    expect(isPackedSums(p)).toBe(false);
    const main = createBasicAccumulator('sum', T.numeric, T.numeric);
    main.resize(2);
    main.merge(partial('sum', [num(1, 1), num(1, 3)], [0, 1], 2), Int32Array.from([0, 1]));
    main.merge(partial('sum', [null, num(2, 3)], [0, 1], 2), Int32Array.from([0, 1]));
    const out = main.finalize();
    expect([getDatum(out, 0), getDatum(out, 1)]).toEqual([num(1, 1), num(3, 3)]);
  });

  it('sums past 2^53 − 1 are sent as objects', () => {
    const p = partial('sum', [num(2 ** 53 - 1, 0), num(2 ** 53 - 1, 0)], [0, 0], 1);
    expect(isPackedSums(p)).toBe(false);
  });
});
