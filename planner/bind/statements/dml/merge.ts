/**
 * MERGE INTO target [AS t] USING source [AS s] ON cond WHEN …   → `MERGE n` (rows inserted + updated + deleted)
 * PostgreSQL 15's clauses (WHEN MATCHED [AND …] THEN UPDATE SET … | DELETE | DO NOTHING, WHEN NOT MATCHED
 * [BY TARGET] [AND …] THEN INSERT … | DO NOTHING) plus Databricks' WHEN NOT MATCHED BY SOURCE, UPDATE SET * and
 * INSERT * (merge_star_statement.ts). Clauses of a kind are tried in order, the first whose condition holds wins.
 *
 * Copy-on-write without row identities, as queries over the target overlay (target_overlay.ts):
 * 1. candidate target files: pruned by the source's min/max of each `t.k = s.k` key (merge_prune.ts), unless a
 *    BY SOURCE clause may act (then every file);
 * 2. per file, the target rows some MATCHED UPDATE/DELETE acts on (`EXISTS (source row: ON AND acting)`) and
 *    the rows a BY SOURCE clause acts on; a target row acted on by two source rows is 21000: the number of
 *    acting (target, source) pairs must equal the number of acted target rows;
 * 3. the files with acted rows are rewritten as disjoint streams: rows nothing acts on, unchanged; for each
 *    UPDATE clause the new rows (its join with the source, filtered to the rows it wins); then each INSERT
 *    clause's rows (source rows without a match among the candidate files); one commit (operation MERGE).
 */
import { returningList } from '../returning/bind_returning.js';
import type { DataFile } from '../../../../catalog/catalog.js';
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { Batch } from '../../../../common/vector.js';
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import { T, type Field } from '../../../../common/types.js';
import { mergeSchemaEnabled } from '../../../../catalog/schema_evolution.js';
import { checkAppendOnly } from '../../../../catalog/constraints.js';
import { throwIfAborted } from '../row_count.js';
import { and, colRef, existsIn, innerJoin, not, resTarget, select } from './ast.js';
import { clauseText, countByFile, countRows, overlay, resolveTarget, runSelect, stageAndCommit, targetColumns, type DmlTarget } from './dml_target.js';
import { actingCondition, bindMergeClauses, type MergeClause } from './merge_clauses.js';
import { candidateFiles, equalityKeys } from './merge_prune.js';
import type { TargetOverlay } from './target_overlay.js';

