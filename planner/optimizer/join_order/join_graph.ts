/**
 * A join graph: the leaves of a tree of inner/cross joins (anything else — outer joins, aggregates,
 * subqueries — is a leaf) and every join conjunct, with columns numbered globally (leaf offsets in the
 * original left-to-right order). Conjuncts that must stay above the joins (subqueries, volatile calls,
 * constants) are kept apart.
 */
import { typesEqual } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import { walkExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { columnsOf, conjuncts, isVolatile, shiftColumns } from '../expr_utils.js';

export interface JoinEdge {
  readonly expr: BoundExpr;
  /** bitmask of the leaves the conjunct reads */
  readonly leaves: number;
}

export interface JoinGraph {
  readonly leaves: readonly LogicalPlan[];
  /** global column index of each leaf's column 0 */
  readonly offsets: readonly number[];
  readonly width: number;
  readonly edges: readonly JoinEdge[];
  /** conjuncts left above the joins (global column numbering) */
  readonly above: readonly BoundExpr[];
}

export function isReorderableJoin(p: LogicalPlan): p is Extract<LogicalPlan, { kind: 'join' }> {
  return p.kind === 'join' && (p.joinType === 'inner' || p.joinType === 'cross');
}

function hasSubquery(e: BoundExpr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === 'subquery' || x.kind === 'outer_ref') found = true;
  });
  return found;
}

/** JSON replacer for comparing expressions (bigints; column display names ignored) */
function exprKeyReplacer(k: string, v: unknown): unknown {
  if (k === 'name') return undefined;
  return typeof v === 'bigint' ? `${v}n` : v;
}

export function leafOf(offsets: readonly number[], col: number): number {
  let lo = 0;
  for (let i = 0; i < offsets.length; i++) if (offsets[i]! <= col) lo = i;
  return lo;
}

export function buildJoinGraph(root: LogicalPlan): JoinGraph {
  const leaves: LogicalPlan[] = [];
  const offsets: number[] = [];
  const conds: BoundExpr[] = [];
  const walk = (p: LogicalPlan, offset: number): void => {
    if (isReorderableJoin(p)) {
      walk(p.left, offset);
      walk(p.right, offset + p.left.schema.length);
      if (p.condition && p.joinType === 'inner') for (const c of conjuncts(p.condition)) conds.push(shiftColumns(c, offset));
      return;
    }
    leaves.push(p);
    offsets.push(offset);
  };
  walk(root, 0);
  const edges: JoinEdge[] = [];
  const above: BoundExpr[] = [];
  for (const c of conds) {
    const cols = [...columnsOf(c)];
    if (cols.length === 0 || isVolatile(c) || hasSubquery(c)) {
      above.push(c);
      continue;
    }
    let mask = 0;
    for (const col of cols) mask |= 1 << leafOf(offsets, col);
    edges.push({ expr: c, leaves: mask });
  }
  return { leaves, offsets, width: root.schema.length, edges, above };
}

/**
 * Transitive equalities: with `a = b` between leaves and `a = const` inside a's leaf (a scan filter or a
 * filter node), add `b = const` to b's leaf. Returns the leaves (new ones where predicates were added).
 */
export function propagateConstants(g: JoinGraph): LogicalPlan[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const colType = (col: number) => {
    const leaf = leafOf(g.offsets, col);
    return g.leaves[leaf]!.schema[col - g.offsets[leaf]!]!.type;
  };
  for (const e of g.edges) {
    const x = e.expr;
    if (x.kind === 'compare' && x.op === '=' && x.left.kind === 'column' && x.right.kind === 'column' && typesEqual(colType(x.left.index), colType(x.right.index))) {
      const a = find(x.left.index);
      const b = find(x.right.index);
      if (a !== b) parent.set(a, b);
    }
  }
  if (parent.size === 0) return [...g.leaves];
  // constants known per equivalence class: root → const expressions
  const known = new Map<number, BoundExpr[]>();
  const leafPreds = g.leaves.map((leaf) => (leaf.kind === 'scan' ? leaf.filter : leaf.kind === 'filter' ? leaf.predicate : null));
  g.leaves.forEach((_, i) => {
    const pred = leafPreds[i];
    if (!pred) return;
    for (const c of conjuncts(pred)) {
      if (c.kind !== 'compare' || c.op !== '=') continue;
      const [col, k] = c.left.kind === 'column' && c.right.kind === 'const' ? [c.left, c.right] : c.right.kind === 'column' && c.left.kind === 'const' ? [c.right, c.left] : [null, null];
      if (!col || !k || k.value === null) continue;
      const root = find(col.index + g.offsets[i]!);
      known.set(root, [...(known.get(root) ?? []), k]);
    }
  });
  if (known.size === 0) return [...g.leaves];
  return g.leaves.map((leaf, i) => {
    const add: BoundExpr[] = [];
    const have = new Set((leafPreds[i] ? conjuncts(leafPreds[i]!) : []).map((c) => JSON.stringify(c, exprKeyReplacer)));
    for (let c = 0; c < leaf.schema.length; c++) {
      const ks = known.get(find(c + g.offsets[i]!));
      if (!ks) continue;
      for (const k of ks) {
        const type = leaf.schema[c]!.type;
        if (!typesEqual(type, k.type)) continue;
        const e: BoundExpr = { kind: 'compare', op: '=', left: { kind: 'column', index: c, type }, right: k, type: { kind: 'bool' } };
        const key = JSON.stringify(e, exprKeyReplacer);
        const rev = JSON.stringify({ ...e, left: k, right: e.left }, exprKeyReplacer);
        if (have.has(key) || have.has(rev)) continue;
        have.add(key);
        add.push(e);
      }
    }
    if (add.length === 0) return leaf;
    const predicate: BoundExpr = add.length === 1 ? add[0]! : { kind: 'and', args: add, type: { kind: 'bool' } };
    return { kind: 'filter', schema: leaf.schema, input: leaf, predicate };
  });
}
