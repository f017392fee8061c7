/**
 * The planner's entry points used by the session (server/session) and statement binders.
 */
import type { Field, SqlType } from '../common/types.js';
import type { Catalog } from '../catalog/catalog.js';
import type { SessionInfo } from '../catalog/system/system_catalog.js';
import type { BindContext, PgNode } from './bind/expr/scope.js';
import type { PhysicalPlan } from './physical/plan.js';

export interface PlanContext {
  readonly catalog: Catalog;
  /** schemas to search for unqualified names, in order ('public' by default) */
  readonly searchPath: readonly string[];
  readonly bind: BindContext;
  /** number of worker threads the physical plan may spread scans over */
  readonly parallelism: number;
  /** user, database, settings: what system functions and pg_catalog report (defaults when absent) */
  readonly session?: SessionInfo;
}

export interface PlannedQuery {
  readonly fields: readonly Field[];
  readonly plan: PhysicalPlan;
}

export interface PlanQueryOptions {
  /**
   * INSERT targets: output column i must end up with targetTypes[i] — unknown literals are read directly as
   * that type (as PostgreSQL does for INSERT ... VALUES), everything else gets an assignment cast
   * (42804 when none exists: `column "x" is of type date but expression is of type integer`, using targetNames).
   */
  readonly targetTypes?: readonly SqlType[];
  readonly targetNames?: readonly string[];
}

export type { PgNode };