export async function executeMerge(stmt: PgNode, env: StatementEnv): Promise<string> {
  if (stmt.withClause !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'WITH ... MERGE is not supported');
  if (returningList(stmt) !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'MERGE ... RETURNING is not supported');
  const t0 = performance.now();
  const t = await resolveTarget(stmt.relation, env, 'MERGE', stmt);
  const tableFields = t.snap.fields;
  // schema evolution: with mergeSchema on, UPDATE SET * / INSERT * add the source's columns the table lacks
  const added = await evolvedColumns(stmt, env, t);
  const fields = [...tableFields, ...added];
  const source = stmt.sourceRelation as PgNode;
  const sourceAlias = aliasOf(source);
  const on = stmt.joinCondition as PgNode;
  const clauses = bindMergeClauses((stmt.mergeWhenClauses ?? []) as PgNode[], { fields, relation: t.name, sourceAlias: sourceAlias ?? '', sql: env.sql });
  const actM = actingCondition(clauses.matched);
  const actB = actingCondition(clauses.notMatchedBySource);
  // appends only (INSERT clauses) are allowed on an appendOnly table
  if (actM !== null || actB !== null) checkAppendOnly(t.configuration, t.name, 'merge into');
  const matchedBy = (extra: PgNode | null): PgNode => existsIn([source], and(on, extra));

  const queries = (o: TargetOverlay, candidates: TargetOverlay) => ({
    kept: select({ targets: [...targetColumns(t), ...added.map(() => resTarget(NULL_NODE))], from: [o.rangeVar()], where: and(actM === null ? null : not(matchedBy(actM)), actB === null ? null : not(and(not(matchedBy(null)), actB)!)) }),
    matchedUpdate: (c: MergeClause) => select({ targets: newRow(t, fields, c), from: [innerJoin(o.rangeVar(), source, on)], where: c.chosen }),
    bySourceUpdate: (c: MergeClause) => select({ targets: newRow(t, fields, c), from: [o.rangeVar()], where: and(not(matchedBy(null)), c.chosen) }),
    insert: (c: MergeClause) => select({ targets: newRow(t, fields, c), from: [source], where: and(not(existsIn([candidates.rangeVar()], on)), c.chosen) }),
  });

  // bind every clause now: their errors come even when no row reaches them
  const none = overlay(env, t, []);
  const q0 = queries(none, none);
  await runSelect(env, none.catalog, q0.kept, fields);
  for (const c of clauses.matched) if (c.action.kind === 'update') await runSelect(env, none.catalog, q0.matchedUpdate(c), fields);
  for (const c of clauses.notMatchedBySource) if (c.action.kind === 'update') await runSelect(env, none.catalog, q0.bySourceUpdate(c), fields);
  for (const c of clauses.notMatched) if (c.action.kind === 'insert') await runSelect(env, none.catalog, q0.insert(c), fields);

  const candidates = actB !== null || sourceAlias === null
    ? t.snap.files
    : await candidateFiles(env, env.catalog, t.snap.files, tableFields, equalityKeys(on, t.alias, sourceAlias, tableFields), source);
  const cand = overlay(env, t, candidates);
  throwIfAborted(env.signal);

  const mCounts = actM === null ? new Map<string, number>() : await countByFile(env, t, candidates, matchedBy(actM));
  const matchedActed = sum(mCounts);
  if (actM !== null && matchedActed > 0) {
    const pairs = await countRows(env, cand.catalog, [innerJoin(cand.rangeVar(), source, on)], actM);
    if (pairs > matchedActed) {
      throw new QueryError(SQLSTATE.cardinality_violation, 'MERGE command cannot affect row a second time', {
        hint: 'Ensure that not more than one source row matches any one target row.',
      });
    }
  }
  const bCounts = actB === null ? new Map<string, number>() : await countByFile(env, t, candidates, and(not(matchedBy(null)), actB));
  const bySourceActed = sum(bCounts);
  const touched: DataFile[] = candidates.filter((f) => (mCounts.get(f.path) ?? 0) + (bCounts.get(f.path) ?? 0) > 0);
  const o = overlay(env, t, touched);
  const q = queries(o, cand);

  const counted = { matchedUpdated: 0, bySourceUpdated: 0, inserted: 0 };
  const streams: (() => Promise<AsyncIterable<Batch>>)[] = [];
  const add = (stmtNode: PgNode, key: keyof typeof counted | null, over: TargetOverlay = o): void => {
    streams.push(async () => countInto((await runSelect(env, over.catalog, stmtNode, fields)).batches, (n) => { if (key !== null) counted[key] += n; }));
  };
  if (touched.length > 0) {
    add(q.kept, null);
    for (const c of clauses.matched) if (c.action.kind === 'update') add(q.matchedUpdate(c), 'matchedUpdated');
    for (const c of clauses.notMatchedBySource) if (c.action.kind === 'update') add(q.bySourceUpdate(c), 'bySourceUpdated');
  }
  for (const c of clauses.notMatched) if (c.action.kind === 'insert') add(q.insert(c), 'inserted', cand);

  const res = await stageAndCommit(
    env, t, touched, concat(streams),
    'MERGE',
    {
      predicate: JSON.stringify([(clauseText(on, env.sql) ?? '').split(/\s+when\s+/i)[0]!]),
      matchedPredicates: JSON.stringify(clauses.matched.map(describe)),
      notMatchedPredicates: JSON.stringify(clauses.notMatched.map(describe)),
      notMatchedBySourcePredicates: JSON.stringify(clauses.notMatchedBySource.map(describe)),
    },
    (m) => {
      const updated = counted.matchedUpdated + counted.bySourceUpdated;
      const deleted = matchedActed + bySourceActed - updated;
      return {
        numTargetRowsInserted: counted.inserted,
        numTargetRowsUpdated: updated,
        numTargetRowsDeleted: deleted,
        numTargetRowsMatchedUpdated: counted.matchedUpdated,
        numTargetRowsMatchedDeleted: matchedActed - counted.matchedUpdated,
        numTargetRowsNotMatchedBySourceUpdated: counted.bySourceUpdated,
        numTargetRowsNotMatchedBySourceDeleted: bySourceActed - counted.bySourceUpdated,
        numTargetRowsCopied: m.rowsWritten - updated - counted.inserted,
        numOutputRows: m.rowsWritten,
        numTargetFilesRemoved: touched.length,
        numTargetFilesAdded: m.filesAdded,
        numTargetBytesRemoved: m.bytesRemoved,
        numTargetBytesAdded: m.bytesAdded,
        numTargetFilesScanned: candidates.length,
        numTargetFilesSkipped: t.snap.files.length - candidates.length,
        executionTimeMs: Math.round(performance.now() - t0),
      };
    },
    { readFiles: candidates, addColumns: added },
  );
  void res;
  return `MERGE ${matchedActed + bySourceActed + counted.inserted}`;
}

