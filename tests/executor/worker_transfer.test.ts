import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { vectorFromDatums } from '../../common/vector.js';
import type { SqlType } from '../../common/types.js';
import type { ScanTaskResult } from '../../executor/scan/scan_task.js';
import { resultTransferList } from '../../executor/worker.js';

const int4 = { kind: 'int4' } as SqlType;

describe('scan task results move their buffers to the main thread', () => {
  it('moves batch columns, partial keys, packed sums and counts; clones other states; the moved copy is intact', () => {
    const packed = { form: 'packed-sums', scale: 2, count: Float64Array.from([1, 2]), sum: Float64Array.from([150, -3]), float: new Float64Array(2) };
    const counts = Float64Array.from([4, 5]);
    const distinct = { kind: 'pairs', groups: Int32Array.from([0, 1]), values: Int32Array.from([7, 8]) }; // not made for the message: cloned
    const result: ScanTaskResult = {
      batches: [{ length: 2, columns: [vectorFromDatums(int4, [1, null])] }],
      partial: { groups: 2, keys: { length: 2, columns: [vectorFromDatums(int4, [10, 20])] }, states: [packed, counts, distinct, [1, 2]] },
      rows: 2,
    };
    const list = resultTransferList(result);
    const batchCol = result.batches[0]!.columns[0]!;
    const expectedBuffers = [batchCol.data as Int32Array, batchCol.nulls!, result.partial!.keys.columns[0]!.data as Int32Array, packed.count, packed.sum, packed.float, counts].map((a) => a.buffer);
    expect(new Set(list)).toEqual(new Set(expectedBuffers));
    expect(list).not.toContain(distinct.groups.buffer);

    const { port1, port2 } = new MessageChannel();
    port1.postMessage(result, list);
    const got = receiveMessageOnPort(port2)!.message as ScanTaskResult;
    port1.close();
    expect(packed.sum.length).toBe(0); // moved: detached here
    expect(distinct.groups.length).toBe(2); // cloned: still here
    const states = got.partial!.states as [typeof packed, Float64Array, typeof distinct, number[]];
    expect(Array.from(states[0].sum)).toEqual([150, -3]);
    expect(Array.from(states[0].count)).toEqual([1, 2]);
    expect(Array.from(states[1])).toEqual([4, 5]);
    expect(Array.from(states[2].values)).toEqual([7, 8]);
    expect(states[3]).toEqual([1, 2]);
    expect(Array.from(got.batches[0]!.columns[0]!.data as Int32Array)).toEqual([1, 0]);
  });
});
