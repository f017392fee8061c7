/**
 * Lowering a Filter / Project whose expressions contain subqueries (those the decorrelation rules left):
 * a SubqueryApply below computes each subquery's value per row as an extra column, and the expressions
 * read those columns instead. A Filter gets a Project on top that drops the extra columns again.
 */
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { Field } from '../../common/types.js';
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import { mapExprChildren } from '../bind/expr/bound_expr.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { andAll, conjuncts } from '../optimizer/expr_utils.js';
import { hasSubquery } from '../optimizer/rules/decorrelate_support.js';
import type { PhysicalPlan, PhysicalSubquery } from './nodes.js';

type FilterOrProject = Extract<LogicalPlan, { kind: 'filter' | 'project' }>;

export function lowerWithSubqueries(p: FilterOrProject, lower: (x: LogicalPlan) => PhysicalPlan): PhysicalPlan | null {
  const exprs = p.kind === 'filter' ? [p.predicate] : p.exprs;
  if (!exprs.some(hasSubquery)) return null;
  const input = lower(p.input);
  const n = input.schema.length;
  const subs: PhysicalSubquery[] = [];
  const replace = (e: BoundExpr): BoundExpr => {
    if (e.kind !== 'subquery') return mapExprChildren(e, replace);
    const inner = mapExprChildren(e, replace) as Extract<BoundExpr, { kind: 'subquery' }>;
    const index = n + subs.length;
    subs.push({ mode: e.sub.mode, op: e.sub.op, lhs: inner.sub.lhs, params: inner.sub.params, plan: lower(e.sub.plan), type: e.type });
    return { kind: 'column', index, type: e.type };
  };
  const rewritten = exprs.map(replace);
  const fields: Field[] = [...input.schema, ...subs.map((s, i) => ({ name: `subquery${i + 1}`, type: s.type, nullable: true }))];
  const apply: PhysicalPlan = { kind: 'subquery_apply', schema: fields, estimatedRows: input.estimatedRows, input, subqueries: subs };
  if (p.kind === 'project') return { kind: 'project', schema: p.schema, estimatedRows: input.estimatedRows, input: apply, exprs: rewritten };
  const filtered: PhysicalPlan = { kind: 'filter', schema: fields, estimatedRows: Math.max(1, input.estimatedRows * 0.5), input: apply, predicate: rewritten[0]! };
  return {
    kind: 'project', schema: p.schema, estimatedRows: filtered.estimatedRows, input: filtered,
    exprs: input.schema.map((f, i) => ({ kind: 'column', index: i, type: f.type })),
  };
}

type Join = Extract<LogicalPlan, { kind: 'join' }>;

/** Subqueries in an inner join's ON condition: evaluated in a Filter above the join of the other conjuncts. */
export function lowerJoinWithSubqueries(p: Join, lower: (x: LogicalPlan) => PhysicalPlan): PhysicalPlan | null {
  if (p.condition === null || !hasSubquery(p.condition)) return null;
  if (p.joinType !== 'inner' && p.joinType !== 'cross') throw new QueryError(SQLSTATE.feature_not_supported, `subqueries in the ON condition of a ${p.joinType.toUpperCase()} JOIN are not supported`);
  const parts = conjuncts(p.condition);
  const rest = andAll(parts.filter((c) => !hasSubquery(c)));
  const join: LogicalPlan = { ...p, joinType: rest === null ? 'cross' : 'inner', condition: rest };
  return lower({ kind: 'filter', schema: p.schema, input: join, predicate: andAll(parts.filter(hasSubquery))! });
}
