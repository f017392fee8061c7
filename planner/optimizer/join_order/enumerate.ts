/**
 * Join order search over a JoinGraph. Up to DP_MAX_RELATIONS leaves: dynamic programming over connected
 * subsets (bushy trees); above, greedy (join the pair of components with the smallest result first).
 * Cost of a tree = sum over its joins of the output rows plus the hash build side's rows. Pairs without a
 * connecting conjunct (cross products) are considered only when the graph has no connected order.
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import { andAll } from '../expr_utils.js';
import { applyFilter, estimate } from '../cost/cardinality.js';
import type { ColumnStats, Estimate } from '../cost/column_stats.js';
import { clampStats } from '../cost/column_stats.js';
import type { JoinGraph } from './join_graph.js';

export const DP_MAX_RELATIONS = 10;

export type JoinTree =
  | { readonly kind: 'leaf'; readonly leaf: number }
  | { readonly kind: 'join'; readonly left: JoinTree; readonly right: JoinTree; readonly conds: readonly BoundExpr[] };

interface Entry {
  readonly tree: JoinTree;
  readonly est: Estimate;
  readonly cost: number;
}

/** Estimates in the graph's global column numbering (columns outside the subset are null). */
function leafEstimate(g: JoinGraph, i: number): Estimate {
  const e = estimate(g.leaves[i]!);
  const cols: (ColumnStats | null)[] = new Array(g.width).fill(null);
  e.cols.forEach((c, j) => { cols[g.offsets[i]! + j] = c; });
  return { rows: e.rows, cols };
}

/** conjuncts that become evaluable when joining a and b (need both, covered by their union) */
function connecting(g: JoinGraph, a: number, b: number): BoundExpr[] {
  const u = a | b;
  const out: BoundExpr[] = [];
  for (const e of g.edges) if ((e.leaves & ~u) === 0 && (e.leaves & a) !== 0 && (e.leaves & b) !== 0) out.push(e.expr);
  return out;
}

function combine(x: Entry, y: Entry, conds: BoundExpr[]): Entry {
  const merged: Estimate = { rows: x.est.rows * y.est.rows, cols: x.est.cols.map((c, i) => c ?? y.est.cols[i] ?? null) };
  const out = applyFilter(merged, andAll(conds));
  const est: Estimate = { rows: out.rows, cols: out.cols.map((c) => clampStats(c, Math.max(1, out.rows))) };
  const cost = x.cost + y.cost + est.rows + Math.min(x.est.rows, y.est.rows);
  // larger input on the left (probe), smaller on the right (build)
  const [l, r] = x.est.rows >= y.est.rows ? [x, y] : [y, x];
  return { tree: { kind: 'join', left: l.tree, right: r.tree, conds }, est, cost };
}

function dp(g: JoinGraph, allowCross: boolean): Entry | null {
  const n = g.leaves.length;
  const full = (1 << n) - 1;
  const best: (Entry | undefined)[] = new Array(full + 1);
  for (let i = 0; i < n; i++) best[1 << i] = { tree: { kind: 'leaf', leaf: i }, est: leafEstimate(g, i), cost: 0 };
  for (let mask = 1; mask <= full; mask++) {
    if ((mask & (mask - 1)) === 0) continue;
    let winner: Entry | undefined;
    // each unordered split once: the part holding the lowest bit is `a`
    const low = mask & -mask;
    for (let a = (mask - 1) & mask; a > 0; a = (a - 1) & mask) {
      if ((a & low) === 0) continue;
      const b = mask ^ a;
      const x = best[a];
      const y = best[b];
      if (!x || !y) continue;
      const conds = connecting(g, a, b);
      if (conds.length === 0 && !allowCross) continue;
      const c = combine(x, y, conds);
      if (!winner || c.cost < winner.cost) winner = c;
    }
    if (winner) best[mask] = winner;
  }
  return best[full] ?? null;
}

function greedy(g: JoinGraph): Entry {
  let parts: { mask: number; entry: Entry }[] = g.leaves.map((_, i) => ({ mask: 1 << i, entry: { tree: { kind: 'leaf', leaf: i } as JoinTree, est: leafEstimate(g, i), cost: 0 } }));
  while (parts.length > 1) {
    let pick: { i: number; j: number; entry: Entry; connected: boolean } | null = null;
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const conds = connecting(g, parts[i]!.mask, parts[j]!.mask);
        const connected = conds.length > 0;
        if (pick && pick.connected && !connected) continue;
        const entry = combine(parts[i]!.entry, parts[j]!.entry, conds);
        if (!pick || (connected && !pick.connected) || entry.est.rows < pick.entry.est.rows) pick = { i, j, entry, connected };
      }
    }
    const { i, j, entry } = pick!;
    const mask = parts[i]!.mask | parts[j]!.mask;
    parts = parts.filter((_, k) => k !== i && k !== j);
    parts.push({ mask, entry });
  }
  return parts[0]!.entry;
}

/** The cheapest join tree for the graph (never a cross product when a connected order exists). */
export function chooseJoinOrder(g: JoinGraph): JoinTree {
  if (g.leaves.length <= DP_MAX_RELATIONS) return (dp(g, false) ?? dp(g, true)!).tree;
  return greedy(g).tree;
}
