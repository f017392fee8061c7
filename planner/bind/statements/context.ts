/**
 * What every statement binder receives: the catalog, name resolution settings, and the means to plan and
 * run queries (for INSERT ... SELECT and CREATE TABLE AS). DDL/DML binders bind and execute in one step
 * and return the PostgreSQL command tag.
 */
import type { Catalog } from '../../../catalog/catalog.js';
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { ValueContext } from '../../../common/values/context.js';
import type { WorkerPool } from '../../../executor/pool.js';
import type { ExecContext } from '../../../executor/api.js';
import type { PlanContext } from '../../api.js';
import type { StatementExtras } from '../../sql/statement.js';
import type { TempSchema } from './temp_tables.js';

export interface StatementNotice {
  readonly severity: 'WARNING' | 'NOTICE';
  readonly sqlstate: string;
  readonly message: string;
  readonly detail?: string;
}

export interface StatementEnv {
  readonly catalog: Catalog;
  /** schemas searched for unqualified names, in order (only existing ones matter) */
  readonly searchPath: readonly string[];
  readonly values: ValueContext;
  readonly parallelism: number;
  readonly pool: WorkerPool;
  readonly signal: AbortSignal;
  /** the statement text the AST locations point into */
  readonly sql: string;
  readonly paramTypes: SqlType[];
  readonly params: readonly Datum[];
  /** microseconds since epoch UTC */
  readonly statementTime: bigint;
  readonly notice: (n: StatementNotice) => void;
  /** a session setting's current value (SET/SHOW names, e.g. `pier.vacuum_retention_check`); undefined when unset */
  readonly setting?: (name: string) => string | undefined;
  /** the session's temporary schema (CREATE TEMP TABLE, temp_tables.ts); absent: no temporary tables */
  readonly tempSchema?: TempSchema;
}

export interface StatementInput {
  readonly extras: StatementExtras;
}

export function planContextOf(env: StatementEnv): PlanContext {
  return {
    catalog: env.catalog,
    searchPath: env.searchPath,
    bind: { params: env.paramTypes, values: env.values, sql: env.sql },
    parallelism: env.parallelism,
  };
}

export function execContextOf(env: StatementEnv): ExecContext {
  return {
    eval: { values: env.values, params: env.params, statementTime: env.statementTime },
    pool: env.pool,
    signal: env.signal,
  };
}
