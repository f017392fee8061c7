/**
 * Predicate selectivity over an input Estimate: ranges from min/max (numbers, dates, decimals; the bounds of
 * one column in a conjunction are combined, so BETWEEN is one range), equality = 1/NDV, IN lists, IS NULL from
 * null counts, LIKE prefixes, AND (independence), OR (inclusion–exclusion), NOT; equi-joins by key containment.
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { ColumnStats, Estimate } from './column_stats.js';
import { datumNumber, guessNdv, plainColumn } from './column_stats.js';

export const DEFAULT_SELECTIVITY = 0.25;
const RANGE_DEFAULT = 1 / 3;
const LIKE_PREFIX = 0.05;
const LIKE_OTHER = 0.1;

type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';
const FLIP: Record<Op, Op> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function constNumber(e: BoundExpr): { num: number | null; isNull: boolean } | null {
  if (e.kind === 'const') return { num: datumNumber(e.value), isNull: e.value === null };
  if (e.kind === 'cast') return constNumber(e.arg);
  if (e.kind === 'param') return { num: null, isNull: false };
  return null;
}

/** `col op const` in either order, normalized to column on the left. */
function columnVsConst(e: Extract<BoundExpr, { kind: 'compare' }>): { col: number; op: Op; k: { num: number | null; isNull: boolean } } | null {
  const lc = plainColumn(e.left);
  const rk = constNumber(e.right);
  if (lc !== null && rk !== null) return { col: lc, op: e.op, k: rk };
  const rc = plainColumn(e.right);
  const lk = constNumber(e.left);
  if (rc !== null && lk !== null) return { col: rc, op: FLIP[e.op], k: lk };
  return null;
}

function ndvOf(s: ColumnStats | null | undefined, rows: number): number {
  return Math.max(1, s ? s.ndv : guessNdv(rows));
}

function nonNull(s: ColumnStats | null | undefined): number {
  return s ? 1 - s.nullFrac : 1;
}

/** fraction of the column's range in [lo, hi] (bounds may be null = open) */
function rangeFraction(s: ColumnStats | null | undefined, lo: number | null, hi: number | null): number {
  if (!s || s.min === null || s.max === null) return lo !== null && hi !== null ? 0.1 : RANGE_DEFAULT;
  const width = s.max - s.min;
  const a = Math.max(lo ?? s.min, s.min);
  const b = Math.min(hi ?? s.max, s.max);
  if (b < a) return 0;
  if (width <= 0) return 1;
  if (s.discrete) return (Math.floor(b) - Math.ceil(a) + 1) / (width + 1);
  // discrete columns: a one-value range still holds 1/ndv of the rows
  return Math.max((b - a) / width, 1 / ndvOf(s, 1e12));
}

interface Bounds { lo: number | null; hi: number | null }

export function selectivity(e: BoundExpr, input: Estimate): number {
  const sel = rawSelectivity(e, input);
  return Number.isFinite(sel) ? Math.min(1, Math.max(0, sel)) : DEFAULT_SELECTIVITY;
}

function rawSelectivity(e: BoundExpr, input: Estimate): number {
  const stat = (c: number) => input.cols[c] ?? null;
  switch (e.kind) {
    case 'const':
      return e.value === true ? 1 : 0;
    case 'and':
      return conjunctionSelectivity(e.args, input);
    case 'or': {
      let miss = 1;
      for (const a of e.args) miss *= 1 - selectivity(a, input);
      return 1 - miss;
    }
    case 'not':
      return 1 - selectivity(e.arg, input);
    case 'is_null': {
      const c = plainColumn(e.arg);
      const f = c === null ? 0.01 : (stat(c)?.nullFrac ?? 0.01);
      return e.negated ? 1 - f : f;
    }
    case 'in_list': {
      const c = plainColumn(e.arg);
      const s = c === null ? null : stat(c);
      const p = Math.min(1, e.list.length / ndvOf(s, input.rows)) * nonNull(s);
      return e.negated ? 1 - p : p;
    }
    case 'like': {
      const pat = e.pattern.kind === 'const' && typeof e.pattern.value === 'string' ? e.pattern.value : null;
      let p = LIKE_OTHER;
      if (pat !== null) {
        const wild = pat.search(/[%_\\]/);
        if (wild < 0) p = 1 / ndvOf(plainColumn(e.arg) === null ? null : stat(plainColumn(e.arg)!), input.rows);
        else if (wild > 0) p = LIKE_PREFIX / wild;
      }
      return e.negated ? 1 - p : p;
    }
    case 'compare': {
      const cv = columnVsConst(e);
      if (cv) {
        const s = stat(cv.col);
        if (cv.k.isNull) return 0;
        const nn = nonNull(s);
        switch (cv.op) {
          case '=': return nn / ndvOf(s, input.rows);
          case '<>': return nn * (1 - 1 / ndvOf(s, input.rows));
          default: {
            if (cv.k.num === null) return RANGE_DEFAULT;
            const b: Bounds = cv.op === '<' || cv.op === '<=' ? { lo: null, hi: cv.k.num } : { lo: cv.k.num, hi: null };
            return nn * rangeFraction(s, b.lo, b.hi);
          }
        }
      }
      const l = plainColumn(e.left);
      const r = plainColumn(e.right);
      if (l !== null && r !== null && e.op === '=') return equiSelectivity(stat(l), stat(r), input.rows);
      return e.op === '=' ? 0.005 : RANGE_DEFAULT;
    }
    case 'is_distinct':
      return e.negated ? 0.005 : 0.995;
    default:
      return DEFAULT_SELECTIVITY;
  }
}

