/**
 * How the emulated catalogs' PostgreSQL column types are represented in Pier: oid, regclass, regtype,
 * regnamespace, regrole are int8 datums tagged with their type (wire OIDs 26, 2205, …; common/types.ts
 * `oidType`), regproc is the function's name (text tagged `regName`, wire OID 24), oid[] / oidvector / regtype[]
 * arrays of tagged OIDs; xid is bigint; name, "char", pg_node_tree and the information_schema domains are text;
 * int2vector is smallint[], aclitem[] is text[].
 */
import type { Datum } from '../../common/datum.js';
import { arrayType, T, type Field, type OidTypeName, type SqlType } from '../../common/types.js';

/** The SqlType of an OID-valued PostgreSQL type (regproc is its name: text). */
export function oidSqlType(name: OidTypeName): SqlType {
  return name === 'regproc' ? { kind: 'text', regName: 'regproc' } : { kind: 'int8', oidType: name };
}
export const OID_T = oidSqlType('oid');
export const OIDVECTOR_T: SqlType = { kind: 'array', element: OID_T, oidvector: true };

const TEXT_ARR = arrayType(T.text);

export function systemColumnType(pgType: string): SqlType {
  switch (pgType) {
    case 'oid': case 'regclass': case 'regtype': case 'regnamespace': case 'regrole': case 'regproc': return oidSqlType(pgType);
    case 'xid': return T.int8;
    case 'boolean': return T.bool;
    case 'smallint': return T.int2;
    case 'integer': case 'cardinal_number': return T.int4;
    case 'bigint': return T.int8;
    case 'real': return T.float4;
    case 'double precision': return T.float8;
    case 'timestamp with time zone': case 'time_stamp': return T.timestamptz;
    case 'interval': return T.interval;
    case 'oid[]': case 'regtype[]': return arrayType(OID_T);
    case 'oidvector': return OIDVECTOR_T;
    case 'int2vector': case 'smallint[]': return arrayType(T.int2);
    case 'real[]': return arrayType(T.float4);
    case 'text[]': case 'aclitem[]': case '"char"[]': case 'anyarray': case 'pg_statistic[]': return TEXT_ARR;
    default: return T.text;
  }
}

/** `name:type,name:type` (columns.ts) → fields */
export function parseColumns(spec: string): Field[] {
  return spec.split(',').map((c) => {
    const i = c.indexOf(':');
    return { name: c.slice(0, i), type: systemColumnType(c.slice(i + 1)), nullable: true };
  });
}

/** A JS value as the datum of `type` (numbers into bigints for bigint columns, booleans kept, undefined → null). */
export function toDatum(type: SqlType, v: unknown): Datum {
  if (v === undefined || v === null) return null;
  switch (type.kind) {
    case 'int8': case 'timestamptz': case 'timestamp': return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'array': return (v as unknown[]).map((x) => toDatum(type.element, x));
    case 'text': return typeof v === 'string' ? v : String(v);
    default: return v as Datum;
  }
}
