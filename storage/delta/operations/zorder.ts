/**
 * Z-order: rows sorted by a Z-value built by interleaving the bits of each column's order-preserving rank.
 * A column's rank is the position of the row's value among the sorted distinct values (NULL first, rank 0);
 * when a column has more distinct values than its share of the 64 Z-value bits can tell apart, ranks are
 * range-partitioned into equal buckets. Interleaving keeps rows close in every column close in the order, so
 * after the sorted rows are cut into files each file covers a small box of the columns' space (file skipping
 * by min/max then works for predicates on any of the columns).
 */
import type { Table } from 'apache-arrow';
import { type ArrowScalar, vectorValues } from '../../arrow/values.js';
import { compareCodePoints } from '../stats.js';

/** Bits of the Z-value (a non-negative bigint). */
export const ZVALUE_BITS = 64;

/** Total order of non-null Arrow scalars of one column. */
export function compareScalars(a: Exclude<ArrowScalar, null>, b: Exclude<ArrowScalar, null>): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'object' && typeof b === 'object') {
    // decimals: bring to a common scale
    const s = Math.max(a.scale, b.scale);
    const x = a.unscaled * 10n ** BigInt(s - a.scale);
    const y = b.unscaled * 10n ** BigInt(s - b.scale);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    // NaN sorts last, as in Spark and PostgreSQL
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * The rank of each value: the position among the sorted distinct values, NULL first (rank 0 when there are
 * NULLs). Returns the ranks and the number of distinct ranks.
 */
export function rankValues(values: readonly ArrowScalar[]): { readonly ranks: Uint32Array; readonly distinct: number } {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== null) order.push(i);
  order.sort((i, j) => compareScalars(values[i] as Exclude<ArrowScalar, null>, values[j] as Exclude<ArrowScalar, null>));
  const ranks = new Uint32Array(values.length);
  const hasNull = order.length < values.length;
  // with NULLs, rank 0 is theirs and values start at 1; without, values start at 0
  let rank = hasNull ? 0 : -1;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (k === 0 || compareScalars(values[order[k - 1]!] as Exclude<ArrowScalar, null>, values[i] as Exclude<ArrowScalar, null>) !== 0) rank++;
    ranks[i] = rank;
  }
  return { ranks, distinct: rank + 1 };
}

/** Map ranks 0..distinct-1 onto `bits` bits: as is when they fit, else into 2^bits equal range buckets. */
export function bucketRanks(ranks: Uint32Array, distinct: number, bits: number): Uint32Array {
  const buckets = 2 ** bits;
  if (distinct <= buckets) return ranks;
  const out = new Uint32Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) out[i] = Math.floor((ranks[i]! * buckets) / distinct);
  return out;
}

/**
 * Interleave the low `bits` bits of each column's value, most significant bit first, column 0 taking the
 * highest bit of each round: (x=0b10, y=0b01, bits 2) → x1 y0 x0 y1 = 0b1001.
 */
export function interleaveBits(columns: readonly Uint32Array[], bits: number, row: number): bigint {
  let z = 0n;
  for (let b = bits - 1; b >= 0; b--) {
    for (const c of columns) z = (z << 1n) | BigInt((c[row]! >>> b) & 1);
  }
  return z;
}

/** Bits per column so that columns × bits ≤ ZVALUE_BITS (and ≤ 31, the width of a rank). */
export function bitsPerColumn(columnCount: number): number {
  return Math.max(1, Math.min(31, Math.floor(ZVALUE_BITS / Math.max(1, columnCount))));
}

/** Z-values of every row of `table` over `columns` (which must be columns of the table). */
export function zValues(table: Table, columns: readonly string[]): bigint[] {
  const bits = bitsPerColumn(columns.length);
  const scaled = columns.map((c) => {
    const vec = table.getChild(c);
    if (vec === null) throw new Error(`Z-order column "${c}" is not in the data`);
    const { ranks, distinct } = rankValues(vectorValues(vec));
    return bucketRanks(ranks, distinct, bits);
  });
  // only as many bits as the widest column needs: keeps the bigints short
  let used = 1;
  for (const s of scaled) for (const r of s) while (r >= 2 ** used && used < bits) used++;
  const out = new Array<bigint>(table.numRows);
  for (let i = 0; i < table.numRows; i++) out[i] = interleaveBits(scaled, used, i);
  return out;
}

/** Row order of `table` by Z-value over `columns` (stable: equal Z-values keep their order). */
export function zOrderPermutation(table: Table, columns: readonly string[]): number[] {
  const z = zValues(table, columns);
  const rows = Array.from({ length: table.numRows }, (_, i) => i);
  rows.sort((a, b) => (z[a]! < z[b]! ? -1 : z[a]! > z[b]! ? 1 : a - b));
  return rows;
}
