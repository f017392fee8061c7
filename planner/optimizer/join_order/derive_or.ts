/**
 * Implied single-leaf filters from an OR across leaves: from
 * `(p.brand = 'X' AND l.qty < 5) OR (p.brand = 'Y' AND l.qty > 9)` follow `p.brand = 'X' OR p.brand = 'Y'`
 * (for p) and `l.qty < 5 OR l.qty > 9` (for l). The original OR stays as a join condition; the derived
 * filters only let scans drop rows (and files) early. A leaf gets one only if every branch constrains it.
 */
import { T } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import { columnsOf, conjuncts, shiftColumns } from '../expr_utils.js';
import type { JoinGraph } from './join_graph.js';
import { leafOf } from './join_graph.js';

function disjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'or' ? e.args.flatMap(disjuncts) : [e];
}

/** leaf → derived predicates over that leaf's own columns */
export function deriveLeafFilters(g: JoinGraph): Map<number, BoundExpr[]> {
  const out = new Map<number, BoundExpr[]>();
  for (const edge of g.edges) {
    if (edge.expr.kind !== 'or' || (edge.leaves & (edge.leaves - 1)) === 0) continue;
    const branches = disjuncts(edge.expr).map(conjuncts);
    for (let leaf = 0; leaf < g.leaves.length; leaf++) {
      if ((edge.leaves & (1 << leaf)) === 0) continue;
      const per = branches.map((parts) => parts.filter((c) => {
        const cols = [...columnsOf(c)];
        return cols.length > 0 && cols.every((col) => leafOf(g.offsets, col) === leaf);
      }));
      if (per.some((p) => p.length === 0)) continue;
      const local = per.map((p) => {
        const s = p.map((c) => shiftColumns(c, -g.offsets[leaf]!));
        return s.length === 1 ? s[0]! : ({ kind: 'and', args: s, type: T.bool } as BoundExpr);
      });
      out.set(leaf, [...(out.get(leaf) ?? []), { kind: 'or', args: local, type: T.bool }]);
    }
  }
  return out;
}
