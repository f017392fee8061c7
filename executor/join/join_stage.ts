/**
 * One hash-join probe as plain data (a "stage"), so the probe can run where the probe rows are produced:
 * inside the scan tasks in the workers (broadcast joins: the built side travels with the task) or on the
 * main thread. A stage never emits unmatched build rows (only joins that do not preserve the build side
 * become stages). Output columns are always left ++ right, like HashJoinOperator.
 */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { T, type SqlType } from '../../common/types.js';
import { isScaledNumerics } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import { compileExpr, compilePredicate, type EvalContext } from '../expr/compile.js';
import { joinRows, PairBuffer, unmatchedRows } from '../operators/join_output.js';
import { buildJoinTable, joinTableFromData, shareJoinTable, type IntTableData, type JoinTable } from './join_table.js';
import { packStrings, shareBatch, unpackStrings, type PackedStrings } from './share.js';
import { semiProbe } from './semi_probe.js';
import { compactPairs, PairFilter } from './residual.js';

export interface JoinStage {
  /** unique per execution: the key of the built table in a thread's cache */
  readonly id: string;
  /**
   * 'hash': output left ++ right; 'semi' / 'anti': the probe (left) rows with / without a match (NOT IN:
   * `nullAware`), the build side being the right; an anti or semi join without keys pairs every row;
   * 'mark' (keys): one int4 column, the build rows some probe row of the batch matched (each once; with a
   * residual, only pairs that pass it count).
   */
  readonly kind: 'hash' | 'semi' | 'anti' | 'mark';
  readonly nullAware?: boolean;
  readonly buildLeft: boolean;
  /** emit probe rows without a match, NULL-extended (LEFT join probing the left side, …) */
  readonly keepProbe: boolean;
  readonly leftSchema: Schema;
  readonly rightSchema: Schema;
  /** the whole build side (null: empty) */
  readonly build: Batch | null;
  readonly buildKeys: readonly BoundExpr[];
  readonly probeKeys: readonly BoundExpr[];
  readonly residual: BoundExpr | null;
  /** the table built on the main thread, in shared memory (absent: each thread builds its own) */
  readonly table?: IntTableData | null;
  /** build columns packed into shared memory (their `build` vectors hold no data until unpacked by readyStage) */
  readonly packed?: readonly (PackedStrings | null)[];
}

/** A stage ready to probe: its table (built once per thread) and compiled expressions. */
export interface ReadyStage {
  readonly stage: JoinStage;
  readonly build: Batch | null;
  readonly table: JoinTable | null;
  readonly probeKeyEval: (b: Batch) => Vector[];
  readonly residual: PairFilter | null;
  readonly pairs: PairBuffer;
}

function keyEvaluator(schema: Schema, keys: readonly BoundExpr[], ev: EvalContext): (b: Batch) => Vector[] {
  const types = schema.map((f) => f.type);
  const compiled = keys.map((k) => (k.kind === 'column' ? null : compileExpr(k, types, ev)));
  return (b) => keys.map((k, i) => (k.kind === 'column' ? b.columns[k.index]! : compiled[i]!.evaluate(b)));
}

/** Tables built in this thread, by stage id (a stage's build rows are the same in every task). */
const tables = new Map<string, JoinTable | null>();
const MAX_CACHED_TABLES = 4;

/** types whose vectors hold string[] (common/vector.ts) */
const STRING_KINDS: ReadonlySet<string> = new Set(['text', 'varchar', 'bpchar', 'unknown', 'bytea', 'json', 'jsonb']);

/**
 * Whether every column of `b` goes to the workers through shared memory (typed arrays, compact numerics,
 * strings unless `strings` is false: stageForWorkers), so handing a big built side to the scan tasks copies
 * nothing per task.
 */
export function sharesWhole(b: Batch, strings = true): boolean {
  return b.columns.every((c) => ArrayBuffer.isView(c.data) || isScaledNumerics(c.data) || (strings && STRING_KINDS.has(c.type.kind) && Array.isArray(c.data)));
}

/** Build sides unpacked in this thread, by stage id. */
const unpacked = new Map<string, Batch>();

/** The stage's build rows with its packed columns unpacked (once per thread). */
function buildRows(stage: JoinStage): Batch | null {
  const b = stage.build;
  const packed = stage.packed;
  if (b === null || packed === undefined) return b;
  let out = unpacked.get(stage.id);
  if (out === undefined) {
    out = { length: b.length, columns: b.columns.map((c, i) => (packed[i] ? { ...c, data: unpackStrings(packed[i]!) } : c)) };
    if (unpacked.size >= MAX_CACHED_TABLES) unpacked.delete(unpacked.keys().next().value!);
    unpacked.set(stage.id, out);
  }
  return out;
}

/** Prepare a stage (reusing this thread's table for the same stage id). */
export function readyStage(stage: JoinStage, ev: EvalContext, table?: JoinTable | null): ReadyStage {
  const build = buildRows(stage);
  const buildSchema = stage.buildLeft ? stage.leftSchema : stage.rightSchema;
  const probeSchema = stage.buildLeft ? stage.rightSchema : stage.leftSchema;
  let t = table !== undefined ? table : stage.table != null ? joinTableFromData(stage.table) : tables.get(stage.id);
  if (t === undefined) {
    t = build === null || stage.buildKeys.length === 0 ? null : buildJoinTable(keyEvaluator(buildSchema, stage.buildKeys, ev)(build), build.length, stage.probeKeys.map((k) => k.type));
    if (tables.size >= MAX_CACHED_TABLES) tables.delete(tables.keys().next().value!);
    tables.set(stage.id, t);
  }
  const joined = [...stage.leftSchema, ...stage.rightSchema].map((f) => f.type);
  return {
    stage,
    build,
    table: t,
    probeKeyEval: keyEvaluator(probeSchema, stage.probeKeys, ev),
    residual: stage.residual ? new PairFilter(stage.residual, compilePredicate(stage.residual, joined, ev), stage.leftSchema, stage.rightSchema) : null,
    pairs: new PairBuffer(),
  };
}

