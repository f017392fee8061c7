import { describe, expect, it } from 'vitest';
import { workerHeapFlag, WORKER_INITIAL_OLD_SPACE_MB } from '../../../executor/pool/worker_heap.js';

describe('worker heap sizing', () => {
  it('sets --initial-old-space-size unless the operator chose one', () => {
    expect(workerHeapFlag([], undefined)).toBe(`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`);
    expect(workerHeapFlag(['--enable-source-maps'], '--max-old-space-size=4096')).toBe(`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`);
    expect(workerHeapFlag(['--initial-old-space-size=64'], undefined)).toBeNull();
    expect(workerHeapFlag([], '--max-old-space-size=4096 --initial_old_space_size=512')).toBeNull();
  });
});
