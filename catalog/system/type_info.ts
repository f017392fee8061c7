/** Facts about Pier's column types as pg_type / pg_attribute / information_schema.columns report them. */
import { formatType, typeLen, typeMod, typeOid, type SqlType } from '../../common/types.js';
import { BUILTIN_TYPES, type BuiltinTypeRow } from './builtin_types.js';

const BY_OID = new Map<number, BuiltinTypeRow>(BUILTIN_TYPES.map((r) => [r[0], r]));

export function builtinType(oid: number): BuiltinTypeRow | undefined {
  return BY_OID.get(oid);
}

/** Default collation (100) for collatable types, else 0. */
export function collationOf(t: SqlType): number {
  return builtinType(typeOid(t))?.[21] ?? 0;
}

export interface AttributeFacts {
  readonly atttypid: number;
  readonly attlen: number;
  readonly atttypmod: number;
  readonly attbyval: boolean;
  readonly attalign: string;
  readonly attstorage: string;
  readonly attndims: number;
  readonly attcollation: number;
}

export function attributeFacts(t: SqlType): AttributeFacts {
  const oid = typeOid(t);
  const row = builtinType(oid);
  return {
    atttypid: oid, attlen: typeLen(t), atttypmod: typeMod(t), attbyval: row?.[3] ?? false,
    attalign: row?.[18] ?? 'i', attstorage: row?.[19] ?? 'x', attndims: t.kind === 'array' ? 1 : 0, attcollation: collationOf(t),
  };
}

/** information_schema.columns facts of a column type */
export function columnTypeFacts(t: SqlType): Record<string, unknown> {
  const base = t.kind === 'array' ? null : t;
  const dataType = t.kind === 'array' ? 'ARRAY' : t.kind === 'bpchar' ? 'character' : t.kind === 'numeric' ? 'numeric' : formatType(base!).replace(/\(.*\)$/, '');
  const out: Record<string, unknown> = { data_type: dataType, udt_name: builtinType(typeOid(t))?.[1] ?? t.kind };
  switch (t.kind) {
    case 'int2': Object.assign(out, { numeric_precision: 16, numeric_precision_radix: 2, numeric_scale: 0 }); break;
    case 'int4': Object.assign(out, { numeric_precision: 32, numeric_precision_radix: 2, numeric_scale: 0 }); break;
    case 'int8': Object.assign(out, { numeric_precision: 64, numeric_precision_radix: 2, numeric_scale: 0 }); break;
    case 'float4': Object.assign(out, { numeric_precision: 24, numeric_precision_radix: 2 }); break;
    case 'float8': Object.assign(out, { numeric_precision: 53, numeric_precision_radix: 2 }); break;
    case 'numeric': Object.assign(out, { numeric_precision: t.precision, numeric_precision_radix: 10, numeric_scale: t.precision === null ? null : t.scale }); break;
    case 'text': Object.assign(out, { character_octet_length: 1073741824 }); break;
    case 'varchar': case 'bpchar': {
      const n = t.length ?? (t.kind === 'bpchar' ? 1 : null);
      Object.assign(out, { character_maximum_length: n, character_octet_length: n === null ? 1073741824 : n * 4 });
      break;
    }
    case 'date': Object.assign(out, { datetime_precision: 0 }); break;
    case 'timestamp': case 'timestamptz': case 'interval': Object.assign(out, { datetime_precision: 6 }); break;
    default: break;
  }
  return out;
}
