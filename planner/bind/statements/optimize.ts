/**
 * OPTIMIZE table [WHERE partition_predicate] [ZORDER BY (cols)] (recognised in
 * planner/sql/lakehouse/optimize_statement.ts; the work is storage/delta/operations/optimize.ts).
 * Returns one row like Databricks: `path` (the table location) and `metrics` (the metrics struct as JSON text).
 * WHERE may reference partition columns only (Delta's error otherwise); ZORDER BY a partition column or a
 * missing column is an error; ZORDER BY a column without statistics is a WARNING.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import type { TableSnapshot } from '../../../catalog/catalog.js';
import { partitionValueToDatum } from '../../../catalog/delta_types.js';
import { vectorFromDatums } from '../../../common/vector.js';
import { compilePredicate } from '../../../executor/expr/compile.js';
import { optimizeTable } from '../../../storage/delta/operations/optimize.js';
import { OptimizeError, parseByteSize } from '../../../storage/delta/operations/optimize_plan.js';
import { bindCondition } from '../expr/bind_expr.js';
import type { ExprScope, PgNode } from '../expr/scope.js';
import type { StatementEnv } from './context.js';
import { ensureParserLoaded } from '../../sql/parse.js';
import { parsePredicate } from '../../sql/lakehouse/maintenance_tokens.js';
import { deltaLocationOf, textBatch, textFields } from './maintenance_common.js';
import { rangeVarName, requireTable } from './names.js';
import type { StatementOutcome } from './execute_statement.js';

export const OPTIMIZE_FIELDS: readonly Field[] = textFields('path', 'metrics');

/** Delta indexes statistics of the first 32 columns by default. */
const INDEXED_COLUMNS = 32;

export async function executeOptimize(stmt: PgNode, env: StatementEnv): Promise<StatementOutcome> {
  const table = await requireTable(env.catalog, env.searchPath, rangeVarName(stmt.relation, env.sql));
  const loc = deltaLocationOf(table, 'OPTIMIZE');
  const snap = await table.snapshot();
  const zOrderBy = ((stmt.zOrderBy ?? []) as PgNode[]).map((z) => String(z.name));
  const where = stmt.whereClause as PgNode | null;
  const partitionFilter = where === null ? undefined : bindPartitionFilter(where, snap, env);
  warnColumnsWithoutStats(zOrderBy, snap, env);
  const configured = env.setting?.('pier.optimize_target_file_size');
  const defaultTarget = configured !== undefined ? parseByteSize(configured) : null;
  const pool = env.pool;
  try {
    const res = await optimizeTable(loc.store, loc.path, {
      zOrderBy,
      ...(partitionFilter !== undefined ? { partitionFilter } : {}),
      predicateText: typeof stmt.predicate === 'string' ? [stmt.predicate] : [],
      ...(defaultTarget !== null ? { defaultTargetFileSize: defaultTarget } : {}),
      ...(pool.threads > 0 && pool.runWrite !== undefined ? { writeFiles: (task) => pool.runWrite!(task, env.signal) } : {}),
      signal: env.signal,
    });
    return { kind: 'rows', fields: OPTIMIZE_FIELDS, batches: [textBatch([[table.location, JSON.stringify(res.metrics)]], 2)], tag: 'SELECT 1' };
  } catch (e) {
    throw optimizeQueryError(e);
  }
}

/** OptimizeError → the QueryError users see (also used by auto-compaction's log and the admin API). */
export function optimizeQueryError(e: unknown): unknown {
  if (!(e instanceof OptimizeError)) return e;
  switch (e.kind) {
    case 'zorder_missing_column': return new QueryError(SQLSTATE.undefined_column, e.message, { cause: e });
    case 'zorder_partition_column':
    case 'non_partition_predicate': return new QueryError('42P10', e.message, { cause: e });
  }
}

/** A filter on raw partition values from predicate text (the admin API's `where`); QueryError when invalid. */
export async function partitionFilterFromText(where: string, snap: TableSnapshot): Promise<(values: Readonly<Record<string, string | null>>) => boolean> {
  await ensureParserLoaded();
  const text = `OPTIMIZE t WHERE ${where}`;
  const start = text.length - where.length;
  const node = parsePredicate(text, start, text.length);
  return bindPartitionFilter(node, snap, {
    paramTypes: [], params: [], sql: text, statementTime: BigInt(Date.now()) * 1000n,
    values: { timeZone: 'UTC', dateStyle: 'ISO, MDY', extraFloatDigits: 1, intervalStyle: 'postgres' },
  });
}

type FilterEnv = Pick<StatementEnv, 'paramTypes' | 'params' | 'sql' | 'values' | 'statementTime'>;

/** Bind WHERE over the partition columns; a filter on raw partition values (Delta's error for other columns). */
function bindPartitionFilter(where: PgNode, snap: TableSnapshot, env: FilterEnv): (values: Readonly<Record<string, string | null>>) => boolean {
  const parts = snap.partitionColumns.map((c) => snap.fields.find((f) => f.name === c)!);
  const scope: ExprScope = {
    clause: 'WHERE',
    resolveColumn(fields, position) {
      const name = fields[fields.length - 1]!;
      const i = parts.findIndex((f) => f.name === name);
      if (i >= 0) return { index: i, type: parts[i]!.type, name };
      if (snap.fields.some((f) => f.name === name)) {
        throw new QueryError('42P10', `Predicate references non-partition column '${name}'. Only the partition columns may be referenced: [${snap.partitionColumns.join(', ')}]`, { position });
      }
      throw new QueryError(SQLSTATE.undefined_column, `column "${name}" does not exist`, { position });
    },
  };
  const bound = bindCondition(where, scope, { params: env.paramTypes, values: env.values, sql: env.sql });
  const pred = compilePredicate(bound, parts.map((f) => f.type), { values: env.values, params: env.params, statementTime: env.statementTime });
  return (values) => {
    const columns = parts.map((f) => vectorFromDatums(f.type, [partitionValueToDatum(values[f.name] ?? null, f.type)]));
    return pred.select({ length: 1, columns }).count === 1;
  };
}

function warnColumnsWithoutStats(zOrderBy: readonly string[], snap: TableSnapshot, env: StatementEnv): void {
  const dataCols = snap.fields.filter((f) => !snap.partitionColumns.includes(f.name)).map((f) => f.name);
  const missing = zOrderBy.filter((c) => {
    const idx = dataCols.indexOf(c);
    if (idx < 0) return false; // unknown or partition column: the operation reports it
    if (idx >= INDEXED_COLUMNS) return true;
    return snap.files.length > 0 && snap.files.every((f) => f.stats === null || !(c in f.stats.min));
  });
  if (missing.length === 0) return;
  env.notice({
    severity: 'WARNING',
    sqlstate: '01000',
    message: `Z-Ordering on [${missing.join(', ')}] will be ineffective, because we currently do not collect stats for these columns.`,
  });
}
