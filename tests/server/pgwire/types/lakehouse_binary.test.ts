/** Binary wire format (send/recv) of bytea, json, jsonb and arrays of them, as PostgreSQL lays them out. */
import { describe, expect, it } from 'vitest';
import { T, arrayType } from '../../../../common/types.js';
import { decodeBinary, encodeBinary } from '../../../../server/pgwire/types/binary.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('binary format', () => {
  it('bytea is the raw bytes', () => {
    expect(hex(encodeBinary(T.bytea, '\u0000\u00ffA'))).toBe('00ff41');
    expect(decodeBinary(T.bytea, Uint8Array.of(0, 255, 65))).toBe('\u0000\u00ffA');
  });

  it('json is UTF-8 text, jsonb a version byte 1 then the text', () => {
    expect(hex(encodeBinary(T.json, '{"a":1}'))).toBe(Buffer.from('{"a":1}').toString('hex'));
    expect(hex(encodeBinary(T.jsonb, '{"a": 1}'))).toBe('01' + Buffer.from('{"a": 1}').toString('hex'));
    expect(decodeBinary(T.jsonb, Uint8Array.of(1, ...Buffer.from('{"b":1,"a":2}')))).toBe('{"a": 2, "b": 1}');
    expect(() => decodeBinary(T.jsonb, Uint8Array.of(2, 0x31))).toThrow(/unsupported jsonb version number 2/);
  });

  it('arrays carry the element OID and each element in its binary form', () => {
    const b = encodeBinary(arrayType(T.bytea), ['\u0001', null]);
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    // ndim 1, has nulls, element OID 17, length 2, lower bound 1, then [len 1, 0x01], [-1]
    expect([dv.getInt32(0), dv.getInt32(4), dv.getInt32(8), dv.getInt32(12), dv.getInt32(16), dv.getInt32(20), b[24], dv.getInt32(25)]).toEqual([1, 1, 17, 2, 1, 1, 1, -1]);
    expect(decodeBinary(arrayType(T.bytea), b)).toEqual(['\u0001', null]);
    const j = encodeBinary(arrayType(T.jsonb), ['{"a": 1}']);
    expect(new DataView(j.buffer, j.byteOffset).getInt32(8)).toBe(3802);
    expect(decodeBinary(arrayType(T.jsonb), j)).toEqual(['{"a": 1}']);
    expect(decodeBinary(arrayType(T.int4), encodeBinary(arrayType(T.int4), [1, null, -3]))).toEqual([1, null, -3]);
  });
});