const NULL_NODE: PgNode = { A_Const: { isnull: true, location: -1 } };

/** Source columns a star clause brings that the table lacks, when the table's mergeSchema property is on. */
async function evolvedColumns(stmt: PgNode, env: StatementEnv, t: DmlTarget): Promise<Field[]> {
  const star = ((stmt.mergeWhenClauses ?? []) as PgNode[]).some((w) => w.MergeWhenClause?.pierStar === true);
  if (!star || !mergeSchemaEnabled(t.configuration)) return [];
  const run = await runSelect(env, env.catalog, select({ targets: [resTarget({ ColumnRef: { fields: [{ A_Star: {} }], location: -1 } })], from: [stmt.sourceRelation as PgNode] }));
  const have = new Set(t.snap.fields.map((f) => f.name));
  const out: Field[] = [];
  for (const f of run.fields) {
    if (have.has(f.name)) continue;
    have.add(f.name);
    out.push({ name: f.name, type: f.type.kind === 'unknown' ? T.text : f.type, nullable: true });
  }
  return out;
}

function aliasOf(source: PgNode): string | null {
  const rv = source.RangeVar as PgNode | undefined;
  if (rv !== undefined) return (rv.alias?.aliasname as string | undefined) ?? (rv.relname as string);
  const inner = Object.values(source)[0] as PgNode | undefined;
  return (inner?.alias?.aliasname as string | undefined) ?? null;
}

/** The target row an UPDATE or INSERT clause produces, in table order (unassigned: old value / NULL). */
function newRow(t: DmlTarget, fields: readonly Field[], c: MergeClause): PgNode[] {
  const a = c.action;
  const old = t.snap.fields.length;
  if (a.kind === 'update') return fields.map((f, i) => resTarget(a.sets.get(i) ?? (i < old ? colRef(t.alias, f.name) : NULL_NODE)));
  if (a.kind === 'insert') return fields.map((_, i) => resTarget(a.values.get(i) ?? NULL_NODE));
  throw new Error(`merge: no new row for ${a.kind}`);
}

function describe(c: MergeClause): { actionType: string } {
  return { actionType: c.action.kind };
}

function sum(m: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

async function* countInto(src: AsyncIterable<Batch>, onRows: (n: number) => void): AsyncGenerator<Batch> {
  for await (const b of src) {
    onRows(b.length);
    yield b;
  }
}

async function* concat(streams: readonly (() => Promise<AsyncIterable<Batch>>)[]): AsyncGenerator<Batch> {
  for (const s of streams) yield* await s();
}
