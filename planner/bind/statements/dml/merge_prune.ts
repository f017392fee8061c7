/**
 * Target files a MERGE must look at: for every `target.col = source.col` conjunct of the ON condition, the
 * source's min and max of that key (one aggregate query over the source) are compared with each file's
 * partition value or min/max stats; a file whose range misses the source's range for some key cannot hold a
 * matching row. An empty source (or only NULL keys) matches nothing.
 */
import type { Catalog, DataFile } from '../../../../catalog/catalog.js';
import type { Datum } from '../../../../common/datum.js';
import type { Field, SqlType } from '../../../../common/types.js';
import { getDatum } from '../../../../common/vector.js';
import type { PgNode } from '../../expr/scope.js';
import type { StatementEnv } from '../context.js';
import { aggCall, resTarget, select } from './ast.js';
import { runSelect } from './dml_target.js';

interface KeyPair {
  readonly column: number;
  readonly source: PgNode;
}

function conjuncts(n: PgNode): PgNode[] {
  const b = n.BoolExpr as PgNode | undefined;
  if (b !== undefined && b.boolop === 'AND_EXPR') return (b.args as PgNode[]).flatMap(conjuncts);
  return [n];
}

function refName(n: PgNode): readonly string[] | null {
  const c = n.ColumnRef as PgNode | undefined;
  if (c === undefined) return null;
  const names = (c.fields as PgNode[]).map((f) => f.String?.sval as string | undefined);
  return names.every((x) => x !== undefined) ? (names as string[]) : null;
}

/** `t.col = s.x` / `s.x = t.col` conjuncts (qualified names only). */
export function equalityKeys(on: PgNode, targetAlias: string, sourceAlias: string, fields: readonly Field[]): KeyPair[] {
  const out: KeyPair[] = [];
  for (const c of conjuncts(on)) {
    const e = c.A_Expr as PgNode | undefined;
    if (e === undefined || e.kind !== 'AEXPR_OP' || (e.name as PgNode[]).length !== 1 || (e.name as PgNode[])[0]!.String?.sval !== '=') continue;
    const l = refName(e.lexpr as PgNode), r = refName(e.rexpr as PgNode);
    if (l === null || r === null || l.length !== 2 || r.length !== 2) continue;
    const pick = (t: readonly string[], s: readonly string[], sNode: PgNode): void => {
      if (t[0] !== targetAlias || s[0] !== sourceAlias) return;
      const column = fields.findIndex((f) => f.name === t[1]);
      if (column >= 0) out.push({ column, source: sNode });
    };
    pick(l, r, e.rexpr as PgNode);
    pick(r, l, e.lexpr as PgNode);
  }
  return out;
}

/** Compare two datums of comparable kinds; null when Pier should not guess (then nothing is pruned). */
function cmp(a: Datum, b: Datum, ta: SqlType, tb: SqlType): number | null {
  const ints = new Set(['int2', 'int4', 'int8', 'date']);
  if (ints.has(ta.kind) && ints.has(tb.kind) && (ta.kind === 'date') === (tb.kind === 'date')) {
    const x = BigInt(a as number | bigint), y = BigInt(b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const texts = new Set(['text', 'varchar']);
  if (texts.has(ta.kind) && texts.has(tb.kind)) {
    const x = Buffer.from(a as string), y = Buffer.from(b as string);
    return Buffer.compare(x, y);
  }
  return null;
}

/** The files that may hold a row matching some source row; all of them when nothing is known. */
export async function candidateFiles(env: StatementEnv, catalog: Catalog, files: readonly DataFile[], fields: readonly Field[], keys: readonly KeyPair[], source: PgNode): Promise<readonly DataFile[]> {
  if (keys.length === 0 || files.length === 0) return files;
  const stmt = select({ targets: keys.flatMap((k) => [resTarget(aggCall('min', k.source)), resTarget(aggCall('max', k.source))]), from: [source] });
  const run = await runSelect(env, catalog, stmt);
  const ranges: { lo: Datum; hi: Datum; type: SqlType }[] = [];
  for await (const b of run.batches) {
    if (b.length === 0) continue;
    for (let k = 0; k < keys.length; k++) ranges[k] = { lo: getDatum(b.columns[2 * k]!, 0), hi: getDatum(b.columns[2 * k + 1]!, 0), type: run.fields[2 * k]!.type };
  }
  if (ranges.length === 0 || ranges.some((r) => r.lo === null)) return [];
  return files.filter((f) => keys.every((k, i) => {
    const r = ranges[i]!;
    const field = fields[k.column]!;
    let lo: Datum, hi: Datum;
    const fromStats = !(field.name in f.partitionValues);
    // string stats may be truncated prefixes: only partition values prune text keys
    if (fromStats && (field.type.kind === 'text' || field.type.kind === 'varchar')) return true;
    if (!fromStats) {
      lo = hi = f.partitionValues[field.name]!;
      if (lo === null) return false;
    } else {
      if (f.stats === null) return true;
      if (f.stats.nullCount[field.name] === f.stats.numRecords) return false;
      lo = f.stats.min[field.name] ?? null;
      hi = f.stats.max[field.name] ?? null;
      if (lo === null || hi === null) return true;
    }
    const a = cmp(hi, r.lo, field.type, r.type), b = cmp(lo, r.hi, field.type, r.type);
    if (a === null || b === null) return true;
    return a >= 0 && b <= 0;
  }));
}
