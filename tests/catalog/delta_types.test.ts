import { describe, expect, it } from 'vitest';
import { QueryError } from '../../common/errors.js';
import { type Field, type SqlType, T, arrayType, numericType } from '../../common/types.js';
import {
  deltaSchemaToFields, deltaTypeToSql, fieldsToDeltaSchema, parseDecimalText, partitionValueToDatum, sqlTypeToDelta, statsValueToDatum,
} from '../../catalog/delta_types.js';

describe('SqlType ↔ Delta type', () => {
  it('maps every type both ways', () => {
    const cases: [SqlType, string][] = [
      [T.bool, 'boolean'], [T.int2, 'short'], [T.int4, 'integer'], [T.int8, 'long'], [T.float4, 'float'], [T.float8, 'double'],
      [numericType(12, 2), 'decimal(12,2)'], [T.text, 'string'], [T.date, 'date'], [T.timestamptz, 'timestamp'], [T.timestamp, 'timestamp_ntz'],
    ];
    for (const [sql, delta] of cases) {
      expect(sqlTypeToDelta(sql).type).toBe(delta);
      expect(deltaTypeToSql(delta)).toEqual(sql);
    }
    expect(sqlTypeToDelta(T.numeric).type).toBe('decimal(38,18)');
    expect(deltaTypeToSql('byte')).toEqual(T.int2);
  });

  it('keeps varchar(n)/char(n) in column metadata as Spark does', () => {
    const fields: Field[] = [
      { name: 'v', type: { kind: 'varchar', length: 20 }, nullable: true },
      { name: 'c', type: { kind: 'bpchar', length: 3 }, nullable: false },
      { name: 'u', type: T.varchar, nullable: true },
    ];
    const schema = fieldsToDeltaSchema(fields);
    expect(schema.fields[0]).toEqual({ name: 'v', type: 'string', nullable: true, metadata: { __CHAR_VARCHAR_TYPE_STRING: 'varchar(20)' } });
    expect(schema.fields[1]!.metadata).toEqual({ __CHAR_VARCHAR_TYPE_STRING: 'char(3)' });
    expect(deltaSchemaToFields(schema)).toEqual([fields[0], fields[1], { name: 'u', type: T.text, nullable: true }]);
  });

  it('maps binary, arrays, struct and map (read as jsonb) and json(b) metadata', () => {
    expect(deltaTypeToSql('binary')).toEqual(T.bytea);
    expect(deltaTypeToSql({ type: 'array', elementType: 'long', containsNull: true })).toEqual(arrayType(T.int8));
    expect(deltaTypeToSql({ type: 'array', elementType: { type: 'array', elementType: 'long', containsNull: true }, containsNull: true })).toEqual(arrayType(T.jsonb));
    expect(deltaTypeToSql({ type: 'struct', fields: [] })).toEqual(T.jsonb);
    expect(deltaTypeToSql({ type: 'map', keyType: 'string', valueType: 'long', valueContainsNull: true })).toEqual(T.jsonb);
    expect(sqlTypeToDelta(arrayType(T.text))).toEqual({ type: { type: 'array', elementType: 'string', containsNull: true }, metadata: {} });
    const jsonb = sqlTypeToDelta(T.jsonb);
    expect(jsonb).toEqual({ type: 'string', metadata: { 'pier.sqlType': 'jsonb' } });
    expect(deltaTypeToSql(jsonb.type, jsonb.metadata)).toEqual(T.jsonb);
    expect(sqlTypeToDelta(T.bytea).type).toBe('binary');
  });

  it('rejects unknown types and interval with 0A000', () => {
    for (const t of ['void', 'variant']) {
      let err: unknown;
      try { deltaTypeToSql(t, {}, 'x'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(QueryError);
      expect((err as QueryError).sqlstate).toBe('0A000');
      expect((err as QueryError).message).toMatch(/unsupported Delta type/);
    }
    expect(() => sqlTypeToDelta(T.interval)).toThrow(QueryError);
  });
});

describe('partition values and stats values → Datum', () => {
  it('parses Spark partition strings', () => {
    expect(partitionValueToDatum('2024-01-02', T.date)).toBe(19724);
    expect(partitionValueToDatum(null, T.date)).toBeNull();
    expect(partitionValueToDatum('', T.int4)).toBeNull();
    expect(partitionValueToDatum('42', T.int4)).toBe(42);
    expect(partitionValueToDatum('9007199254740993', T.int8)).toBe(9007199254740993n);
    expect(partitionValueToDatum('true', T.bool)).toBe(true);
    expect(partitionValueToDatum('10.5', numericType(12, 2))).toEqual({ unscaled: 1050n, scale: 2 });
    expect(partitionValueToDatum('2024-01-01 10:00:00.5', T.timestamp)).toBe(1704103200500000n);
    expect(partitionValueToDatum('1.0', T.float8)).toBe(1);
    expect(partitionValueToDatum('x y', T.text)).toBe('x y');
    expect(() => partitionValueToDatum('abc', T.int4)).toThrow(QueryError);
  });

  it('parses stats values, keeping timestamp maxima upper bounds', () => {
    expect(statsValueToDatum(3, T.int8)).toBe(3n);
    expect(statsValueToDatum('1208925819614629174706.175', numericType(38, 3))).toEqual({ unscaled: 1208925819614629174706175n, scale: 3 });
    expect(statsValueToDatum(10.5, numericType(12, 2))).toEqual({ unscaled: 105n, scale: 1 });
    expect(statsValueToDatum('2024-01-01T10:00:00.000Z', T.timestamptz, 'min')).toBe(1704103200000000n);
    expect(statsValueToDatum('2024-01-01T10:00:00.000Z', T.timestamptz, 'max')).toBe(1704103200000999n);
    expect(statsValueToDatum('2024-01-01T10:00:00.000', T.timestamp)).toBe(1704103200000000n);
    expect(statsValueToDatum('2024-01-01', T.date)).toBe(19723);
    expect(statsValueToDatum('ann', T.text)).toBe('ann');
    expect(statsValueToDatum({}, T.int4)).toBeNull();
    expect(parseDecimalText('-1.5E-2', 3)).toEqual({ unscaled: -15n, scale: 3 });
    expect(parseDecimalText('2.345', 2)).toEqual({ unscaled: 235n, scale: 2 });
  });
});
