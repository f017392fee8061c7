/**
 * Cost-based join ordering: every maximal tree of inner/cross joins (two or more leaves) is flattened
 * into a join graph, constants are propagated across equi-join keys (a = b AND a = 5 ⇒ b = 5), and the
 * filters implied by ORs across leaves are added (join_order/derive_or.ts), and the
 * tree is rebuilt in the order join_order/enumerate.ts chooses, each conjunct at the lowest join that has
 * its columns. A Project restores the original column order. Outer joins are leaves: their relative
 * order never changes (their inputs are reordered on their own). Semi/anti joins over a leaf are placed
 * again after the order is chosen (join_order/semi_placement.ts).
 */
import type { Field } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { planChildren, withChildren } from '../../logical/nodes.js';
import { andAll, remapColumns, shiftColumns } from '../expr_utils.js';
import type { JoinTree } from '../join_order/enumerate.js';
import { chooseJoinOrder } from '../join_order/enumerate.js';
import type { JoinGraph } from '../join_order/join_graph.js';
import { deriveLeafFilters } from '../join_order/derive_or.js';
import { buildJoinGraph, isReorderableJoin, leafOf, propagateConstants } from '../join_order/join_graph.js';
import type { TreeRule } from '../rule.js';
import { applySemiChain, peelSemiJoins, semiPlacements, type PeeledLeaf } from '../join_order/semi_placement.js';

interface Built {
  readonly plan: LogicalPlan;
  /** leaves in output column order */
  readonly order: readonly number[];
}

function filterOver(input: LogicalPlan, parts: readonly BoundExpr[]): LogicalPlan {
  const predicate = andAll(parts);
  return predicate === null ? input : { kind: 'filter', schema: input.schema, input, predicate };
}

/** global column → column index in a plan whose leaves are laid out in `order` */
function layoutMap(g: JoinGraph, order: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  let at = 0;
  for (const leaf of order) {
    const w = g.leaves[leaf]!.schema.length;
    for (let c = 0; c < w; c++) map.set(g.offsets[leaf]! + c, at + c);
    at += w;
  }
  return map;
}

/** Semi/anti chains to put back: leaf → its chain, placed above the given subtree (join_order/semi_placement.ts). */
interface SemiPlan {
  readonly peeled: readonly PeeledLeaf[];
  readonly at: ReadonlyMap<number, JoinTree>;
}

function build(g: JoinGraph, leaves: readonly LogicalPlan[], t: JoinTree, record?: Map<JoinTree, LogicalPlan>, semis?: SemiPlan): Built {
  let out: Built;
  if (t.kind === 'leaf') out = { plan: leaves[t.leaf]!, order: [t.leaf] };
  else {
    const l = build(g, leaves, t.left, record, semis);
    const r = build(g, leaves, t.right, record, semis);
    const order = [...l.order, ...r.order];
    const map = layoutMap(g, order);
    const condition = andAll(t.conds.map((c) => remapColumns(c, map)));
    const schema: Field[] = [...l.plan.schema, ...r.plan.schema];
    out = { plan: { kind: 'join', schema, joinType: condition ? 'inner' : 'cross', left: l.plan, right: r.plan, condition }, order };
  }
  record?.set(t, out.plan);
  if (semis !== undefined) {
    let plan = out.plan;
    for (const [leaf, node] of semis.at) {
      if (node !== t) continue;
      let offset = 0;
      for (const x of out.order) {
        if (x === leaf) break;
        offset += leaves[x]!.schema.length;
      }
      plan = applySemiChain(plan, semis.peeled[leaf]!.chain, offset, leaves[leaf]!.schema.length);
    }
    out = { plan, order: out.order };
  }
  return out;
}

function reorder(root: Extract<LogicalPlan, { kind: 'join' }>): LogicalPlan {
  const g0 = buildJoinGraph(root);
  const rewritten = g0.leaves.map(rewrite);
  if (rewritten.length < 2) return withChildren(root, planChildren(root).map(rewrite));
  // semi/anti joins over a leaf are put back after the order is chosen, where the leaf's rows are fewest
  const peeled = rewritten.map(peelSemiJoins);
  const leaves0 = peeled.map((x) => x.base);
  // conjuncts over one leaf only go onto that leaf
  const own = new Map<number, BoundExpr[]>();
  const edges = g0.edges.filter((e) => {
    if ((e.leaves & (e.leaves - 1)) !== 0) return true;
    const leaf = Math.log2(e.leaves);
    own.set(leaf, [...(own.get(leaf) ?? []), shiftColumns(e.expr, -g0.offsets[leaf]!)]);
    return false;
  });
  for (const [leaf, preds] of deriveLeafFilters({ ...g0, leaves: leaves0 })) own.set(leaf, [...(own.get(leaf) ?? []), ...preds]);
  const withOwn = leaves0.map((leaf, i) => filterOver(leaf, own.get(i) ?? []));
  const g1: JoinGraph = { ...g0, leaves: withOwn, edges };
  const g: JoinGraph = { ...g1, leaves: propagateConstants(g1) };
  const tree = chooseJoinOrder(g);
  const withChains = new Set(peeled.flatMap((x, i) => (x.chain.length > 0 ? [i] : [])));
  let built: Built;
  if (withChains.size === 0) built = build(g, g.leaves, tree);
  else {
    const plans = new Map<JoinTree, LogicalPlan>();
    build(g, g.leaves, tree, plans);
    built = build(g, g.leaves, tree, undefined, { peeled, at: semiPlacements(tree, plans, withChains) });
  }
  const map = layoutMap(g, built.order);
  const exprs: BoundExpr[] = root.schema.map((f, i) => {
    const leaf = leafOf(g.offsets, i);
    return { kind: 'column', index: map.get(i)!, type: g.leaves[leaf]!.schema[i - g.offsets[leaf]!]!.type, name: f.name };
  });
  const project: LogicalPlan = { kind: 'project', schema: root.schema, input: built.plan, exprs };
  return filterOver(project, g.above);
}

function rewrite(p: LogicalPlan): LogicalPlan {
  if (isReorderableJoin(p)) return reorder(p);
  const kids = planChildren(p);
  const next = kids.map(rewrite);
  return next.every((c, i) => c === kids[i]) ? p : withChildren(p, next);
}

export const reorderJoins: TreeRule = {
  name: 'reorder_joins',
  tree: true,
  applyTree: rewrite,
};
