/**
 * Semi/anti joins in a join graph. A leaf that is a chain of semi/anti joins over a relation X (EXISTS /
 * NOT EXISTS / IN pushed onto X by decorrelate_push_semi_join) is peeled: X takes part in the join order
 * like any relation, and the chain is put back above the join subtree holding X with the fewest estimated
 * rows (walking up from X; X itself on ties). A semi/anti join only filters X's rows by X's columns, so it
 * commutes with inner joins; applying it after the joins that shrink X most (TPC-H q21: lineitem ⋈
 * supplier of one nation) makes its probe side small, while a relation no join shrinks keeps its semi join
 * (q18: the IN stays on orders).
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { estimateRows } from '../cost/cardinality.js';
import { mapColumns } from '../expr_utils.js';
import type { JoinTree } from './enumerate.js';

type SemiJoin = Extract<LogicalPlan, { kind: 'semi_join' }>;

/** A leaf split into its base relation and the semi/anti joins over it (innermost first). */
export interface PeeledLeaf {
  readonly base: LogicalPlan;
  readonly chain: readonly SemiJoin[];
}

export function peelSemiJoins(leaf: LogicalPlan): PeeledLeaf {
  const chain: SemiJoin[] = [];
  let p = leaf;
  while (p.kind === 'semi_join') {
    chain.unshift(p);
    p = p.left;
  }
  return { base: p, chain };
}

/**
 * Re-apply `chain` (built over a base of `baseWidth` columns) above `input`, whose columns
 * offset … offset + baseWidth - 1 are the base's.
 */
export function applySemiChain(input: LogicalPlan, chain: readonly SemiJoin[], offset: number, baseWidth: number): LogicalPlan {
  let out = input;
  const width = input.schema.length;
  for (const s of chain) {
    const condition: BoundExpr | null = s.condition === null
      ? null
      : mapColumns(s.condition, (c) => ({ ...c, index: c.index < baseWidth ? c.index + offset : c.index - baseWidth + width }));
    out = { ...s, schema: input.schema, left: out, condition };
  }
  return out;
}

/**
 * For each leaf with a chain: the subtree of `tree` to apply it above (the node on the path from the
 * leaf to the root whose plan, built without the chains, has the fewest estimated rows).
 */
export function semiPlacements(tree: JoinTree, plans: ReadonlyMap<JoinTree, LogicalPlan>, leavesWithChains: ReadonlySet<number>): Map<number, JoinTree> {
  const out = new Map<number, JoinTree>();
  const walk = (t: JoinTree, path: JoinTree[]): void => {
    const here = [...path, t];
    if (t.kind === 'join') {
      walk(t.left, here);
      walk(t.right, here);
      return;
    }
    if (!leavesWithChains.has(t.leaf)) return;
    let best: JoinTree = t;
    let bestRows = estimateRows(plans.get(t)!);
    for (let i = here.length - 2; i >= 0; i--) {
      const rows = estimateRows(plans.get(here[i]!)!);
      if (rows < bestRows) {
        best = here[i]!;
        bestRows = rows;
      }
    }
    out.set(t.leaf, best);
  };
  walk(tree, []);
  return out;
}
