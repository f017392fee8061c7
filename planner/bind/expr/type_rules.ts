/**
 * PostgreSQL type categories, preferred types and the implicit-cast graph (pg_cast castcontext 'i')
 * for the types Pier knows. Used by operator/function resolution and select_common_type.
 */
import type { SqlType, SqlTypeKind } from '../../../common/types.js';
import { T, assertNever } from '../../../common/types.js';

export type TypeCategory = 'B' | 'N' | 'S' | 'D' | 'T' | 'X' | 'A' | 'U';

export function typeCategory(t: SqlType): TypeCategory {
  switch (t.kind) {
    case 'bool': return 'B';
    case 'int2': case 'int4': case 'int8': case 'float4': case 'float8': case 'numeric': return 'N';
    case 'text': case 'varchar': case 'bpchar': return 'S';
    case 'date': case 'timestamp': case 'timestamptz': return 'D';
    case 'interval': return 'T';
    case 'unknown': return 'X';
    case 'array': return 'A';
    case 'bytea': case 'json': case 'jsonb': return 'U';
    default: return assertNever(t);
  }
}

export function isPreferredType(t: SqlType): boolean {
  return t.kind === 'float8' || t.kind === 'text' || t.kind === 'timestamptz' || t.kind === 'interval' || t.kind === 'bool';
}

const IMPLICIT: Partial<Record<SqlTypeKind, readonly SqlTypeKind[]>> = {
  int2: ['int4', 'int8', 'float4', 'float8', 'numeric'],
  int4: ['int8', 'float4', 'float8', 'numeric'],
  int8: ['float4', 'float8', 'numeric'],
  float4: ['float8'],
  numeric: ['float4', 'float8'],
  text: ['varchar', 'bpchar'],
  varchar: ['text', 'bpchar'],
  bpchar: ['text', 'varchar'],
  date: ['timestamp', 'timestamptz'],
  timestamp: ['timestamptz'],
};

/** Can a value of `from` be implicitly coerced to `to` (same kind, an implicit pg_cast, or unknown)? */
export function canImplicitlyCast(from: SqlType, to: SqlType): boolean {
  if (from.kind === to.kind) return true;
  if (from.kind === 'unknown') return true;
  return IMPLICIT[from.kind]?.includes(to.kind) ?? false;
}

const NUM_RANK: Partial<Record<SqlTypeKind, number>> = { int2: 1, int4: 2, int8: 3, numeric: 4, float4: 5, float8: 6 };

/** Result type of mixing two numeric-category types in arithmetic (matches PostgreSQL's operator choice). */
export function numericPromote(a: SqlType, b: SqlType): SqlType {
  const fa = a.kind === 'float4' || a.kind === 'float8';
  const fb = b.kind === 'float4' || b.kind === 'float8';
  if (fa || fb) return a.kind === 'float4' && b.kind === 'float4' ? T.float4 : T.float8;
  const ra = NUM_RANK[a.kind] ?? 0;
  const rb = NUM_RANK[b.kind] ?? 0;
  const w = ra >= rb ? a : b;
  if (w.kind === 'numeric') return T.numeric;
  return w;
}

/** Base type for resolution: varchar/bpchar act as text for operators and functions. */
export function baseKind(t: SqlType): SqlTypeKind {
  return t.kind === 'varchar' || t.kind === 'bpchar' ? 'text' : t.kind;
}
