/**
 * Row-group skipping from Parquet footer statistics: a row group whose min/max (or all-NULL count) proves
 * that the scan's filter is never TRUE on it is not decoded. Conservative: only `column <op> constant`
 * conjuncts (either side) on int / date / float / text columns are used; anything else keeps the row group.
 */
import type { Datum } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { ParquetColumnStats, ParquetRowGroupMeta, StatValue } from '../../storage/parquet/read.js';

type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';
const FLIP: Record<Op, Op> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** A comparable JS value of a footer statistic for a column of type t, or null when not usable. */
function statValue(v: StatValue | null, t: SqlType): number | string | null {
  if (v === null) return null;
  switch (t.kind) {
    case 'int2': case 'int4': case 'float4': case 'float8':
      return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
    case 'int8':
      return typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
    case 'date':
      if (v instanceof Date) { const ms = v.getTime(); return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : null; }
      return typeof v === 'number' ? v : null;
    case 'text': case 'varchar':
      return typeof v === 'string' ? v : null;
    default:
      return null;
  }
}

function constValue(d: Datum, t: SqlType): number | string | null {
  if (d === null) return null;
  switch (t.kind) {
    case 'int2': case 'int4': case 'float4': case 'float8': case 'date': return typeof d === 'number' && !Number.isNaN(d) ? d : null;
    case 'int8': return typeof d === 'bigint' && d <= BigInt(Number.MAX_SAFE_INTEGER) && d >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(d) : null;
    case 'text': case 'varchar': return typeof d === 'string' ? d : null;
    default: return null;
  }
}

/** Code-point order (what Parquet's byte-wise UTF-8 statistics follow) for strings, numeric order otherwise. */
function cmp(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = String(a), y = String(b);
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x.codePointAt(i)!, q = y.codePointAt(i)!;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length < y.length ? -1 : 1;
}

/** False when the conjunct `col op c` cannot hold for any row given the column's stats. */
function compareMayHold(op: Op, s: ParquetColumnStats, t: SqlType, c: number | string, rows: number): boolean {
  if (s.nullCount !== null && s.nullCount >= rows) return false; // every value NULL: a comparison is never TRUE
  // float columns: NaN sorts above everything in PostgreSQL but not in Parquet stats
  if (t.kind === 'float4' || t.kind === 'float8') return true;
  const min = statValue(s.min, t), max = statValue(s.max, t);
  if (min === null || max === null || typeof min !== typeof c) return true;
  switch (op) {
    case '=': return cmp(min, c) <= 0 && cmp(max, c) >= 0;
    case '<>': return !(cmp(min, c) === 0 && cmp(max, c) === 0);
    case '<': return cmp(min, c) < 0;
    case '<=': return cmp(min, c) <= 0;
    case '>': return cmp(max, c) > 0;
    case '>=': return cmp(max, c) >= 0;
  }
}

/**
 * Whether some row of the row group may satisfy `filter` (over the scan's output columns, whose file column
 * names are `columnNames`; partition columns have no stats and never prune here).
 */
export function rowGroupMayMatch(filter: BoundExpr | null, columnNames: readonly string[], rg: ParquetRowGroupMeta): boolean {
  if (filter === null) return true;
  switch (filter.kind) {
    case 'and': return filter.args.every((a) => rowGroupMayMatch(a, columnNames, rg));
    case 'const': return !(filter.value === false || filter.value === null);
    case 'compare': {
      let col = filter.left, k = filter.right, op: Op = filter.op;
      if (col.kind !== 'column') { col = filter.right; k = filter.left; op = FLIP[op]; }
      if (col.kind !== 'column' || k.kind !== 'const') return true;
      if (k.value === null) return false; // comparison with NULL is never TRUE
      const name = columnNames[col.index];
      const s = name === undefined ? undefined : rg.columns[name];
      if (s === undefined) return true;
      if (col.type.kind !== k.type.kind) return true;
      const c = constValue(k.value, k.type);
      if (c === null) return true;
      return compareMayHold(op, s, col.type, c, rg.numRows);
    }
    default: return true;
  }
}
