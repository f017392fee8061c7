/**
 * What DELETE / UPDATE / MERGE share: resolving the target, running internal queries over the target overlay
 * (target_overlay.ts), counting matching rows per data file, and staging + committing the rewrite.
 */
import type { Catalog, DataFile, Table, TableSnapshot } from '../../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { Field } from '../../../../common/types.js';
import { getDatum, type Batch } from '../../../../common/vector.js';
import { executePlan } from '../../../../executor/execute.js';
import { planQuery } from '../../../plan_query.js';
import type { PgNode } from '../../expr/scope.js';
import { execContextOf, planContextOf, type StatementEnv } from '../context.js';
import { rangeVarName, requireTable } from '../names.js';
import { unqualifyTargetColumns } from './qualified_refs.js';
import { countingBatches, throwIfAborted } from '../row_count.js';
import { poolWriter } from '../writer.js';
import { colRef, countStar, resTarget, select } from './ast.js';
import { FILE_COLUMN, targetOverlay, type TargetOverlay } from './target_overlay.js';

export interface DmlTarget {
  readonly table: Table;
  readonly snap: TableSnapshot;
  /** the name the statement's expressions use for the target (its alias, else its table name) */
  readonly alias: string;
  readonly location: number;
  readonly name: string;
  /** the Delta metaData.configuration (table properties) */
  readonly configuration: Readonly<Record<string, string>>;
}

/** The statement's target table; `stmt` (the whole statement) has its `schema.table.column` references unqualified. */
export async function resolveTarget(relation: PgNode, env: StatementEnv, statement: string, stmt: PgNode): Promise<DmlTarget> {
  const n = rangeVarName(relation, env.sql);
  const table = await requireTable(env.catalog, env.searchPath, n);
  unqualifyTargetColumns(stmt, { schema: table.ref.schema, name: n.name, aliased: relation.alias?.aliasname !== undefined });
  if (table.stageFiles === undefined || table.commitChange === undefined) {
    throw new QueryError(SQLSTATE.feature_not_supported, `${statement} is not supported on table "${n.name}"`);
  }
  const snap = await table.snapshot();
  const alias = (relation.alias?.aliasname as string | undefined) ?? n.name;
  const configuration = table.deltaSnapshot === undefined ? {} : (await table.deltaSnapshot(snap.version)).metadata.configuration;
  return { table, snap, alias, location: typeof relation.location === 'number' ? relation.location : -1, name: n.name, configuration };
}

export function overlay(env: StatementEnv, t: DmlTarget, files: readonly DataFile[], rowIds = false): TargetOverlay {
  return targetOverlay(env.catalog, t.table, t.snap, files, t.alias, t.location, rowIds);
}

export interface QueryRun {
  readonly fields: readonly Field[];
  readonly batches: AsyncIterable<Batch>;
}

/** Plan a SelectStmt against `catalog` (optionally with INSERT-like target types) and run it lazily. */
export async function runSelect(env: StatementEnv, catalog: Catalog, stmt: PgNode, targets?: readonly Field[]): Promise<QueryRun> {
  const planned = await planQuery(stmt, { ...planContextOf(env), catalog }, targets === undefined ? undefined : {
    targetTypes: targets.map((f) => f.type),
    targetNames: targets.map((f) => f.name),
  });
  return { fields: planned.fields, batches: executePlan(planned.plan, execContextOf(env)) };
}

/** The target's column references, in table order (`alias.col`). */
export const targetColumns = (t: DmlTarget): PgNode[] => t.snap.fields.map((f) => resTarget(colRef(t.alias, f.name)));

/** Rows matching `where` (null = all) in each file of `files` that has any: `SELECT _pier_file, count(*) … GROUP BY 1`. */
export async function countByFile(env: StatementEnv, t: DmlTarget, files: readonly DataFile[], where: PgNode | null, extraFrom: readonly PgNode[] = []): Promise<Map<string, number>> {
  const o = overlay(env, t, files);
  const fileCol = colRef(t.alias, FILE_COLUMN);
  const stmt = select({ targets: [resTarget(fileCol), resTarget(countStar())], from: [o.rangeVar(), ...extraFrom], where, groupBy: [colRef(t.alias, FILE_COLUMN)] });
  const run = await runSelect(env, o.catalog, stmt);
  const out = new Map<string, number>();
  for await (const b of run.batches) {
    throwIfAborted(env.signal);
    for (let i = 0; i < b.length; i++) out.set(getDatum(b.columns[0]!, i) as string, Number(getDatum(b.columns[1]!, i) as bigint | number));
  }
  return out;
}

