/**
 * Per-column statistics the cardinality estimator carries through a plan: distinct values now (`ndv`),
 * distinct values of the base column (`domain`, kept through filters and joins, for key containment),
 * numeric range (dates as days, timestamps as µs, decimals as floats) and the NULL fraction.
 */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { ScanFile, ScanSource } from '../../logical/nodes.js';

export interface ColumnStats {
  readonly ndv: number;
  readonly domain: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly nullFrac: number;
  /** integer-valued (ints, dates): a range [a, b] holds b − a + 1 values */
  readonly discrete?: boolean;
  /** the scan the column comes from (an id) and that scan's unfiltered row count: bounds composite keys */
  readonly source?: number;
  readonly baseRows?: number;
}

export interface Estimate {
  readonly rows: number;
  /** one entry per output column; null = nothing known */
  readonly cols: readonly (ColumnStats | null)[];
}

/** rows assumed for a file without stats */
export const UNKNOWN_FILE_ROWS = 1000;

/** A datum as a number on its type's natural scale, or null when it has none (text, intervals, …). */
export function datumNumber(d: Datum | undefined): number | null {
  if (d === null || d === undefined) return null;
  if (typeof d === 'number') return Number.isFinite(d) ? d : null;
  if (typeof d === 'bigint') return Number(d);
  if (typeof d === 'object' && !Array.isArray(d) && 'unscaled' in d) {
    if (d.special) return null;
    return Number(d.unscaled) / 10 ** d.scale;
  }
  return null;
}

/** Types whose values are integers on their numeric scale (NDV ≤ max − min + 1). */
export function isDiscrete(t: SqlType): boolean {
  return t.kind === 'int2' || t.kind === 'int4' || t.kind === 'int8' || t.kind === 'date';
}

/** Distinct values guessed for a column without a usable range: fewer than rows, more than a few. */
export function guessNdv(rows: number): number {
  return Math.max(1, Math.min(rows, Math.round(Math.max(10, Math.sqrt(rows)))));
}

export function clampStats(s: ColumnStats | null, rows: number): ColumnStats | null {
  if (s === null) return null;
  const ndv = Math.max(1, Math.min(s.ndv, rows));
  return ndv === s.ndv ? s : { ...s, ndv };
}

/** Statistics of the scan's output columns from the Delta file stats (numRecords, min, max, nullCount). */
let nextSourceId = 1;

export function scanColumnStats(source: ScanSource, columns: readonly number[], files: readonly ScanFile[], rows: number): (ColumnStats | null)[] {
  const id = nextSourceId++;
  return columns.map((c) => {
    const field = source.fields[c]!;
    const name = field.name;
    if (source.partitionColumns.includes(name)) {
      const values = new Set(files.map((f) => String(f.partitionValues[name] ?? null)));
      const nums = files.map((f) => datumNumber(f.partitionValues[name])).filter((x): x is number => x !== null);
      const ndv = Math.max(1, values.size);
      return { ndv, domain: ndv, min: nums.length ? Math.min(...nums) : null, max: nums.length ? Math.max(...nums) : null, nullFrac: 0, source: id, baseRows: rows };
    }
    let min: number | null = null;
    let max: number | null = null;
    let rangeKnown = files.length > 0;
    let nulls = 0;
    let nullsKnown = files.length > 0;
    const text = new TextRange(files.length > 0);
    for (const f of files) {
      text.add(f.min?.[name], f.max?.[name]);
      const lo = datumNumber(f.min?.[name]);
      const hi = datumNumber(f.max?.[name]);
      if (lo === null || hi === null) rangeKnown = false;
      else {
        min = min === null ? lo : Math.min(min, lo);
        max = max === null ? hi : Math.max(max, hi);
      }
      const n = f.nullCount?.[name];
      if (n === undefined) nullsKnown = false;
      else nulls += n;
    }
    const nullFrac = nullsKnown && rows > 0 ? Math.min(1, nulls / rows) : 0;
    const nonNull = Math.max(1, rows * (1 - nullFrac));
    if (!rangeKnown) { min = null; max = null; }
    let ndv: number;
    if (min !== null && max !== null && isDiscrete(field.type)) ndv = Math.min(nonNull, max - min + 1);
    else if (min !== null && max !== null && min === max) ndv = 1;
    else if (min !== null && field.type.kind !== 'numeric') ndv = nonNull; // floats: assume mostly distinct
    else ndv = Math.min(guessNdv(nonNull), text.ndvBound());
    ndv = Math.max(1, ndv);
    return { ndv, domain: ndv, min, max, nullFrac, discrete: isDiscrete(field.type), source: id, baseRows: rows };
  });
}

/**
 * The smallest and largest text value over all files' stats. When both are one character long the column is
 * taken to hold one-character codes (flags, statuses), so it has at most as many distinct values as code points
 * between them: `l_returnflag` between 'A' and 'R' has ≤ 18, not √rows.
 */
class TextRange {
  private lo: string | null = null;
  private hi: string | null = null;
  constructor(private known: boolean) {}

  add(min: Datum | undefined, max: Datum | undefined): void {
    if (typeof min !== 'string' || typeof max !== 'string') { this.known = false; return; }
    if (this.lo === null || min < this.lo) this.lo = min;
    if (this.hi === null || max > this.hi) this.hi = max;
  }

  ndvBound(): number {
    if (!this.known || this.lo === null || this.hi === null) return Infinity;
    if ([...this.lo].length !== 1 || [...this.hi].length !== 1) return Infinity;
    return this.hi.codePointAt(0)! - this.lo.codePointAt(0)! + 1;
  }
}

/** The column an expression reads as is (through casts), or null. */
export function plainColumn(e: BoundExpr): number | null {
  if (e.kind === 'column') return e.index;
  if (e.kind === 'cast') return plainColumn(e.arg);
  return null;
}
