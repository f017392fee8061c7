import type { LogicalPlan } from '../logical/nodes.js';

/**
 * A rewrite of one node (rules never recurse: the driver applies them top-down over the tree).
 * Return the node itself when nothing changes.
 */
export interface Rule {
  readonly name: string;
  /** apply one pass only (rules that rebuild nodes even when nothing changes) */
  readonly once?: boolean;
  apply(plan: LogicalPlan): LogicalPlan;
}

/** A rule that rewrites the whole tree at once (projection push-down needs what the parents use). */
export interface TreeRule {
  readonly name: string;
  readonly tree: true;
  applyTree(plan: LogicalPlan): LogicalPlan;
}