/**
 * The stage as sent to the scan tasks: its table built here once and both it and the built rows'
 * fixed-width and string columns in shared memory (no per-task copies, no per-worker builds).
 */
export function stageForWorkers(stage: JoinStage, ev: EvalContext): JoinStage {
  const ready = readyStage(stage, ev);
  dropStage(stage.id);
  const table = ready.table === null ? null : shareJoinTable(ready.table);
  if (stage.build === null) return { ...stage, table };
  const shared = shareBatch(stage.build);
  const packed = shared.columns.map((c) => (STRING_KINDS.has(c.type.kind) && Array.isArray(c.data) ? packStrings(c.data, c.length) : null));
  if (packed.every((x) => x === null)) return { ...stage, build: shared, table };
  const build: Batch = { length: shared.length, columns: shared.columns.map((c, i) => (packed[i] ? { ...c, data: [] } : c)) };
  return { ...stage, build, table, packed };
}

/** Forget a stage's table (and unpacked build rows) in this thread. */
export function dropStage(id: string): void {
  tables.delete(id);
  unpacked.delete(id);
}

/**
 * Probe one batch: the joined rows (and NULL-extended unmatched probe rows when kept); `buildMatched`
 * (when given) gets the matched build rows.
 */
export function probeStage(s: ReadyStage, pb: Batch, buildMatched: Uint8Array | null = null): Batch[] {
  if (s.stage.kind === 'mark') return markProbe(s, pb);
  if (s.stage.kind !== 'hash') return semiProbe(s, pb);
  const { stage, build } = s;
  const out = (probeBatch: Batch | null, psel: Int32Array, bsel: Int32Array, n: number): Batch =>
    stage.buildLeft
      ? joinRows(stage.leftSchema, build, bsel, stage.rightSchema, probeBatch, psel, n)
      : joinRows(stage.leftSchema, probeBatch, psel, stage.rightSchema, build, bsel, n);
  if (pb.length === 0) return [];
  const { psel, bsel, n } = matchedPairs(s, pb);
  const result: Batch[] = [];
  if (buildMatched) for (let j = 0; j < n; j++) buildMatched[bsel[j]!] = 1;
  if (n > 0) result.push(out(pb, psel, bsel, n));
  if (stage.keepProbe) {
    const matched = new Uint8Array(pb.length);
    for (let j = 0; j < n; j++) matched[psel[j]!] = 1;
    const un = unmatchedRows(matched, pb.length);
    if (un.length > 0) result.push(out(pb, un, new Int32Array(un.length).fill(-1), un.length));
  }
  return result;
}

/** The (probe row, build row) pairs of `pb` with equal keys that pass the stage's residual. */
function matchedPairs(s: ReadyStage, pb: Batch): { psel: Int32Array; bsel: Int32Array; n: number } {
  const { stage, build, table, pairs } = s;
  pairs.reset();
  if (table !== null && table.size > 0) table.probe(s.probeKeyEval(pb), pb.length, pairs);
  let psel: Int32Array = pairs.l.subarray(0, pairs.n);
  let bsel: Int32Array = pairs.r.subarray(0, pairs.n);
  let n = pairs.n;
  if (n > 0 && s.residual) {
    const { sel, count } = stage.buildLeft ? s.residual.select(build, bsel, pb, psel, n) : s.residual.select(pb, psel, build, bsel, n);
    if (count < n) {
      [psel, bsel] = compactPairs(psel, bsel, sel, count);
      n = count;
    }
  }
  return { psel, bsel, n };
}

/**
 * The build rows (each once) that some row of `pb` matches — and, with a residual, that the pair passes —
 * as one int4 column.
 */
function markProbe(s: ReadyStage, pb: Batch): Batch[] {
  const build = s.build;
  if (pb.length === 0 || build === null) return [];
  const { bsel, n } = matchedPairs(s, pb);
  const seen = new Uint8Array(build.length);
  const rows = new Int32Array(Math.min(n, build.length));
  let k = 0;
  for (let j = 0; j < n; j++) {
    const r = bsel[j]!;
    if (seen[r] === 0) { seen[r] = 1; rows[k++] = r; }
  }
  return k === 0 ? [] : [{ length: k, columns: [{ type: T.int4, length: k, data: rows.subarray(0, k), nulls: null }] }];
}

/**
 * The column types of a stage's output rows: left ++ right for a hash join, the probe (left) rows for semi /
 * anti, one int4 for mark.
 */
export function stageOutputTypes(stage: JoinStage): SqlType[] {
  if (stage.kind === 'mark') return [T.int4];
  const cols = stage.kind === 'hash' ? [...stage.leftSchema, ...stage.rightSchema] : stage.leftSchema;
  return cols.map((f) => f.type);
}

/** Run batches through stages in order. */
export function probeStages(stages: readonly ReadyStage[], b: Batch): Batch[] {
  let cur = [b];
  for (const s of stages) cur = cur.flatMap((x) => probeStage(s, x));
  return cur;
}
