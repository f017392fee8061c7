/** UNCACHE TABLE / CLEAR CACHE as every thread sees them: drops and clears carried in the task settings. */
import { describe, expect, it } from 'vitest';
import { T } from '../../../common/types.js';
import { vectorFromDatums } from '../../../common/vector.js';
import { cacheControl } from '../../../executor/cache/cache_control.js';
import { ColumnCache, fileCachePrefix } from '../../../executor/cache/column_cache.js';

const v = () => vectorFromDatums(T.int4, [1, 2, 3]);
const store = { kind: 'local', root: '/w' };

describe('cache control (coordinator → thread caches)', () => {
  it('a thread applies each table drop once, in order, at its next task', () => {
    const ctl = cacheControl(1 << 20, 2);
    const worker = new ColumnCache(1 << 20);
    const a = fileCachePrefix(store, 't1/part-0.parquet');
    const b = fileCachePrefix(store, 't2/part-0.parquet');
    worker.set(`${a}0|x|int4`, v());
    worker.set(`${b}0|x|int4`, v());
    ctl.dropCache([a]);
    const s = ctl.cacheSettings();
    worker.clearUpTo(s.epoch, s.drops);
    expect(worker.get(`${a}0|x|int4`)).toBeUndefined();
    expect(worker.get(`${b}0|x|int4`)).toBeDefined();
    // re-cached after the drop: the same settings do not drop it again
    worker.set(`${a}0|x|int4`, v());
    worker.clearUpTo(s.epoch, s.drops);
    expect(worker.get(`${a}0|x|int4`)).toBeDefined();
  });

  it('CLEAR CACHE empties every thread and supersedes earlier drops', () => {
    const ctl = cacheControl(1 << 20, 2);
    const worker = new ColumnCache(1 << 20);
    const a = fileCachePrefix(store, 't1/part-0.parquet');
    ctl.dropCache([a]);
    ctl.clearCache();
    worker.set('other|0|x', v());
    const s = ctl.cacheSettings();
    expect(s.drops).toBeUndefined();
    worker.clearUpTo(s.epoch, s.drops);
    expect(worker.size).toBe(0);
    expect(s.maxBytes).toBe(1 << 19); // each of the 2 threads has half the budget
  });
});
