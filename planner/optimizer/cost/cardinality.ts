/**
 * Cardinality estimation over logical plans: scans from Delta stats, filters and joins by predicate
 * selectivity, aggregates by the distinct values of their keys. Memoized per plan node (plans are immutable).
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { planChildren } from '../../logical/nodes.js';
import type { ColumnStats, Estimate } from './column_stats.js';
import { UNKNOWN_FILE_ROWS, clampStats, guessNdv, plainColumn, scanColumnStats } from './column_stats.js';
import { selectivity } from './selectivity.js';

const memo = new WeakMap<LogicalPlan, Estimate>();

export function estimate(p: LogicalPlan): Estimate {
  let e = memo.get(p);
  if (!e) {
    e = compute(p);
    memo.set(p, e);
  }
  return e;
}

export function estimateRows(p: LogicalPlan): number {
  return estimate(p).rows;
}

function unknown(rows: number, width: number): Estimate {
  return { rows, cols: Array.from({ length: width }, () => null) };
}

/** Apply a predicate's selectivity: rows shrink, NDVs are capped by the new row count. */
export function applyFilter(input: Estimate, predicate: BoundExpr | null): Estimate {
  if (predicate === null) return input;
  const rows = Math.max(input.rows > 0 ? 1 : 0, input.rows * selectivity(predicate, input));
  return { rows, cols: input.cols.map((c) => clampStats(c, rows)) };
}

/** Columns after an expression list: plain column references keep their stats. */
export function projectStats(input: Estimate, exprs: readonly BoundExpr[]): (ColumnStats | null)[] {
  return exprs.map((e) => {
    const c = plainColumn(e);
    if (c !== null) return input.cols[c] ?? null;
    if (e.kind === 'const') return { ndv: 1, domain: 1, min: null, max: null, nullFrac: e.value === null ? 1 : 0 };
    return null;
  });
}

export function groupCount(input: Estimate, keys: readonly BoundExpr[]): number {
  if (keys.length === 0) return 1;
  let groups = 1;
  for (const k of keys) {
    const c = plainColumn(k);
    const s = c === null ? null : input.cols[c];
    groups *= s ? s.ndv + (s.nullFrac > 0 ? 1 : 0) : guessNdv(input.rows);
    if (groups >= input.rows) break;
  }
  return Math.max(1, Math.min(input.rows, groups));
}

export function joinEstimate(joinType: string, left: Estimate, right: Estimate, condition: BoundExpr | null): Estimate {
  const both: Estimate = { rows: left.rows * right.rows, cols: [...left.cols, ...right.cols] };
  const inner = applyFilter(both, joinType === 'cross' ? null : condition);
  let rows = inner.rows;
  switch (joinType) {
    case 'left': rows = Math.max(rows, left.rows); break;
    case 'right': rows = Math.max(rows, right.rows); break;
    case 'full': rows = Math.max(rows, left.rows + right.rows); break;
    default: break;
  }
  return { rows, cols: inner.cols.map((c) => clampStats(c, rows)) };
}

function compute(p: LogicalPlan): Estimate {
  switch (p.kind) {
    case 'scan': {
      const base = p.files.reduce((s, f) => s + (f.numRecords ?? UNKNOWN_FILE_ROWS), 0);
      const scanned: Estimate = { rows: base, cols: scanColumnStats(p.source, p.columns, p.files, base) };
      const filtered = applyFilter(scanned, p.filter);
      if (p.limit === null || filtered.rows <= p.limit) return filtered;
      return { rows: p.limit, cols: filtered.cols.map((c) => clampStats(c, p.limit!)) };
    }
    case 'values': {
      const rows = p.rows.length;
      return { rows, cols: p.schema.map((_, i) => {
        const ks = p.rows.map((r) => r[i]);
        const distinct = new Set(ks.map((k, j) => (k && k.kind === 'const' ? String(k.value) : `#${j}`))).size;
        return { ndv: Math.max(1, distinct), domain: Math.max(1, distinct), min: null, max: null, nullFrac: 0 };
      }) };
    }
    case 'filter':
      return applyFilter(estimate(p.input), p.predicate);
    case 'project': {
      const input = estimate(p.input);
      return { rows: input.rows, cols: projectStats(input, p.exprs) };
    }
    case 'aggregate': {
      const input = estimate(p.input);
      const rows = groupCount(input, p.groupKeys);
      const keyCols = projectStats(input, p.groupKeys).map((c) => clampStats(c, rows));
      return { rows, cols: [...keyCols, ...p.aggregates.map(() => null)] };
    }
    case 'join':
      return joinEstimate(p.joinType, estimate(p.left), estimate(p.right), p.condition);
    case 'sort':
      return estimate(p.input);
    case 'limit': {
      const input = estimate(p.input);
      const rows = Math.max(0, input.rows - p.offset);
      const capped = p.limit === null ? rows : Math.min(rows, p.limit);
      return { rows: capped, cols: input.cols.map((c) => clampStats(c, Math.max(1, capped))) };
    }
    case 'cte_scan':
      // a materialised CTE: its own plan's estimate
      return estimate(p.cte);
    case 'distinct': {
      const input = estimate(p.input);
      const rows = groupCount(input, p.schema.map((f, i) => ({ kind: 'column' as const, index: i, type: f.type })));
      return { rows, cols: input.cols.map((c) => clampStats(c, rows)) };
    }
    default: {
      // nodes other engineers own (window, semi_join, set_op, …): pass the first input's estimate through
      const kids = planChildren(p);
      const first = kids.length > 0 ? estimate(kids[0]!) : unknown(1, 0);
      const cols = p.schema.map((_, i) => first.cols[i] ?? null);
      if (p.kind === 'semi_join') return { rows: Math.max(1, first.rows * (p.anti ? 0.5 : 0.5)), cols };
      if (p.kind === 'set_op' && kids.length > 1) {
        const second = estimate(kids[1]!);
        return unknown(p.op === 'union' ? first.rows + second.rows : first.rows, p.schema.length);
      }
      return { rows: first.rows, cols };
    }
  }
}
