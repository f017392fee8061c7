import { describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { getDatum, vectorFromDatums, type Vector } from '../../../common/vector.js';
import { gatherVector } from '../../../executor/join/gather.js';
import { buildJoinTable } from '../../../executor/join/join_table.js';
import { PairBuffer } from '../../../executor/operators/join_output.js';

const values = (v: Vector) => Array.from({ length: v.length }, (_, i) => getDatum(v, i));
const sel = Int32Array.from([2, -1, 0, 2]);

describe('gatherVector', () => {
  it('gathers typed columns by index, -1 and NULL sources giving NULL', () => {
    expect(values(gatherVector(vectorFromDatums(T.int4, [1, null, 3]), sel, 4))).toEqual([3, null, 1, 3]);
    expect(values(gatherVector(vectorFromDatums(T.int8, [-(2n ** 62n), 5n, 2n ** 61n + 3n]), sel, 4))).toEqual([2n ** 61n + 3n, null, -(2n ** 62n), 2n ** 61n + 3n]);
    expect(values(gatherVector(vectorFromDatums(T.float8, [0.5, 1.5, -2.25]), sel, 4))).toEqual([-2.25, null, 0.5, -2.25]);
    expect(values(gatherVector(vectorFromDatums(T.bool, [true, false, false]), sel, 3))).toEqual([false, null, true]);
    expect(values(gatherVector(vectorFromDatums(T.text, ['a', 'b', null]), sel, 4))).toEqual([null, null, 'a', null]);
  });
});

describe('join table growth', () => {
  it('keeps every key findable after growing past its first size', () => {
    const n = 100_000;
    const build = [vectorFromDatums(T.int8, Array.from({ length: n }, (_, i) => BigInt(i * 7919)))];
    const t = buildJoinTable(build, n, [T.int8]);
    const probe = [vectorFromDatums(T.int8, [0n, 7919n * 99_999n, 7919n * 50_000n + 1n, 7919n * 12_345n])];
    const out = new PairBuffer();
    t.probe(probe, 4, out);
    expect(Array.from({ length: out.n }, (_, j) => [out.l[j], out.r[j]])).toEqual([[0, 0], [1, 99_999], [3, 12_345]]);
  });
});
