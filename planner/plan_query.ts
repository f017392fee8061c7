import type { PlanContext, PlannedQuery, PlanQueryOptions, PgNode } from './api.js';
import { bindSelectStmt } from './bind/select/bind_select.js';
import type { SnapshotPins } from './bind/select/bind_table.js';
import type { LogicalPlan } from './logical/nodes.js';
import { optimize } from './optimizer/optimize.js';
import { prepareSystemCatalog, systemCatalogOf } from './bind/system_context.js';
import { hasRegOutput, withRegOutputNames } from './bind/expr/reg_output.js';
import { lowerPlan } from './physical/lower.js';

/** Bind a SelectStmt (`{ SelectStmt: ... }` or its body) to an unoptimized logical plan. */
export async function bindQuery(selectStmt: PgNode, ctx: PlanContext, options: PlanQueryOptions = {}): Promise<LogicalPlan> {
  const stmt = selectStmt.SelectStmt ?? selectStmt;
  await prepareSystemCatalog(ctx);
  const pins: SnapshotPins = new Map();
  return (await bindSelectStmt(stmt, ctx, pins, options)).plan;
}

/** Bind, optimize and lower a SelectStmt (including VALUES lists) to a physical plan. */
export async function planQuery(selectStmt: PgNode, ctx: PlanContext, options?: PlanQueryOptions): Promise<PlannedQuery> {
  let logical = await bindQuery(selectStmt, ctx, options);
  if (hasRegOutput(logical)) {
    await systemCatalogOf(ctx);
    logical = withRegOutputNames(logical, ctx.bind);
  }
  const optimized = optimize(logical, ctx.bind);
  const plan = lowerPlan(optimized, { partialAggregation: true });
  return { fields: plan.schema, plan };
}