/** a = b: the smaller key set is contained in the larger one's domain. */
export function equiSelectivity(a: ColumnStats | null, b: ColumnStats | null, rows: number): number {
  const na = a ? Math.min(a.ndv, b ? b.domain : a.ndv) : ndvOf(null, rows);
  const nb = b ? Math.min(b.ndv, a ? a.domain : b.ndv) : ndvOf(null, rows);
  return (nonNull(a) * nonNull(b)) / Math.max(1, na, nb);
}

/**
 * Several equi-conditions between the same two scans (a composite key, e.g. partsupp's (partkey, suppkey)):
 * each side's distinct key combinations are at most its base row count, and (containment) at most the
 * other side's. Returns the combined selectivity and the conjuncts it covers.
 */
function compositeKeys(parts: readonly BoundExpr[], input: Estimate): { sel: number; used: Set<BoundExpr> } {
  const groups = new Map<string, { a: ColumnStats; b: ColumnStats; e: BoundExpr }[]>();
  for (const p of parts) {
    if (p.kind !== 'compare' || p.op !== '=') continue;
    const l = plainColumn(p.left);
    const r = plainColumn(p.right);
    if (l === null || r === null) continue;
    let a = input.cols[l];
    let b = input.cols[r];
    if (!a || !b || a.source === undefined || b.source === undefined || a.source === b.source) continue;
    if (a.source > b.source) [a, b] = [b, a];
    const key = `${a.source}:${b.source}`;
    groups.set(key, [...(groups.get(key) ?? []), { a, b, e: p }]);
  }
  let sel = 1;
  const used = new Set<BoundExpr>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const side = (pick: (x: { a: ColumnStats; b: ColumnStats }) => ColumnStats) => {
      const ndv = g.reduce((m, x) => m * pick(x).ndv, 1);
      const domain = Math.min(g.reduce((m, x) => m * pick(x).domain, 1), pick(g[0]!).baseRows ?? Infinity);
      return { ndv: Math.min(ndv, domain), domain };
    };
    const A = side((x) => x.a);
    const B = side((x) => x.b);
    const nn = g.reduce((m, x) => m * nonNull(x.a) * nonNull(x.b), 1);
    sel *= nn / Math.max(1, Math.min(A.ndv, B.domain), Math.min(B.ndv, A.domain));
    for (const x of g) used.add(x.e);
  }
  return { sel, used };
}

/** AND: bounds on the same column combine into one range; composite keys count once; the rest multiply. */
function conjunctionSelectivity(parts: readonly BoundExpr[], input: Estimate): number {
  const ranges = new Map<number, Bounds>();
  const composite = compositeKeys(parts, input);
  let sel = composite.sel;
  for (const p of parts) {
    if (composite.used.has(p)) continue;
    if (p.kind === 'compare' && p.op !== '=' && p.op !== '<>') {
      const cv = columnVsConst(p);
      if (cv && cv.k.num !== null) {
        const b = ranges.get(cv.col) ?? { lo: null, hi: null };
        if (cv.op === '<' || cv.op === '<=') b.hi = b.hi === null ? cv.k.num : Math.min(b.hi, cv.k.num);
        else b.lo = b.lo === null ? cv.k.num : Math.max(b.lo, cv.k.num);
        ranges.set(cv.col, b);
        continue;
      }
    }
    if (p.kind === 'and') sel *= conjunctionSelectivity(p.args, input);
    else sel *= selectivity(p, input);
  }
  for (const [col, b] of ranges) {
    const s = input.cols[col] ?? null;
    sel *= nonNull(s) * rangeFraction(s, b.lo, b.hi);
  }
  return sel;
}
