/** The column-chunk cache: LRU eviction within the byte budget, byte accounting, clearing by prefix / epoch. */
import { describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { vectorFromDatums } from '../../../common/vector.js';
import { ColumnCache, isCachedVector, vectorBytes } from '../../../executor/cache/column_cache.js';

const ints = (n: number) => vectorFromDatums(T.int4, Array.from({ length: n }, (_, i) => i)); // 4n bytes

describe('column cache', () => {
  it('counts typed arrays exactly and strings by length', () => {
    expect(vectorBytes(ints(100))).toBe(400);
    expect(vectorBytes(vectorFromDatums(T.text, ['ab', null]))).toBe(16 + 4 + 16 + 0 + 2);
  });

  it('evicts the least recently used entries to stay within its budget', () => {
    const c = new ColumnCache(1000);
    c.set('a', ints(100));
    c.set('b', ints(100));
    expect(c.get('a')).toBeDefined(); // a is now the most recent
    c.set('c', ints(100));
    expect(c.bytes).toBe(1200 - 400);
    expect(c.get('b')).toBeUndefined(); // b was the least recently used
    expect(c.get('a')).toBeDefined();
    expect(c.get('c')).toBeDefined();
    c.set('huge', ints(1000)); // bigger than the whole budget: not kept
    expect(c.get('huge')).toBeUndefined();
    expect(c.bytes).toBeLessThanOrEqual(1000);
  });

  it('clears by key prefix, by epoch, and holds nothing with a zero budget', () => {
    const c = new ColumnCache(1 << 20);
    const v = ints(10);
    c.set('t1/f|0|x', v);
    c.set('t2/f|0|x', ints(10));
    expect(isCachedVector(v)).toBe(true);
    c.clear('t1/');
    expect(c.get('t1/f|0|x')).toBeUndefined();
    expect(c.get('t2/f|0|x')).toBeDefined();
    c.clearUpTo(0);
    expect(c.size).toBe(1);
    c.clearUpTo(1);
    expect(c.size).toBe(0);
    expect(c.bytes).toBe(0);
    c.configure(0);
    c.set('z', ints(1));
    expect(c.size).toBe(0);
  });
});