/** `SELECT count(*) FROM … WHERE …` as a number. */
export async function countRows(env: StatementEnv, catalog: Catalog, from: readonly PgNode[], where: PgNode | null): Promise<number> {
  const run = await runSelect(env, catalog, select({ targets: [resTarget(countStar())], from, where }));
  let n = 0;
  for await (const b of run.batches) for (let i = 0; i < b.length; i++) n += Number(getDatum(b.columns[0]!, i) as bigint | number);
  return n;
}

export async function* concatBatches(streams: readonly (() => Promise<AsyncIterable<Batch>>)[]): AsyncGenerator<Batch> {
  for (const s of streams) for await (const b of await s()) yield b;
}

export interface RewriteOutcome {
  readonly version: number | null;
  readonly rowsWritten: number;
  readonly filesAdded: number;
  readonly bytesAdded: number;
  readonly bytesRemoved: number;
}

/**
 * Stage `rows` (table order and types) and commit them with removes of `removes` in one commit; `check` runs
 * after staging (rows written known) and may throw to abandon the change. Nothing is committed when there is
 * nothing to remove and nothing written.
 */
export async function stageAndCommit(
  env: StatementEnv,
  t: DmlTarget,
  removes: readonly DataFile[],
  rows: AsyncIterable<Batch>,
  operation: string,
  parameters: Readonly<Record<string, unknown>>,
  metrics: (o: { rowsWritten: number; filesAdded: number; bytesAdded: number; bytesRemoved: number }) => Readonly<Record<string, unknown>>,
  opts: { readonly check?: (rowsWritten: number) => void; readonly readFiles?: readonly DataFile[]; readonly addColumns?: readonly Field[] } = {},
): Promise<RewriteOutcome> {
  const check = opts.check;
  const counter = countingBatches(rows, env.signal);
  // the check runs when the rows end, inside the staging: a failure removes what was staged
  async function* checked(): AsyncGenerator<Batch> {
    yield* counter.batches;
    check?.(counter.rows());
  }
  const addColumns = opts.addColumns !== undefined && opts.addColumns.length > 0 ? { addColumns: opts.addColumns } : {};
  const staged = await t.table.stageFiles!(checked(), { readVersion: t.snap.version, ...poolWriter(env), ...addColumns });
  const bytesAdded = staged.adds.reduce((s, a) => s + a.size, 0);
  const bytesRemoved = removes.reduce((s, f) => s + f.size, 0);
  const o = { rowsWritten: staged.rows, filesAdded: staged.adds.length, bytesAdded, bytesRemoved };
  if (removes.length === 0 && staged.adds.length === 0 && opts.addColumns === undefined) return { version: null, ...o };
  const res = await t.table.commitChange!({
    readVersion: t.snap.version,
    removes: removes.map((f) => f.path),
    adds: staged.adds,
    operation,
    operationParameters: parameters,
    operationMetrics: metrics(o),
    ...(opts.readFiles !== undefined ? { readFiles: opts.readFiles.map((f) => f.path) } : {}),
    ...addColumns,
  });
  return { version: res.version, ...o };
}

/** Text of a clause for operationParameters: from its first token to the end of the statement. */
export function clauseText(node: PgNode | undefined | null, sql: string): string | null {
  if (node === undefined || node === null) return null;
  let min = Infinity;
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) { for (const y of x) walk(y); return; }
    if (x === null || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x)) {
      if (k === 'location' && typeof v === 'number' && v >= 0) min = Math.min(min, v);
      else walk(v);
    }
  };
  walk(node);
  if (!Number.isFinite(min)) return null;
  return Buffer.from(sql, 'utf8').subarray(min).toString('utf8').trim();
}

/** Rows of the table a file holds (its deletion vector's rows excluded); null without stats. */
export const liveRecords = (f: DataFile): number | null => (f.stats === null ? null : f.stats.numRecords - (f.deletionVector?.cardinality ?? 0));

export const sumRecords = (files: readonly DataFile[]): number | null => {
  let n = 0;
  for (const f of files) {
    const r = liveRecords(f);
    if (r === null) return null;
    n += r;
  }
  return n;
};
