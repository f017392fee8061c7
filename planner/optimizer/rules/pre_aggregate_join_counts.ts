/**
 * Counts of a joined scan's rows grouped by columns of the other side (TPC-H q13:
 * `customer LEFT JOIN orders ON c_custkey = o_custkey … GROUP BY c_custkey → count(o_orderkey)`) are
 * counted before the join: the scan is grouped by its join keys (a partial aggregate inside the scan
 * tasks), the join meets one row per key instead of every row, and the outer aggregate adds up the
 * per-key counts of each left row. A left row joins exactly the right rows of its key, so the sum of
 * their per-key counts is the count over the joined rows; a left row without a match gets NULL, which
 * sum skips, and coalesce(…, 0) gives count's 0 for a group without any match. Exact whether or not the
 * left keys are unique.
 *
 * Applies to an aggregate directly over a left equi-join (plain column = column conjuncts)
 * whose group keys read only the left side and whose aggregates are all plain count(right column); the
 * per-key count is count(*) when the column has no NULLs (declared, or by the files' null counts).
 */
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { AggregateCall, BoundExpr } from '../../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { andAll, columnsOf, conjuncts, isVolatile } from '../expr_utils.js';
import type { Rule } from '../rule.js';
import { hasSubquery } from './decorrelate_support.js';

type Aggregate = Extract<LogicalPlan, { kind: 'aggregate' }>;
type Join = Extract<LogicalPlan, { kind: 'join' }>;

/** The right-side columns (as indexes into the right input) each equi conjunct compares, or null. */
function equiKeys(j: Join): { readonly left: readonly number[]; readonly right: readonly number[] } | null {
  if (j.condition === null) return null;
  const nLeft = j.left.schema.length;
  const left: number[] = [];
  const right: number[] = [];
  for (const c of conjuncts(j.condition)) {
    if (c.kind !== 'compare' || c.op !== '=' || c.left.kind !== 'column' || c.right.kind !== 'column') return null;
    const [l, r] = c.left.index < nLeft ? [c.left, c.right] : [c.right, c.left];
    if (l.index >= nLeft || r.index < nLeft) return null;
    left.push(l.index);
    right.push(r.index - nLeft);
  }
  return left.length > 0 ? { left, right } : null;
}

/** Whether column `col` of the scan holds no NULL: declared NOT NULL, or every file's stats count none. */
function neverNull(scan: Extract<LogicalPlan, { kind: 'scan' }>, col: number): boolean {
  if (!scan.schema[col]!.nullable) return true;
  const name = scan.source.fields[scan.columns[col]!]!.name;
  if (scan.source.partitionColumns.includes(name) || scan.files.length === 0) return false;
  return scan.files.every((f) => f.nullCount?.[name] === 0);
}

function isPlainRightCount(a: AggregateCall, nLeft: number): boolean {
  if (a.fn !== 'count' || a.distinct || a.filter !== null || (a.order?.length ?? 0) > 0 || a.withinGroup === true) return false;
  const arg = a.args[0];
  return a.args.length === 1 && arg !== undefined && arg.kind === 'column' && arg.index >= nLeft && a.type.kind === 'int8';
}

function rewrite(p: Aggregate): LogicalPlan | null {
  const j = p.input;
  // left joins only: an inner join's aggregate already runs inside the probe side's scan tasks (stage_aggregate.ts)
  if (j.kind !== 'join' || j.joinType !== 'left') return null;
  // only a scan (maybe filtered) as the counted side: its grouping then runs inside the scan tasks
  const scan = j.right;
  if (scan.kind !== 'scan') return null;
  const nLeft = j.left.schema.length;
  if (p.groupKeys.length === 0 || p.aggregates.length === 0) return null;
  for (const k of p.groupKeys) {
    if (hasSubquery(k) || isVolatile(k) || [...columnsOf(k)].some((c) => c >= nLeft)) return null;
  }
  if (!p.aggregates.every((a) => isPlainRightCount(a, nLeft))) return null;
  const keys = equiKeys(j);
  if (keys === null) return null;

  // the right side grouped by its join key columns (each once) → per-key counts
  const rightKeys = [...new Set(keys.right)];
  const rightFields = j.right.schema;
  const keyFields: Field[] = rightKeys.map((c) => ({ ...rightFields[c]!, nullable: true }));
  const counts: AggregateCall[] = p.aggregates.map((a) => {
    const arg = a.args[0] as Extract<BoundExpr, { kind: 'column' }>;
    const col = arg.index - nLeft;
    // a column without NULLs: count(*) needs no values (the scan may skip reading the column)
    if (neverNull(scan, col)) return { ...a, fn: 'count_star', args: [] };
    return { ...a, args: [{ ...arg, index: col }] };
  });
  const countFields: Field[] = counts.map((_, i) => ({ name: `count${i + 1}`, type: T.int8, nullable: false }));
  const grouped: LogicalPlan = {
    kind: 'aggregate', schema: [...keyFields, ...countFields], input: j.right,
    groupKeys: rightKeys.map((c) => ({ kind: 'column', index: c, type: rightFields[c]!.type, name: rightFields[c]!.name })),
    aggregates: counts,
  };
  const condition = andAll(keys.left.map((l, i) => {
    const r = nLeft + rightKeys.indexOf(keys.right[i]!);
    return { kind: 'compare', op: '=', left: { kind: 'column', index: l, type: j.left.schema[l]!.type }, right: { kind: 'column', index: r, type: grouped.schema[r - nLeft]!.type }, type: T.bool } as BoundExpr;
  }));
  const join: LogicalPlan = {
    kind: 'join', joinType: 'left', left: j.left, right: grouped, condition,
    schema: [...j.left.schema, ...grouped.schema.map((f) => ({ ...f, nullable: true }))],
  };

  // the outer aggregate adds up the per-key counts: an int8 sum (internal: SQL's sum(int8) is numeric;
  // the sum accumulator checks the int8 range), NULL (no match at all) → 0
  const nKeys = p.groupKeys.length;
  const sums: AggregateCall[] = counts.map((_, i) => ({
    fn: 'sum', args: [{ kind: 'column', index: nLeft + rightKeys.length + i, type: T.int8 }], distinct: false, filter: null, type: T.int8,
  }));
  const summed: LogicalPlan = {
    kind: 'aggregate', input: join, groupKeys: p.groupKeys, aggregates: sums,
    schema: [...p.schema.slice(0, nKeys), ...sums.map((_, i) => ({ ...p.schema[nKeys + i]!, nullable: true }))],
  };
  const exprs: BoundExpr[] = p.schema.map((f, i): BoundExpr => {
    const col: BoundExpr = { kind: 'column', index: i, type: summed.schema[i]!.type };
    if (i < nKeys) return col;
    return { kind: 'coalesce', args: [col, { kind: 'const', value: 0n, type: T.int8 }], type: f.type };
  });
  return { kind: 'project', schema: p.schema, input: summed, exprs };
}

export const preAggregateJoinCounts: Rule = {
  name: 'pre_aggregate_join_counts',
  apply(p: LogicalPlan): LogicalPlan {
    if (p.kind !== 'aggregate') return p;
    return rewrite(p) ?? p;
  },
};
