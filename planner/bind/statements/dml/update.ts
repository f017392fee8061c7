/**
 * UPDATE t [AS a] SET c = …, (c1, c2) = (…) [FROM …] [WHERE …] [RETURNING …]   → `UPDATE n` (+ the new rows' RETURNING values)
 * Copy-on-write: count the matching rows per data file (pruned by partition values and stats), then rewrite
 * only the files with matches as two disjoint streams — the rows that do not match, unchanged
 * (`NOT (cond IS TRUE)`), and the new versions of the rows that do, computed only for those rows (so an
 * expression is never evaluated on a row the WHERE excludes) and assignment-cast to the column types
 * (42804 as PostgreSQL). A new partition value moves the row to its partition. One commit (operation UPDATE).
 * With FROM, the match test is `EXISTS (SELECT 1 FROM … WHERE cond)` and the new rows come from the join, one
 * per target row (`DISTINCT ON (_pier_file, _pier_row)`: like PostgreSQL, an arbitrary one of several FROM rows).
 */
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { Field } from '../../../../common/types.js';
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import { checkAppendOnly } from '../../../../catalog/constraints.js';
import { PIER_FILE_COLUMN, PIER_ROW_COLUMN } from '../../../../catalog/metadata_columns.js';
import { colRef, existsIn, notTrue, resTarget, select } from './ast.js';
import { bindAssignments } from './assignments.js';
import type { StatementOutcome } from '../execute_statement.js';
import { dmlReturning } from '../returning/dml_returning.js';
import { dmlOutcome } from '../returning/returning_rows.js';
import { clauseText, concatBatches, countByFile, overlay, resolveTarget, runSelect, stageAndCommit, targetColumns } from './dml_target.js';

/**
 * Everything but the work: the target, the SET / FROM / WHERE expressions planned once over no rows (so their
 * errors come even when no row matches, and parameters get their types, as PostgreSQL infers them, before
 * RETURNING's), the RETURNING list.
 */
async function bindUpdate(stmt: PgNode, env: StatementEnv) {
  if (stmt.withClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'WITH ... UPDATE is not supported');
  const t = await resolveTarget(stmt.relation, env, 'UPDATE', stmt);
  checkAppendOnly(t.configuration, t.name, 'update');
  const fields = t.snap.fields;
  const sets = bindAssignments((stmt.targetList ?? []) as PgNode[], fields, t.name, env.sql);
  const from = (stmt.fromClause ?? []) as PgNode[];
  const where = (stmt.whereClause ?? null) as PgNode | null;
  const cond: PgNode | null = from.length > 0 ? existsIn(from, where) : where;
  const newRow = (rangeVar: PgNode) => {
    const s = select({ targets: fields.map((f, i) => resTarget(sets.get(i) ?? colRef(t.alias, f.name))), from: [rangeVar, ...from], where });
    // with FROM, one new row per target row even when it joins several FROM rows
    if (from.length > 0) s.SelectStmt.distinctClause = [colRef(t.alias, PIER_FILE_COLUMN), colRef(t.alias, PIER_ROW_COLUMN)];
    return s;
  };

  const empty = overlay(env, t, [], from.length > 0);
  await runSelect(env, empty.catalog, newRow(empty.rangeVar()), fields);
  const returning = dmlReturning(stmt, t, env);
  return { t, fields, from, where, cond, newRow, returning };
}

/** The RETURNING columns of an UPDATE before it runs (Describe); parameter types are inferred into `env.paramTypes`. */
export async function describeUpdate(stmt: PgNode, env: StatementEnv): Promise<readonly Field[] | null> {
  return (await bindUpdate(stmt, env)).returning?.fields ?? null;
}

export async function executeUpdate(stmt: PgNode, env: StatementEnv): Promise<StatementOutcome> {
  const t0 = performance.now();
  const { t, fields, from, where, cond, newRow, returning } = await bindUpdate(stmt, env);
  const counts = await countByFile(env, t, t.snap.files, cond);
  const touched = t.snap.files.filter((f) => (counts.get(f.path) ?? 0) > 0);
  const updated = touched.reduce((s, f) => s + counts.get(f.path)!, 0);
  if (touched.length === 0) return dmlOutcome('UPDATE 0', returning);
  const o = overlay(env, t, touched, from.length > 0);
  const streams = [
    // RETURNING is evaluated on the new rows as they are written
    async () => { const b = (await runSelect(env, o.catalog, newRow(o.rangeVar()), fields)).batches; return returning === null ? b : returning.tap(b); },
    ...(cond === null ? [] : [async () => (await runSelect(env, o.catalog, select({ targets: targetColumns(t), from: [o.rangeVar()], where: notTrue(cond) }), fields)).batches]),
  ];
  await stageAndCommit(
    env, t, touched, concatBatches(streams),
    'UPDATE',
    { predicate: JSON.stringify(where === null ? [] : [clauseText(where, env.sql) ?? 'true']) },
    (m) => ({
      numRemovedFiles: touched.length,
      numAddedFiles: m.filesAdded,
      numUpdatedRows: updated,
      numCopiedRows: m.rowsWritten - updated,
      numAddedChangeFiles: 0,
      numRemovedBytes: m.bytesRemoved,
      numAddedBytes: m.bytesAdded,
      executionTimeMs: Math.round(performance.now() - t0),
    }),
  );
  return dmlOutcome(`UPDATE ${updated}`, returning);
}
