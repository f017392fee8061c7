/** A Project that passes every input column through unchanged, with the same names, is removed. */
import type { LogicalPlan } from '../../logical/nodes.js';
import type { Rule } from '../rule.js';

export const removeIdentityProjection: Rule = {
  name: 'remove_identity_projection',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind !== 'project') return p;
    const input = p.input;
    if (p.exprs.length !== input.schema.length) return p;
    const identity = p.exprs.every((e, i) => e.kind === 'column' && e.index === i && p.schema[i]!.name === input.schema[i]!.name);
    return identity ? input : p;
  },
};
