/**
 * How the emulated catalogs' PostgreSQL column types are represented in Pier, which has no oid/name/"char"/reg*
 * types: OID-valued types (oid, regclass, regtype, regnamespace, xid) are bigint; name, "char", regproc (the
 * function's name), pg_node_tree and the information_schema domains are text; oidvector / oid[] are bigint[],
 * int2vector is smallint[], aclitem[] is text[].
 */
import type { Datum } from '../../common/datum.js';
import { arrayType, T, type Field, type SqlType } from '../../common/types.js';

const INT8_ARR = arrayType(T.int8);
const TEXT_ARR = arrayType(T.text);

export function systemColumnType(pgType: string): SqlType {
  switch (pgType) {
    case 'oid': case 'regclass': case 'regtype': case 'regnamespace': case 'regrole': case 'xid': return T.int8;
    case 'boolean': return T.bool;
    case 'smallint': return T.int2;
    case 'integer': case 'cardinal_number': return T.int4;
    case 'bigint': return T.int8;
    case 'real': return T.float4;
    case 'double precision': return T.float8;
    case 'timestamp with time zone': case 'time_stamp': return T.timestamptz;
    case 'interval': return T.interval;
    case 'oid[]': case 'oidvector': case 'regtype[]': return INT8_ARR;
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
