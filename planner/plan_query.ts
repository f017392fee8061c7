import type { PlanContext, PlannedQuery, PlanQueryOptions, PgNode } from './api.js';

/** Bind, optimize and lower a SelectStmt (including VALUES lists) to a physical plan. */
export async function planQuery(selectStmt: PgNode, ctx: PlanContext, options?: PlanQueryOptions): Promise<PlannedQuery> { throw new Error('TODO'); }
