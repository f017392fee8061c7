/**
 * Result columns of a reg* type (regclass, regtype, regnamespace) are sent as the names their output functions
 * print (`'t'::regclass` → `t`, or `s.t` off the search path), typed as the reg type on the wire: the plan's
 * top gets a projection mapping those OIDs to names (text tagged `regName`, common/types.ts).
 */
import type { OidTypeName, SqlType } from '../../../common/types.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { BoundExpr } from './bound_expr.js';
import type { BindContext } from './scope.js';
import { regKindOfType, regToText } from './system_lookup.js';

export function hasRegOutput(plan: LogicalPlan): boolean {
  return plan.schema.some((f) => regKindOfType(f.type) !== null);
}

/** `plan` with its reg* result columns turned into names (the SystemCatalog must be loaded on ctx). */
export function withRegOutputNames(plan: LogicalPlan, ctx: BindContext): LogicalPlan {
  if (!hasRegOutput(plan)) return plan;
  const exprs = plan.schema.map((f, index): BoundExpr => {
    const col: BoundExpr = { kind: 'column', index, type: f.type, name: f.name };
    const kind = regKindOfType(f.type);
    const named = kind === null ? null : regToText(kind, col, ctx);
    if (named === null) return col;
    const type: SqlType = { kind: 'text', regName: kind as OidTypeName };
    return { kind: 'cast', arg: named, type, mode: 'explicit' };
  });
  const schema = plan.schema.map((f, i) => ({ ...f, type: exprs[i]!.type }));
  return { kind: 'project', schema, input: plan, exprs };
}
