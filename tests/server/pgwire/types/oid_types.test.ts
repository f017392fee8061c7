/** oid, oid[] and oidvector codecs: PostgreSQL's oidsend/oidrecv (4-byte unsigned), array_send, oidvectorout. */
import { describe, expect, it } from 'vitest';
import { decodeBinary, decodeText, encodeBinary, encodeText } from '../../../../server/pgwire/types/index.js';
import { arrayType, formatType, typeFromOid, typeLen, typeOid, type SqlType } from '../../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../../common/values/context.js';

const OID: SqlType = { kind: 'int8', oidType: 'oid' };
const OIDVECTOR: SqlType = { kind: 'array', element: OID, oidvector: true };
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('oid codecs', () => {
  it('sends and receives oid as a 4-byte unsigned integer', () => {
    expect(hex(encodeBinary(OID, 4294967295n))).toBe('ffffffff');
    expect(hex(encodeBinary(OID, 23n))).toBe('00000017');
    expect(decodeBinary(OID, Uint8Array.from([0xff, 0xff, 0xff, 0xfe]))).toBe(4294967294n);
    expect(() => decodeBinary(OID, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]))).toThrow(/incorrect binary data format for type oid/);
  });

  it('oid[] is array_send of 4-byte elements with element type 26', () => {
    const bytes = encodeBinary(arrayType(OID), [1n, null]);
    // ndim 1, has nulls, element oid 26, 2 elements from 1, then 1 (len 4) and NULL (len -1)
    expect(hex(bytes)).toBe('00000001' + '00000001' + '0000001a' + '00000002' + '00000001' + '00000004' + '00000001' + 'ffffffff');
    expect(decodeBinary(arrayType(OID), bytes)).toEqual([1n, null]);
  });

  it('prints and reads oidvector as space-separated OIDs', () => {
    expect(encodeText(OIDVECTOR, [25n, 23n], DEFAULT_VALUE_CONTEXT)).toBe('25 23');
    expect(encodeText(OIDVECTOR, [], DEFAULT_VALUE_CONTEXT)).toBe('');
    expect(decodeText(OIDVECTOR, ' 25  23 ', DEFAULT_VALUE_CONTEXT)).toEqual([25n, 23n]);
  });

  it('maps the OID-valued types to their PostgreSQL OIDs, names and lengths', () => {
    const types: [SqlType, number, string, number][] = [
      [OID, 26, 'oid', 4], [{ kind: 'int8', oidType: 'regclass' }, 2205, 'regclass', 4], [{ kind: 'int8', oidType: 'regtype' }, 2206, 'regtype', 4],
      [{ kind: 'text', regName: 'regproc' }, 24, 'regproc', 4], [{ kind: 'int8', oidType: 'regnamespace' }, 4089, 'regnamespace', 4],
      [arrayType(OID), 1028, 'oid[]', -1], [OIDVECTOR, 30, 'oidvector', -1],
    ];
    for (const [t, oid, name, len] of types) {
      expect([typeOid(t), formatType(t), typeLen(t)]).toEqual([oid, name, len]);
      expect(typeFromOid(oid)).toEqual(t);
    }
  });
});
