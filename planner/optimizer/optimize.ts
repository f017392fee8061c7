/**
 * The optimizer: an ordered list of rules, each applied over the whole tree (top-down) until it stops
 * changing the plan. The output schema (names and types) is checked after every rule.
 */
import { internalError } from '../../common/errors.js';
import { typesEqual } from '../../common/types.js';
import type { BindContext } from '../bind/expr/scope.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { planChildren, withChildren } from '../logical/nodes.js';
import type { Rule, TreeRule } from './rule.js';
import { foldConstantsRule } from './rules/fold_constants.js';
import { pruneFiles } from './rules/prune_files.js';
import { pushDownFilters } from './rules/push_down_filters.js';
import { pushDownLimit } from './rules/push_down_limit.js';
import { pushDownProjection } from './rules/push_down_projection.js';
import { removeIdentityProjection } from './rules/remove_identity_projection.js';
import { reorderJoins } from './rules/reorder_joins.js';
import { simplifyPredicates } from './rules/simplify_predicates.js';
import { decorrelateExists } from './rules/decorrelate_exists.js';
import { decorrelateIn } from './rules/decorrelate_in.js';
import { decorrelateScalarAgg } from './rules/decorrelate_scalar_agg.js';
import { decorrelatePushSemiJoin } from './rules/decorrelate_push_semi_join.js';
import { decorrelateOptimizeSubplans } from './rules/decorrelate_optimize_subplans.js';
import { preAggregateJoinCounts } from './rules/pre_aggregate_join_counts.js';

export function optimizerRules(ctx: BindContext): (Rule | TreeRule)[] {
  return [
    // 1. fold constants first so later rules see literals (`day >= '2024-01-01'::date` → a date constant)
    foldConstantsRule(ctx),
    // 1b. subqueries in WHERE become semi/anti joins, or joins against grouped aggregates
    decorrelateExists,
    decorrelateIn,
    decorrelateScalarAgg,
    decorrelatePushSemiJoin,
    // 1b'. fold again: decorrelation brought in subquery plans the first pass never saw (`HAVING sum(x) > 300`)
    foldConstantsRule(ctx),
    // 1c. boolean simplification and OR-factoring (common conjuncts of OR branches become join keys)
    simplifyPredicates,
    // 2. move filters down to the scans (and join sides), so the scans hold every usable predicate
    pushDownFilters,
    // 2b. cost-based join order (plus constants across join keys, filters implied by ORs), then push again
    reorderJoins,
    pushDownFilters,
    // 2c. counts of a joined scan's rows grouped by the other side's columns: counted per join key first
    preAggregateJoinCounts,
    // 3. with the predicates in the scans, skip files by partition values and min/max/null stats
    pruneFiles,
    // 4. after filters are placed (their columns count as used), narrow scans to the needed columns
    pushDownProjection,
    // 5. last: limits go below projections and cap unfiltered scans
    pushDownLimit,
    // 6. projections that only pass columns through (left by the binder or by push-downs) go away
    removeIdentityProjection,
    // 7. the plans of subqueries left as expressions are optimized on their own
    decorrelateOptimizeSubplans(ctx),
  ];
}

function applyDown(p: LogicalPlan, rule: Rule): LogicalPlan {
  const q = rule.apply(p);
  const kids = planChildren(q);
  const next = kids.map((c) => applyDown(c, rule));
  return next.every((c, i) => c === kids[i]) ? q : withChildren(q, next);
}

function checkSchema(before: LogicalPlan, after: LogicalPlan, rule: string): void {
  const a = before.schema;
  const b = after.schema;
  if (a.length !== b.length || a.some((f, i) => f.name !== b[i]!.name || !typesEqual(f.type, b[i]!.type))) {
    throw internalError(`optimizer rule ${rule} changed the output schema`);
  }
}

export function optimize(plan: LogicalPlan, ctx: BindContext): LogicalPlan {
  let p = plan;
  for (const rule of optimizerRules(ctx)) {
    let next: LogicalPlan;
    if ('tree' in rule) {
      next = rule.applyTree(p);
    } else {
      next = p;
      for (let i = 0; i < (rule.once ? 1 : 20); i++) {
        const q = applyDown(next, rule);
        if (q === next) break;
        next = q;
      }
    }
    checkSchema(p, next, rule.name);
    p = next;
  }
  return p;
}
