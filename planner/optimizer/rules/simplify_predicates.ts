/** Boolean simplification and OR-factoring (optimizer/simplify.ts) of filters, join conditions and scan filters. */
import type { LogicalPlan } from '../../logical/nodes.js';
import type { Rule } from '../rule.js';
import { simplifyPredicate } from '../simplify.js';

export const simplifyPredicates: Rule = {
  name: 'simplify_predicates',
  once: true,
  apply(p: LogicalPlan): LogicalPlan {
    switch (p.kind) {
      case 'filter': {
        const predicate = simplifyPredicate(p.predicate);
        if (predicate.kind === 'const' && predicate.value === true) return p.input;
        return predicate === p.predicate ? p : { ...p, predicate };
      }
      case 'join': {
        if (!p.condition) return p;
        const condition = simplifyPredicate(p.condition);
        if (condition.kind === 'const' && condition.value === true) return { ...p, condition: null, joinType: p.joinType === 'inner' ? 'cross' : p.joinType };
        return { ...p, condition };
      }
      case 'scan': {
        if (!p.filter) return p;
        const filter = simplifyPredicate(p.filter);
        return { ...p, filter: filter.kind === 'const' && filter.value === true ? null : filter };
      }
      default:
        return p;
    }
  },
};
