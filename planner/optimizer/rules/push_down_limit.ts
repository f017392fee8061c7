/**
 * Limit push-down: a Limit moves below a Project (which keeps row counts), and a scan without a filter
 * under a Limit stops after limit + offset rows (the Limit itself stays to apply the offset and cut exactly).
 */
import type { LogicalPlan } from '../../logical/nodes.js';
import type { Rule } from '../rule.js';

export const pushDownLimit: Rule = {
  name: 'push_down_limit',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind !== 'limit' || p.limit === null) return p;
    const input = p.input;
    if (input.kind === 'project') {
      return { ...input, input: { ...p, input: input.input, schema: input.input.schema } };
    }
    if (input.kind === 'scan' && input.filter === null) {
      const want = p.limit + p.offset;
      if (input.limit !== null && input.limit <= want) return p;
      return { ...p, input: { ...input, limit: want } };
    }
    return p;
  },
};
