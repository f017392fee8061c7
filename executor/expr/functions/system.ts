/** Pure system functions: format_type(oid, typmod), parse_ident(text [, strict]), pg_size_pretty(bigint). */
import type { Datum } from '../../../common/datum.js';
import { formatType, typeFromOid, type SqlType } from '../../../common/types.js';
import { builtinType } from '../../../catalog/system/type_info.js';
import { parseIdent } from '../../../catalog/system/ident.js';
import type { ScalarImpl } from './registry.js';

/** PostgreSQL's format_type: SQL names with typmods for Pier's types, typname (quoted "char", `[]` for arrays) otherwise. */
export function formatTypeOid(oid: number, typmod: number | null): string {
  if (oid === 0) return '-';
  const t = typeFromOid(oid);
  if (t !== null) return formatType(withTypmod(t, typmod ?? -1));
  const row = builtinType(oid);
  if (row === undefined) return '???';
  if (row[9] !== 0 && row[8] === 'array_subscript_handler' && row[1].startsWith('_')) return `${formatTypeOid(row[9], typmod)}[]`;
  if (row[1] === 'char') return '"char"';
  return row[1];
}

function withTypmod(t: SqlType, typmod: number): SqlType {
  if (t.kind === 'array') return { kind: 'array', element: withTypmod(t.element, typmod) };
  if (typmod < 0) return t.kind === 'bpchar' ? { kind: 'bpchar', length: null } : t;
  if (t.kind === 'numeric') return { kind: 'numeric', precision: ((typmod - 4) >> 16) & 0xffff, scale: (typmod - 4) & 0xffff };
  if (t.kind === 'varchar' || t.kind === 'bpchar') return { ...t, length: typmod - 4 };
  return t;
}

export function prettySize(bytes: bigint): string {
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  const half = (x: bigint): bigint => (x >= 0n ? (x + 1n) / 2n : (x - 1n) / 2n);
  if (abs(bytes) < 10240n) return `${bytes} bytes`;
  let size = bytes >> 9n; // half-kilobytes, one extra bit for rounding
  for (const unit of ['kB', 'MB', 'GB', 'TB']) {
    if (abs(size) < 20479n) return `${half(size)} ${unit}`;
    size >>= 10n;
  }
  return `${half(size)} PB`;
}

export function systemFunction(name: string): ScalarImpl | null {
  switch (name) {
    case 'format_type':
      return { fn: (a: readonly Datum[]) => (a[0] === null ? null : formatTypeOid(Number(a[0]), a[1] === null ? null : Number(a[1]))), strict: false };
    case 'parse_ident':
      return { fn: (a: readonly Datum[]) => parseIdent(a[0] as string, a.length < 2 ? true : (a[1] as boolean)), strict: true };
    case 'pg_size_pretty':
      return { fn: (a: readonly Datum[]) => prettySize(a[0] as bigint), strict: true };
    default:
      return null;
  }
}
