/**
 * INSERT INTO t [(cols)] VALUES ... | SELECT ... | DEFAULT VALUES [RETURNING …]   → `INSERT 0 n` (+ rows)
 * The source query is planned with the target column types (unknown literals read as those types, other
 * expressions assignment-cast); columns not listed are NULL. Rows reach the table in one commit.
 */
import type { Table } from '../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { constantVector, type Batch } from '../../../common/vector.js';
import { executePlan } from '../../../executor/execute.js';
import type { PlannedQuery } from '../../api.js';
import { planQuery } from '../../plan_query.js';
import type { PgNode } from '../expr/scope.js';
import { execContextOf, planContextOf, type StatementEnv } from './context.js';
import { positionOf, rangeVarName, requireTable } from './names.js';
import { poolWriter } from './writer.js';
import { countingBatches, throwIfAborted } from './row_count.js';
import { T } from '../../../common/types.js';
import { mergeSchemaAllowed } from './alter_merge_schema.js';
import type { StatementOutcome } from './execute_statement.js';
import type { BoundReturning } from './returning/bind_returning.js';
import { boundReturning } from './returning/dml_returning.js';
import { dmlOutcome, returningRows } from './returning/returning_rows.js';

export interface BoundInsert {
  readonly table: Table;
  readonly fields: readonly Field[];
  /** for each table column, the index of the source column feeding it, or -1 (NULL) */
  readonly sourceOf: readonly number[];
  /** null for DEFAULT VALUES */
  readonly planned: PlannedQuery | null;
  readonly snapshotVersion: number;
  /** columns this INSERT adds to the table (mergeSchema), at the end of `fields` */
  readonly addColumns?: readonly Field[];
  /** the RETURNING list over `fields`, null without one */
  readonly returning: BoundReturning | null;
}

