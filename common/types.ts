/**
 * SQL types as Pier knows them. Every layer above storage speaks these.
 * The JS representation of a value of each type (a Datum) is fixed here and in datum.ts,
 * and the column representation in vector.ts.
 */

export type SqlType =
  | { readonly kind: 'bool' }
  | { readonly kind: 'int2' }
  | { readonly kind: 'int4' }
  /** oidType: an OID-valued PostgreSQL type (oid, regclass, …) held as an int8 datum (see oidTypeName) */
  | { readonly kind: 'int8'; readonly oidType?: OidTypeName }
  | { readonly kind: 'float4' }
  | { readonly kind: 'float8' }
  /** precision/scale null = unconstrained `numeric` */
  | { readonly kind: 'numeric'; readonly precision: number | null; readonly scale: number | null }
  /** regName: a reg* value as the name its output function prints (wire type the reg type; see oidTypeName) */
  | { readonly kind: 'text'; readonly regName?: OidTypeName }
  /** length null = `varchar` without limit */
  | { readonly kind: 'varchar'; readonly length: number | null }
  | { readonly kind: 'bpchar'; readonly length: number | null }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'timestamptz' }
  | { readonly kind: 'interval' }
  /** binary string; datum: a "byte string" (one char per byte, codes 0–255) */
  | { readonly kind: 'bytea' }
  /** JSON text as entered (validated); datum: string */
  | { readonly kind: 'json' }
  /** JSON normalised as PostgreSQL prints jsonb; datum: string (see common/values/json_*.ts) */
  | { readonly kind: 'jsonb' }
  /** an untyped string literal or NULL whose type is not resolved yet (PostgreSQL's `unknown`) */
  | { readonly kind: 'unknown' }
  /** one-dimensional array of `element` (never itself an array); datum: readonly Datum[] */
  | { readonly kind: 'array'; readonly element: SqlType; readonly oidvector?: true };

/** PostgreSQL's OID-valued types (see int8.oidType). */
export type OidTypeName = 'oid' | 'regclass' | 'regtype' | 'regproc' | 'regnamespace' | 'regrole';

export type SqlTypeKind = SqlType['kind'];

export const T = {
  bool: { kind: 'bool' },
  int2: { kind: 'int2' },
  int4: { kind: 'int4' },
  int8: { kind: 'int8' },
  float4: { kind: 'float4' },
  float8: { kind: 'float8' },
  numeric: { kind: 'numeric', precision: null, scale: null },
  text: { kind: 'text' },
  varchar: { kind: 'varchar', length: null },
  date: { kind: 'date' },
  timestamp: { kind: 'timestamp' },
  timestamptz: { kind: 'timestamptz' },
  interval: { kind: 'interval' },
  bytea: { kind: 'bytea' },
  json: { kind: 'json' },
  jsonb: { kind: 'jsonb' },
  unknown: { kind: 'unknown' },
} as const satisfies Record<string, SqlType>;

export function numericType(precision: number | null, scale: number | null): SqlType {
  return { kind: 'numeric', precision, scale };
}

/** A named, typed column of a relation or of a result set. */
export interface Field {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
}

/** PostgreSQL type OIDs (pg_type.oid) of the types above. */
export const TYPE_OID = {
  bool: 16,
  int2: 21,
  int4: 23,
  int8: 20,
  float4: 700,
  float8: 701,
  numeric: 1700,
  text: 25,
  varchar: 1043,
  bpchar: 1042,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  bytea: 17,
  json: 114,
  jsonb: 3802,
  unknown: 705,
  /** anyarray; a concrete array type's OID is ARRAY_OID[element kind] */
  array: 2277,
} as const satisfies Record<SqlTypeKind, number>;

/** pg_type.typarray of each element type (array type OIDs). */
export const ARRAY_OID: Partial<Record<SqlTypeKind, number>> = {
  bool: 1000, int2: 1005, int4: 1007, int8: 1016, float4: 1021, float8: 1022, numeric: 1231, text: 1009,
  varchar: 1015, bpchar: 1014, date: 1182, timestamp: 1115, timestamptz: 1185, interval: 1187, unknown: 1009,
  bytea: 1001, json: 199, jsonb: 3807,
};

export function arrayType(element: SqlType): SqlType {
  return { kind: 'array', element };
}

export function typeOid(t: SqlType): number {
  const special = oidTypeOid(t);
  if (special !== null) return special;
  if (t.kind === 'array') return ARRAY_OID[t.element.kind] ?? TYPE_OID.array;
  return TYPE_OID[t.kind];
}

/** The type for a PostgreSQL type OID, or null when Pier has no such type. */
export function typeFromOid(oid: number): SqlType | null {
  const special = oidTypeFromOid(oid);
  if (special !== null) return special;
  for (const [k, v] of Object.entries(ARRAY_OID)) {
    if (v === oid && k !== 'unknown') return arrayType(typeFromOid(TYPE_OID[k as SqlTypeKind])!);
  }
  for (const [k, v] of Object.entries(TYPE_OID)) {
    if (v === oid && k !== 'array') {
      const kind = k as SqlTypeKind;
      if (kind === 'numeric') return T.numeric;
      if (kind === 'varchar') return T.varchar;
      if (kind === 'bpchar') return { kind: 'bpchar', length: null };
      return { kind } as SqlType;
    }
  }
  return null;
}

