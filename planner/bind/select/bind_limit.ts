/**
 * LIMIT / OFFSET / FETCH FIRST … ROWS ONLY | WITH TIES. Counts are coerced to bigint as PostgreSQL does
 * (assignment cast; 42804 otherwise); LIMIT ALL and LIMIT NULL mean no limit. Constant counts become a
 * limit node. Counts that are only known at execution ($n parameters) and WITH TIES are planned with a
 * window instead: row_number() (and rank() over the ORDER BY keys for ties) filtered by the counts.
 */
import type { Datum } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import { formatType, T } from '../../../common/types.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan, SortKey } from '../../logical/nodes.js';
import type { WindowCall } from '../../logical/window_call.js';
import { bindExpr, coerceToType, foldConstants } from '../expr/bind_expr.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import { leftmostPosition } from '../expr/leftmost_position.js';
import { RelationScope } from './relation_scope.js';

type Clause = 'LIMIT' | 'OFFSET';

/** The count as a bigint expression (folded), or null when absent / LIMIT ALL. */
function countExpr(node: PgNode | undefined, clause: Clause, ctx: PlanContext): BoundExpr | null {
  if (!node) return null;
  const position = leftmostPosition(node);
  const e = bindExpr(node, RelationScope.empty().exprScope(clause), ctx.bind);
  let cast: BoundExpr;
  try {
    cast = coerceToType(e, T.int8, 'assignment', ctx.bind, position);
  } catch (err) {
    if (err instanceof QueryError && (err.sqlstate === SQLSTATE.datatype_mismatch || err.sqlstate === SQLSTATE.cannot_coerce)) {
      throw new QueryError(SQLSTATE.datatype_mismatch, `argument of ${clause} must be type bigint, not type ${formatType(e.type)}`, { position });
    }
    throw err;
  }
  return foldConstants(cast, ctx.bind);
}

function constValue(e: BoundExpr | null, clause: Clause): number | null | undefined {
  if (e === null) return null;
  if (e.kind !== 'const') return undefined;
  if (e.value === null) return null;
  const v = Number(e.value as bigint);
  if (v < 0) throw new QueryError(clause === 'LIMIT' ? '2201W' : '2201X', `${clause} must not be negative`);
  return v;
}

const int8 = (value: Datum): BoundExpr => ({ kind: 'const', value, type: T.int8 });
const column = (index: number): BoundExpr => ({ kind: 'column', index, type: T.int8 });
const cmp = (op: '<=' | '>', left: BoundExpr, right: BoundExpr): BoundExpr => ({ kind: 'compare', op, left, right, type: T.bool });

export function bindLimit(plan: LogicalPlan, stmt: PgNode, ctx: PlanContext): LogicalPlan {
  const ties = stmt.limitOption === 'LIMIT_OPTION_WITH_TIES';
  const limitE = countExpr(stmt.limitCount, 'LIMIT', ctx);
  const offsetE = countExpr(stmt.limitOffset, 'OFFSET', ctx);
  const limit = constValue(limitE, 'LIMIT');
  const offset = constValue(offsetE, 'OFFSET');
  if (!ties && limit !== undefined && offset !== undefined) {
    if (limit === null && (offset ?? 0) === 0) return plan;
    return { kind: 'limit', schema: plan.schema, input: plan, limit, offset: offset ?? 0 };
  }
  const keys = plan.kind === 'sort' ? plan.keys : [];
  if (ties && limit === null) {
    // WITH TIES without a count: only the offset applies
    if (offset !== undefined) return offset ? { kind: 'limit', schema: plan.schema, input: plan, limit: null, offset } : plan;
    return windowLimit(plan, keys, null, offsetE, false);
  }
  return windowLimit(plan, keys, limitE, offsetE, ties);
}

/** Rows with offset < row_number (and row_number ≤ offset + limit, or for WITH TIES rank ≤ offset + limit). */
function windowLimit(plan: LogicalPlan, keys: readonly SortKey[], limitE: BoundExpr | null, offsetE: BoundExpr | null, ties: boolean): LogicalPlan {
  const n = plan.schema.length;
  const spec = { partitionBy: [], orderBy: keys, frame: { mode: 'range', start: { kind: 'unbounded_preceding' }, end: { kind: 'current_row' }, exclude: 'no_others' } } as const;
  const calls: WindowCall[] = [{ fn: 'row_number', args: [], filter: null, spec, type: T.int8 }];
  if (ties) calls.push({ fn: 'rank', args: [], filter: null, spec, type: T.int8 });
  const schema = [...plan.schema, { name: 'row_number', type: T.int8, nullable: false }, ...(ties ? [{ name: 'rank', type: T.int8, nullable: false }] : [])];
  const window: LogicalPlan = { kind: 'window', schema, input: plan, calls };
  const off: BoundExpr = offsetE === null ? int8(0n) : { kind: 'coalesce', args: [offsetE], type: T.int8 };
  const conds: BoundExpr[] = [cmp('>', column(n), off)];
  if (limitE !== null) {
    const end: BoundExpr = { kind: 'call', fn: 'int8_add', args: [off, limitE], type: T.int8 };
    // LIMIT NULL: no limit
    conds.push({ kind: 'or', args: [{ kind: 'is_null', arg: limitE, negated: false, type: T.bool }, cmp('<=', column(ties ? n + 1 : n), end)], type: T.bool });
  }
  const filter: LogicalPlan = { kind: 'filter', schema, input: window, predicate: conds.length === 1 ? conds[0]! : { kind: 'and', args: conds, type: T.bool } };
  let out: LogicalPlan = { kind: 'project', schema: plan.schema, input: filter, exprs: plan.schema.map((f, i) => ({ kind: 'column', index: i, type: f.type })) };
  if (keys.length > 0) out = { kind: 'sort', schema: plan.schema, input: out, keys };
  return out;
}