export async function bindInsert(stmt: PgNode, env: StatementEnv): Promise<BoundInsert> {
  if (stmt.withClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'WITH ... INSERT is not supported');
  if (stmt.onConflictClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'INSERT ... ON CONFLICT is not supported', { position: positionOf(stmt.onConflictClause, env.sql) });
  const n = rangeVarName(stmt.relation, env.sql);
  if (stmt.relation.alias !== undefined) {
    // allowed by PostgreSQL; nothing to do since column lists are never qualified here
  }
  const table = await requireTable(env.catalog, env.searchPath, n);
  const snap = await table.snapshot();
  const fields: Field[] = [...snap.fields];
  // mergeSchema: columns the table lacks are added by this INSERT (catalog/schema_evolution.ts)
  const evolve = await mergeSchemaAllowed(table, snap.version);
  const added: number[] = [];
  const targets: number[] = [];
  const cols = (stmt.cols ?? []) as PgNode[];
  for (const c of cols) {
    const rt = c.ResTarget as PgNode;
    if (rt.indirection !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'INSERT into subfields or array elements is not supported', { position: positionOf(rt, env.sql) });
    let idx = fields.findIndex((f) => f.name === rt.name);
    if (idx < 0 && evolve) { added.push((idx = fields.push({ name: rt.name as string, type: T.unknown, nullable: true }) - 1)); }
    if (idx < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${rt.name}" of relation "${n.name}" does not exist`, { position: positionOf(rt, env.sql) });
    if (targets.includes(idx)) throw new QueryError(SQLSTATE.duplicate_column, `column "${rt.name}" specified more than once`, { position: positionOf(rt, env.sql) });
    targets.push(idx);
  }
  const explicit = cols.length > 0;
  if (!explicit) for (let i = 0; i < fields.length; i++) targets.push(i);

  // RETURNING is bound after the source, so parameters are typed by the VALUES / SELECT first (as PostgreSQL)
  const returning = (f: readonly Field[]): BoundReturning | null => boundReturning(stmt, f, n.name, table.ref.schema, env);
  if (stmt.selectStmt === undefined) {
    return { table, fields, sourceOf: fields.map(() => -1), planned: null, snapshotVersion: snap.version, returning: returning(fields) };
  }
  const width = sourceWidth(stmt.selectStmt, targets.length, env.sql);
  if (width !== null && width.count > targets.length) {
    throw new QueryError(SQLSTATE.syntax_error, 'INSERT has more expressions than target columns', { position: width.position });
  }
  const used = width === null ? targets : targets.slice(0, width.count);
  const planned = await planQuery(stmt.selectStmt, planContextOf(env), {
    targetTypes: used.map((i) => (added.includes(i) ? (undefined as unknown as Field['type']) : fields[i]!.type)),
    targetNames: used.map((i) => fields[i]!.name),
  });
  if (planned.fields.length > targets.length) throw new QueryError(SQLSTATE.syntax_error, 'INSERT has more expressions than target columns');
  if (explicit && planned.fields.length < targets.length) throw new QueryError(SQLSTATE.syntax_error, 'INSERT has more target columns than expressions');
  const sourceOf = fields.map(() => -1);
  for (let j = 0; j < planned.fields.length; j++) sourceOf[targets[j]!] = j;
  for (const i of added) fields[i] = { ...fields[i]!, type: sourceOf[i]! < 0 ? T.text : planned.fields[sourceOf[i]!]!.type };
  return { table, fields, sourceOf, planned, snapshotVersion: snap.version, ...(added.length > 0 ? { addColumns: added.map((i) => fields[i]!) } : {}), returning: returning(fields) };
}

/** Number of expressions the source query gives (when cheap to tell from the AST) and where an extra one starts. */
function sourceWidth(select: PgNode, targets: number, sql: string): { readonly count: number; readonly position: number | undefined } | null {
  const s = select.SelectStmt as PgNode | undefined;
  if (s === undefined) return null;
  const rows = s.valuesLists as PgNode[] | undefined;
  if (rows !== undefined && rows.length > 0) {
    let count = 0;
    let position: number | undefined;
    for (const r of rows) {
      const items = (r.List?.items ?? []) as PgNode[];
      if (items.length > count) count = items.length;
      if (position === undefined && items.length > targets) position = exprPosition(items[targets]!, sql);
    }
    return { count, position };
  }
  return null;
}

function exprPosition(node: PgNode, sql: string): number | undefined {
  const inner = Object.values(node)[0] as PgNode | undefined;
  return inner === undefined ? undefined : positionOf(inner, sql);
}

/** Runs the INSERT; with RETURNING, the inserted rows' values come back once the commit succeeded. */
export async function executeInsert(stmt: PgNode, env: StatementEnv): Promise<StatementOutcome> {
  const bound = await bindInsert(stmt, env);
  throwIfAborted(env.signal);
  const source: AsyncIterable<Batch> = bound.planned === null ? oneNullRow() : executePlan(bound.planned.plan, execContextOf(env));
  const counter = countingBatches(source, env.signal);
  const shaped = reshape(counter.batches, bound);
  const rows = bound.returning === null ? null : returningRows(bound.returning, env);
  const res = await bound.table.append(rows === null ? shaped : rows.tap(shaped), { operation: 'WRITE', readVersion: bound.snapshotVersion, ...poolWriter(env), ...(bound.addColumns !== undefined ? { addColumns: bound.addColumns } : {}) });
  return dmlOutcome(`INSERT 0 ${res.rows}`, rows);
}

export async function* oneNullRow(): AsyncGenerator<Batch> {
  yield { length: 1, columns: [] };
}

/** Source batches → batches in table column order, NULL columns for the ones not inserted. */
export async function* reshape(source: AsyncIterable<Batch>, bound: BoundInsert): AsyncGenerator<Batch> {
  for await (const b of source) {
    if (b.length === 0) continue;
    yield {
      length: b.length,
      columns: bound.fields.map((f, i) => {
        const j = bound.sourceOf[i]!;
        return j < 0 ? constantVector(f.type, null, b.length) : { ...b.columns[j]!, type: f.type };
      }),
    };
  }
}
