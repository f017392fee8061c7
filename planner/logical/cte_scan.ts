/**
 * A materialised CTE (PostgreSQL 12+ rules, planner/bind/select/cte_materialize.ts): every reference is a
 * `cte_scan` leaf carrying the same `cte` plan (bound and optimized once, shared by object) and id. The
 * executor computes the CTE once per query execution and every reference reads the same rows
 * (executor/operators/cte_scan.ts). The optimizer never looks inside `cte`: filters and column pruning of
 * one reference stay above it, so they cannot change what the other references see.
 */
import type { Field } from '../../common/types.js';
import type { LogicalPlan } from './nodes.js';

export interface LogicalCteScan {
  readonly kind: 'cte_scan';
  /** this reference's columns (its alias names; the types of `cte.schema`) */
  readonly schema: readonly Field[];
  /** one id per materialised CTE per statement binding: references with the same id share the rows */
  readonly id: number;
  /** the CTE's name, for EXPLAIN (`CTE revenue`, `CTE Scan on revenue`) */
  readonly name: string;
  /** the reference's alias when it has one (`CTE Scan on revenue r2`) */
  readonly alias: string | null;
  /** the CTE's own plan, already optimized */
  readonly cte: LogicalPlan;
}
