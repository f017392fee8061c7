/**
 * Partition pruning and file skipping: drop scan files whose partition values or min/max/nullCount stats
 * prove that a conjunct of `scan.filter` is never TRUE for any of their rows. Only simple conjuncts are
 * used: `col op const` (either order), `col IS [NOT] NULL`, `col IN (consts)`; anything else keeps the file.
 */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import { typesEqual } from '../../../common/types.js';
import { compareDatums } from '../../../common/values/compare.js';
import type { BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan, ScanFile } from '../../logical/nodes.js';
import { conjuncts } from '../expr_utils.js';
import type { Rule } from '../rule.js';

type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';
const FLIP: Record<Op, Op> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

interface ColumnFacts {
  /** the column holds exactly this value in every row (partition column) */
  readonly exact: { readonly value: Datum } | null;
  readonly min: Datum | undefined;
  readonly max: Datum | undefined;
  readonly nullCount: number | undefined;
  readonly rows: number | null;
}

function cmp(type: SqlType, a: Exclude<Datum, null>, b: Exclude<Datum, null>): number | null {
  try {
    return compareDatums(type, a, b);
  } catch {
    return null;
  }
}

/** false when `col op c` can be TRUE for no row of the file; true when unknown/possible. */
function mayMatchCompare(type: SqlType, f: ColumnFacts, op: Op, c: Datum): boolean {
  if (c === null) return false; // comparison with NULL is never TRUE
  if (f.exact) {
    const v = f.exact.value;
    if (v === null) return false;
    const r = cmp(type, v, c);
    if (r === null) return true;
    switch (op) {
      case '=': return r === 0;
      case '<>': return r !== 0;
      case '<': return r < 0;
      case '<=': return r <= 0;
      case '>': return r > 0;
      case '>=': return r >= 0;
    }
  }
  if (f.rows !== null && f.nullCount !== undefined && f.nullCount >= f.rows && f.rows > 0) return false; // all NULL
  const min = f.min;
  const max = f.max;
  const lo = min === undefined || min === null ? null : cmp(type, min, c);
  const hi = max === undefined || max === null ? null : cmp(type, max, c);
  switch (op) {
    case '=': return !((lo !== null && lo > 0) || (hi !== null && hi < 0));
    case '<': return !(lo !== null && lo >= 0);
    case '<=': return !(lo !== null && lo > 0);
    case '>': return !(hi !== null && hi <= 0);
    case '>=': return !(hi !== null && hi < 0);
    case '<>': return !(lo === 0 && hi === 0);
  }
}

function mayMatch(e: BoundExpr, facts: (col: number) => ColumnFacts | null, colType: (col: number) => SqlType): boolean {
  if (e.kind === 'compare') {
    let col: BoundExpr = e.left;
    let k: BoundExpr = e.right;
    let op: Op = e.op;
    if (col.kind !== 'column') {
      col = e.right;
      k = e.left;
      op = FLIP[e.op];
    }
    if (col.kind !== 'column' || k.kind !== 'const' || !typesEqual(colType(col.index), k.type)) return true;
    const f = facts(col.index);
    return f === null ? true : mayMatchCompare(k.type, f, op, k.value);
  }
  if (e.kind === 'is_null' && e.arg.kind === 'column') {
    const f = facts(e.arg.index);
    if (f === null) return true;
    if (f.exact) return (f.exact.value === null) !== e.negated;
    if (f.nullCount === undefined || f.rows === null) return true;
    return e.negated ? f.nullCount < f.rows : f.nullCount > 0;
  }
  if (e.kind === 'in_list' && !e.negated && e.arg.kind === 'column' && e.list.every((x) => x.kind === 'const')) {
    const f = facts(e.arg.index);
    if (f === null || !typesEqual(colType(e.arg.index), e.arg.type)) return true;
    return e.list.some((x) => mayMatchCompare(e.arg.type, f, '=', (x as Extract<BoundExpr, { kind: 'const' }>).value));
  }
  if (e.kind === 'const') return e.value === true;
  return true;
}

type Scan = Extract<LogicalPlan, { kind: 'scan' }>;

export function fileMayMatch(scan: Scan, file: ScanFile, predicate: BoundExpr): boolean {
  const facts = (col: number): ColumnFacts | null => {
    const name = scan.source.fields[scan.columns[col]!]!.name;
    if (scan.source.partitionColumns.includes(name)) return { exact: { value: file.partitionValues[name] ?? null }, min: undefined, max: undefined, nullCount: undefined, rows: file.numRecords };
    if (!file.min && !file.max && !file.nullCount) return null;
    return { exact: null, min: file.min?.[name], max: file.max?.[name], nullCount: file.nullCount?.[name], rows: file.numRecords };
  };
  const colType = (col: number): SqlType => scan.schema[col]!.type;
  return conjuncts(predicate).every((c) => mayMatch(c, facts, colType));
}

export const pruneFiles: Rule = {
  name: 'prune_files',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind !== 'scan' || p.filter === null) return p;
    const files = p.files.filter((f) => fileMayMatch(p, f, p.filter!));
    return files.length === p.files.length ? p : { ...p, files };
  },
};
