/**
 * `x IN (subquery)` / `x = ANY (subquery)` in a WHERE conjunct → semi join on x = the subquery's column (plus
 * its correlated conjuncts). `x NOT IN (subquery)` / `x <> ALL (...)` (uncorrelated) → null-aware anti join:
 * PostgreSQL semantics — a NULL in the subquery's result rejects every row; a NULL x survives only when the
 * subquery is empty.
 */
import { T } from '../../../common/types.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { andAll, conjuncts } from '../expr_utils.js';
import type { Rule } from '../rule.js';
import { hasSubquery, inlineOuter, pullUpCorrelation } from './decorrelate_support.js';

type Sub = Extract<BoundExpr, { kind: 'subquery' }>;

function inOf(c: BoundExpr): { sub: Sub; anti: boolean } | null {
  const isIn = (x: BoundExpr): x is Sub => x.kind === 'subquery' && x.sub.mode === 'any' && x.sub.op === '=';
  const isNotIn = (x: BoundExpr): x is Sub => x.kind === 'subquery' && x.sub.mode === 'all' && x.sub.op === '<>';
  if (isIn(c)) return { sub: c, anti: false };
  if (c.kind === 'not' && isIn(c.arg)) return { sub: c.arg, anti: true };
  if (isNotIn(c)) return { sub: c, anti: true };
  return null;
}

export const decorrelateIn: Rule = {
  name: 'decorrelate_in',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind !== 'filter') return p;
    const parts = conjuncts(p.predicate);
    for (let i = 0; i < parts.length; i++) {
      const e = inOf(parts[i]!);
      if (e === null) continue;
      const s = e.sub.sub;
      if (s.lhs === null || hasSubquery(s.lhs)) continue;
      const pu = pullUpCorrelation(s, false);
      if (pu === null) continue;
      if (e.anti && pu.correlated.length > 0) continue;
      const nLeft = p.input.schema.length;
      const out = pu.outputs === null ? ({ kind: 'column', index: 0, type: s.plan.schema[0]!.type } as BoundExpr) : pu.outputs[0]!;
      const eq: BoundExpr = { kind: 'compare', op: '=', left: s.lhs, right: inlineOuter(out, s, nLeft), type: T.bool };
      const condition = andAll([eq, ...pu.correlated.map((c) => inlineOuter(c, s, nLeft))]);
      const join: LogicalPlan = { kind: 'semi_join', schema: p.input.schema, anti: e.anti, nullAware: e.anti, left: p.input, right: pu.plan, condition };
      const rest = andAll(parts.filter((_, j) => j !== i));
      return rest === null ? join : { ...p, input: join, predicate: rest };
    }
    return p;
  },
};
