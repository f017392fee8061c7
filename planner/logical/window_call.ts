/**
 * Window function calls as the `window` plan node carries them (plain data). Every expression is bound over
 * the window node's input columns.
 */
import type { SqlType } from '../../common/types.js';
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import type { SortKey } from './nodes.js';

/** Functions that only exist as window functions (everything else OVER is an aggregate). */
export type RankingFn = 'row_number' | 'rank' | 'dense_rank' | 'percent_rank' | 'cume_dist' | 'ntile';
export type ValueFn = 'lag' | 'lead' | 'first_value' | 'last_value' | 'nth_value';

export type FrameBound =
  | { readonly kind: 'unbounded_preceding' | 'current_row' | 'unbounded_following' }
  /**
   * `offset` PRECEDING / FOLLOWING. ROWS and GROUPS: `offset` is an int8 count. RANGE: `offset` is the offset
   * as written (checked for NULL / negative), `bound` computes the boundary value (order key ∓ offset) and
   * `key` is the order key cast to the boundary's type so the two compare.
   */
  | { readonly kind: 'preceding' | 'following'; readonly offset: BoundExpr; readonly bound: BoundExpr | null; readonly key: BoundExpr | null };

export interface WindowFrame {
  readonly mode: 'rows' | 'range' | 'groups';
  readonly start: FrameBound;
  readonly end: FrameBound;
  readonly exclude: 'no_others' | 'current_row' | 'group' | 'ties';
}

export interface WindowSpec {
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly SortKey[];
  readonly frame: WindowFrame;
}

export interface WindowCall {
  /** a ranking / value function name, or an aggregate name as the accumulators know it ('count_star', 'sum', …) */
  readonly fn: string;
  readonly args: readonly BoundExpr[];
  /** aggregates only: FILTER (WHERE …) */
  readonly filter: BoundExpr | null;
  readonly spec: WindowSpec;
  /** result type */
  readonly type: SqlType;
}

export const RANKING_FUNCTIONS: ReadonlySet<string> = new Set<RankingFn>(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile']);
export const VALUE_FUNCTIONS: ReadonlySet<string> = new Set<ValueFn>(['lag', 'lead', 'first_value', 'last_value', 'nth_value']);

export function isWindowOnlyFunction(name: string): boolean {
  return RANKING_FUNCTIONS.has(name) || VALUE_FUNCTIONS.has(name);
}

/** Expressions of a call (for optimizer rules that collect referenced columns). */
export function windowCallExprs(c: WindowCall): BoundExpr[] {
  const out: BoundExpr[] = [...c.args, ...c.spec.partitionBy, ...c.spec.orderBy.map((k) => k.expr)];
  if (c.filter) out.push(c.filter);
  for (const b of [c.spec.frame.start, c.spec.frame.end]) {
    if (b.kind === 'preceding' || b.kind === 'following') {
      out.push(b.offset);
      if (b.bound) out.push(b.bound);
      if (b.key) out.push(b.key);
    }
  }
  return out;
}

/** Rebuild a call with every expression mapped (column remapping). */
export function mapWindowCall(c: WindowCall, f: (e: BoundExpr) => BoundExpr): WindowCall {
  const mb = (b: FrameBound): FrameBound => (b.kind === 'preceding' || b.kind === 'following'
    ? { kind: b.kind, offset: f(b.offset), bound: b.bound && f(b.bound), key: b.key && f(b.key) }
    : b);
  return {
    ...c,
    args: c.args.map(f),
    filter: c.filter && f(c.filter),
    spec: {
      partitionBy: c.spec.partitionBy.map(f),
      orderBy: c.spec.orderBy.map((k) => ({ ...k, expr: f(k.expr) })),
      frame: { ...c.spec.frame, start: mb(c.spec.frame.start), end: mb(c.spec.frame.end) },
    },
  };
}
