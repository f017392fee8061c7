/**
 * EXISTS (subquery) in a WHERE conjunct → semi join; NOT EXISTS → anti join. The subquery's correlated
 * conjuncts (those reading outer values) become the join condition; its other predicates stay below.
 */
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { andAll, conjuncts } from '../expr_utils.js';
import type { Rule } from '../rule.js';
import { inlineOuter, pullUpCorrelation } from './decorrelate_support.js';

function existsOf(c: BoundExpr): { sub: Extract<BoundExpr, { kind: 'subquery' }>; anti: boolean } | null {
  if (c.kind === 'subquery' && c.sub.mode === 'exists') return { sub: c, anti: false };
  if (c.kind === 'not' && c.arg.kind === 'subquery' && c.arg.sub.mode === 'exists') return { sub: c.arg, anti: true };
  return null;
}

export const decorrelateExists: Rule = {
  name: 'decorrelate_exists',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind !== 'filter') return p;
    const parts = conjuncts(p.predicate);
    for (let i = 0; i < parts.length; i++) {
      const e = existsOf(parts[i]!);
      if (e === null) continue;
      const pu = pullUpCorrelation(e.sub.sub, true);
      if (pu === null) continue;
      const nLeft = p.input.schema.length;
      const condition = andAll(pu.correlated.map((c) => inlineOuter(c, e.sub.sub, nLeft)));
      const join: LogicalPlan = { kind: 'semi_join', schema: p.input.schema, anti: e.anti, nullAware: false, left: p.input, right: pu.plan, condition };
      const rest = andAll(parts.filter((_, j) => j !== i));
      return rest === null ? join : { ...p, input: join, predicate: rest };
    }
    return p;
  },
};
