/**
 * SELECT DISTINCT ON (…): the first row of each key in ORDER BY order. Planned as sort → aggregate that
 * groups by the DISTINCT ON columns keeping each column's first value ('$first', which sees the rows in
 * input order) → the caller's final sort. ORDER BY must start with the DISTINCT ON expressions (42P10).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PgNode } from '../../api.js';
import type { LogicalPlan, SortKey } from '../../logical/nodes.js';
import type { AggregateCall, BoundExpr } from '../expr/bound_expr.js';
import { leftmostPosition } from '../expr/leftmost_position.js';

export interface SortSpec { readonly index: number; readonly descending: boolean; readonly nullsFirst: boolean }

/** PostgreSQL's transformDistinctOnClause check: the DISTINCT ON keys must be the leading ORDER BY keys. */
export function checkDistinctOn(onKeys: readonly number[], sortKeys: readonly SortSpec[], onNodes: readonly PgNode[]): void {
  const error = (i: number) => new QueryError(SQLSTATE.invalid_column_reference, 'SELECT DISTINCT ON expressions must match initial ORDER BY expressions', { position: leftmostPosition(onNodes[i]) });
  const on = new Set(onKeys);
  const matched = new Set<number>();
  let skipped = false;
  for (const s of sortKeys) {
    if (on.has(s.index)) {
      if (skipped) throw error(onKeys.indexOf(s.index));
      matched.add(s.index);
    } else {
      skipped = true;
    }
  }
  onKeys.forEach((k, i) => {
    if (!matched.has(k) && skipped) throw error(i);
  });
}

export function distinctOnPlan(input: LogicalPlan, onKeys: readonly number[], sortKeys: readonly SortSpec[]): LogicalPlan {
  let plan = input;
  const col = (i: number): BoundExpr => ({ kind: 'column', index: i, type: plan.schema[i]!.type });
  if (sortKeys.length > 0) {
    const keys: SortKey[] = sortKeys.map((k) => ({ expr: col(k.index), descending: k.descending, nullsFirst: k.nullsFirst }));
    plan = { kind: 'sort', schema: plan.schema, input: plan, keys };
  }
  const unique = [...new Set(onKeys)];
  const groupKeys = unique.map(col);
  const aggregates: AggregateCall[] = plan.schema.map((f, i) => ({ fn: '$first', args: [col(i)], distinct: false, filter: null, type: f.type }));
  const schema = plan.schema;
  const aggregate: LogicalPlan = { kind: 'aggregate', schema: [...unique.map((i) => schema[i]!), ...schema], input: plan, groupKeys, aggregates };
  return { kind: 'project', schema, input: aggregate, exprs: schema.map((f, i) => ({ kind: 'column', index: unique.length + i, type: f.type })) };
}
