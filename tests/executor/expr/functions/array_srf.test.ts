import { describe, expect, it } from 'vitest';
import type { Datum } from '../../../../common/datum.js';
import { T, arrayType, typeFromOid, typeOid } from '../../../../common/types.js';
import { DEFAULT_VALUE_CONTEXT } from '../../../../common/values/context.js';
import { formatDatum, parseDatum } from '../../../../common/values/text_io.js';
import { evaluateConstant } from '../../../../executor/expr/compile.js';
import { srfRows } from '../../../../executor/expr/functions/srf.js';
import type { BoundExpr } from '../../../../planner/bind/expr/bound_expr.js';
import { decodeBinary, encodeBinary } from '../../../../server/pgwire/types/binary.js';

const ctx = { values: DEFAULT_VALUE_CONTEXT, params: [], statementTime: 0n };
const intArr = arrayType(T.int4);
const textArr = arrayType(T.text);
const c = (value: Datum, type = T.int4): BoundExpr => ({ kind: 'const', value, type });

describe('array values', () => {
  it('OIDs of array types', () => {
    expect(typeOid(intArr)).toBe(1007);
    expect(typeOid(textArr)).toBe(1009);
    expect(typeOid(arrayType(T.numeric))).toBe(1231);
    expect(typeFromOid(1016)).toEqual(arrayType(T.int8));
  });
  it('text output quotes as array_out does', () => {
    expect(formatDatum(intArr, [1, null, 3], DEFAULT_VALUE_CONTEXT)).toBe('{1,NULL,3}');
    expect(formatDatum(textArr, ['a b', '', 'NULL', 'x"y', 'p\\q', 'ok'], DEFAULT_VALUE_CONTEXT)).toBe('{"a b","","NULL","x\\"y","p\\\\q",ok}');
    expect(formatDatum(arrayType(T.bool), [true, false], DEFAULT_VALUE_CONTEXT)).toBe('{t,f}');
  });
  it('text input parses quotes, NULL and rejects malformed literals', () => {
    expect(parseDatum(textArr, '{"a b", NULL, "NULL", x}', DEFAULT_VALUE_CONTEXT)).toEqual(['a b', null, 'NULL', 'x']);
    expect(parseDatum(intArr, '{}', DEFAULT_VALUE_CONTEXT)).toEqual([]);
    expect(() => parseDatum(intArr, '{1,2', DEFAULT_VALUE_CONTEXT)).toThrow('malformed array literal');
    expect(() => parseDatum(intArr, '{a}', DEFAULT_VALUE_CONTEXT)).toThrow('invalid input syntax for type integer');
  });
  it('binary format round-trips (array_send layout)', () => {
    const bytes = encodeBinary(intArr, [1, null, 3]);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([dv.getInt32(0), dv.getInt32(4), dv.getInt32(8), dv.getInt32(12), dv.getInt32(16)]).toEqual([1, 1, 23, 3, 1]);
    expect(decodeBinary(intArr, bytes)).toEqual([1, null, 3]);
    expect(decodeBinary(textArr, encodeBinary(textArr, []))).toEqual([]);
  });
  it('subscripts, ANY/ALL three-valued logic', () => {
    expect(evaluateConstant({ kind: 'call', fn: 'array_subscript', args: [c([10, 20], intArr), c(2)], type: T.int4 }, ctx)).toBe(20);
    expect(evaluateConstant({ kind: 'call', fn: 'array_subscript', args: [c([10, 20], intArr), c(3)], type: T.int4 }, ctx)).toBe(null);
    const any = (x: Datum, arr: Datum) => evaluateConstant({ kind: 'call', fn: 'array_any:=', args: [c(x), c(arr, intArr)], type: T.bool }, ctx);
    expect(any(2, [1, 2])).toBe(true);
    expect(any(3, [1, null])).toBe(null);
    expect(any(3, [])).toBe(false);
    expect(evaluateConstant({ kind: 'call', fn: 'array_all:<>', args: [c(3), c([1, 2], intArr)], type: T.bool }, ctx)).toBe(true);
  });
});

describe('set-returning functions', () => {
  const rows = (fn: string, args: Datum[], types: typeof T.int4[] | import('../../../../common/types.js').SqlType[]) => [...srfRows(fn, args, types, DEFAULT_VALUE_CONTEXT)].map((r) => r[0]);
  it('generate_series over int, bigint, numeric, timestamps', () => {
    expect(rows('generate_series', [1, 7, 3], [T.int4, T.int4, T.int4])).toEqual([1, 4, 7]);
    expect(rows('generate_series', [3n, 1n], [T.int8, T.int8])).toEqual([]);
    expect(rows('generate_series', [{ unscaled: 15n, scale: 1 }, { unscaled: 2n, scale: 0 }, { unscaled: 5n, scale: 1 }], [T.numeric, T.numeric, T.numeric]))
      .toEqual([{ unscaled: 15n, scale: 1 }, { unscaled: 20n, scale: 1 }]);
    const day = 86400000000n;
    expect(rows('generate_series', [0n, 2n * day, { months: 0, days: 1, micros: 0n }], [T.timestamp, T.timestamp, T.interval])).toEqual([0n, day, 2n * day]);
    expect(() => rows('generate_series', [1, 2, 0], [T.int4, T.int4, T.int4])).toThrow('step size cannot equal zero');
  });
  it('unnest keeps NULL elements; NULL arguments give no rows', () => {
    expect(rows('unnest', [[1, null]], [intArr])).toEqual([1, null]);
    expect(rows('unnest', [null], [intArr])).toEqual([]);
    expect(rows('generate_series', [1, null], [T.int4, T.int4])).toEqual([]);
  });
});
