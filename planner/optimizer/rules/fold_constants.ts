/** Evaluate constant sub-expressions once at plan time (foldConstants); a filter that folds to TRUE disappears. */
import type { BindContext } from '../../bind/expr/scope.js';
import { foldConstants } from '../../bind/expr/bind_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { Rule } from '../rule.js';

export function foldConstantsRule(ctx: BindContext): Rule {
  const fold = (e: Parameters<typeof foldConstants>[0]) => foldConstants(e, ctx);
  return {
    name: 'fold_constants',
    once: true,
    apply(p: LogicalPlan): LogicalPlan {
      switch (p.kind) {
        case 'filter': {
          const predicate = fold(p.predicate);
          if (predicate.kind === 'const' && predicate.value === true) return p.input;
          return { ...p, predicate };
        }
        case 'project': return { ...p, exprs: p.exprs.map(fold) };
        case 'join': return p.condition ? { ...p, condition: fold(p.condition) } : p;
        case 'aggregate': return { ...p, groupKeys: p.groupKeys.map(fold), aggregates: p.aggregates.map((a) => ({ ...a, args: a.args.map(fold), filter: a.filter ? fold(a.filter) : null })) };
        case 'sort': return { ...p, keys: p.keys.map((k) => ({ ...k, expr: fold(k.expr) })) };
        case 'scan': return p.filter ? { ...p, filter: fold(p.filter) } : p;
        case 'values': return { ...p, rows: p.rows.map((r) => r.map(fold)) };
        case 'limit': case 'distinct': return p;
        case 'window': return p;
        case 'set_op': return p;
        case 'semi_join': return p.condition ? { ...p, condition: fold(p.condition) } : p;
        case 'recursive_cte': case 'worktable': return p;
        case 'cte_scan': return p; // its plan was optimized on its own
        case 'table_function': case 'project_set': return p;
        case 'lateral_join': return p.condition ? { ...p, condition: fold(p.condition) } : p;
      }
    },
  };
}