/** pg_type.typlen of each type (RowDescription's data type size). */
export function typeLen(t: SqlType): number {
  if (oidTypeName(t) !== null) return 4;
  switch (t.kind) {
    case 'bool': return 1;
    case 'int2': return 2;
    case 'int4': case 'float4': case 'date': return 4;
    case 'int8': case 'float8': case 'timestamp': case 'timestamptz': return 8;
    case 'interval': return 16;
    case 'unknown': return -2;
    case 'numeric': case 'text': case 'varchar': case 'bpchar': case 'array': return -1;
    case 'bytea': case 'json': case 'jsonb': return -1;
    default: return assertNever(t);
  }
}

/** atttypmod as PostgreSQL stores it (RowDescription's type modifier); -1 when none. */
export function typeMod(t: SqlType): number {
  switch (t.kind) {
    case 'numeric':
      return t.precision === null ? -1 : ((t.precision << 16) | (t.scale ?? 0)) + 4;
    case 'varchar': case 'bpchar':
      return t.length === null ? -1 : t.length + 4;
    default:
      return -1;
  }
}

/** The name PostgreSQL's format_type() prints, e.g. `numeric(12,2)`, `timestamp without time zone`. */
export function formatType(t: SqlType): string {
  const special = oidTypeFormat(t);
  if (special !== null) return special;
  switch (t.kind) {
    case 'bool': return 'boolean';
    case 'int2': return 'smallint';
    case 'int4': return 'integer';
    case 'int8': return 'bigint';
    case 'float4': return 'real';
    case 'float8': return 'double precision';
    case 'numeric': return t.precision === null ? 'numeric' : `numeric(${t.precision},${t.scale ?? 0})`;
    case 'text': return 'text';
    case 'varchar': return t.length === null ? 'character varying' : `character varying(${t.length})`;
    case 'bpchar': return t.length === null ? 'bpchar' : `character(${t.length})`;
    case 'date': return 'date';
    case 'timestamp': return 'timestamp without time zone';
    case 'timestamptz': return 'timestamp with time zone';
    case 'interval': return 'interval';
    case 'bytea': return 'bytea';
    case 'json': return 'json';
    case 'jsonb': return 'jsonb';
    case 'unknown': return 'unknown';
    case 'array': return `${formatType(t.element)}[]`;
    default: return assertNever(t);
  }
}

export function typesEqual(a: SqlType, b: SqlType): boolean {
  if (a.kind !== b.kind) return false;
  if (!oidTagsEqual(a, b)) return false;
  if (a.kind === 'numeric' && b.kind === 'numeric') return a.precision === b.precision && a.scale === b.scale;
  if ((a.kind === 'varchar' || a.kind === 'bpchar') && (b.kind === 'varchar' || b.kind === 'bpchar')) return a.length === b.length;
  if (a.kind === 'array' && b.kind === 'array') return typesEqual(a.element, b.element);
  return true;
}

export function isStringType(t: SqlType): boolean {
  return t.kind === 'text' || t.kind === 'varchar' || t.kind === 'bpchar' || t.kind === 'unknown';
}

export function isNumericCategory(t: SqlType): boolean {
  return t.kind === 'int2' || t.kind === 'int4' || t.kind === 'int8' || t.kind === 'float4' || t.kind === 'float8' || t.kind === 'numeric';
}

/** The OID-valued type a type is tagged with (int8.oidType / text.regName), or null. */
export function oidTypeName(t: SqlType): OidTypeName | null {
  if (t.kind === 'int8') return t.oidType ?? null;
  if (t.kind === 'text') return t.regName ?? null;
  return null;
}

const OID_TYPE_OIDS: Readonly<Record<OidTypeName, readonly [number, number]>> = {
  oid: [26, 1028], regclass: [2205, 2210], regtype: [2206, 2211], regproc: [24, 1008], regnamespace: [4089, 4090], regrole: [4096, 4097],
};
const OIDVECTOR_OID = 30;

function oidTypeOid(t: SqlType): number | null {
  if (t.kind === 'array') {
    if (t.oidvector === true) return OIDVECTOR_OID;
    const e = oidTypeName(t.element);
    return e === null ? null : OID_TYPE_OIDS[e][1];
  }
  const n = oidTypeName(t);
  return n === null ? null : OID_TYPE_OIDS[n][0];
}

function oidTypeFromOid(oid: number): SqlType | null {
  if (oid === OIDVECTOR_OID) return { kind: 'array', element: { kind: 'int8', oidType: 'oid' }, oidvector: true };
  for (const [name, [scalar, array]] of Object.entries(OID_TYPE_OIDS) as [OidTypeName, readonly [number, number]][]) {
    const element: SqlType = name === 'regproc' ? { kind: 'text', regName: name } : { kind: 'int8', oidType: name };
    if (oid === scalar) return element;
    if (oid === array) return arrayType(element);
  }
  return null;
}

function oidTypeFormat(t: SqlType): string | null {
  if (t.kind === 'array' && t.oidvector === true) return 'oidvector';
  return oidTypeName(t);
}

function oidTagsEqual(a: SqlType, b: SqlType): boolean {
  if (oidTypeName(a) !== oidTypeName(b)) return false;
  return a.kind !== 'array' || b.kind !== 'array' || a.oidvector === b.oidvector;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
