/**
 * UNION / INTERSECT / EXCEPT [ALL] as PostgreSQL's transformSetOperationTree: branches bind on their own
 * (parenthesized branches keep their ORDER BY / LIMIT), the column counts must agree (42601), each column
 * pair resolves to a common type bottom-up with the UNION rules (42804; two unknown literals → text),
 * names come from the leftmost branch; ORDER BY on the whole set operation names result columns by name
 * or ordinal only (0A000 for expressions); LIMIT/OFFSET/FETCH then apply.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field, SqlType } from '../../../common/types.js';
import { T, typesEqual } from '../../../common/types.js';
import type { PlanContext, PlanQueryOptions, PgNode } from '../../api.js';
import type { LogicalPlan, SetOpKind, SortKey } from '../../logical/nodes.js';
import { coerceToType, commonType } from '../expr/bind_expr.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import { assignToTarget } from './assign.js';
import type { SnapshotPins } from './bind_table.js';
import { bindLimit } from './bind_limit.js';
import { pgPosition } from './relation_scope.js';
import { leftmostPosition } from '../expr/leftmost_position.js';

export type BindSelectFn = (stmt: PgNode, ctx: PlanContext, pins: SnapshotPins, options: PlanQueryOptions) => Promise<{ readonly plan: LogicalPlan }>;

interface Branch {
  readonly plan: LogicalPlan;
  /** per column: the untyped literal (unknown-typed const) the column is, if it is one */
  readonly literals: readonly (BoundExpr | null)[];
  /** column types, `unknown` for untyped literals not resolved yet */
  readonly types: readonly SqlType[];
  readonly names: readonly string[];
  /** 1-based query positions of each column of the leftmost branch (for error cursors) */
  readonly positions: readonly (number | undefined)[];
  /** position of the branch's first column (column-count errors) */
  readonly position: number | undefined;
}

const OPS: Record<string, SetOpKind> = { SETOP_UNION: 'union', SETOP_INTERSECT: 'intersect', SETOP_EXCEPT: 'except' };

/** A bare string literal or NULL target: PostgreSQL's unknown-type literal. */
function unknownLiteral(node: PgNode | undefined): BoundExpr | null {
  const c = node?.A_Const;
  if (!c) return null;
  if (c.isnull) return { kind: 'const', value: null, type: T.unknown };
  if (c.sval) return { kind: 'const', value: (c.sval.sval as string | undefined) ?? '', type: T.unknown };
  return null;
}

async function bindLeaf(stmt: PgNode, ctx: PlanContext, pins: SnapshotPins, bindSelect: BindSelectFn): Promise<Branch> {
  const { plan } = await bindSelect(stmt, ctx, pins, {});
  const targets: PgNode[] = (stmt.targetList ?? []).map((t: PgNode) => t.ResTarget);
  // the SELECT binder turns leftover unknown literals into text; a set operation resolves them itself
  const aligned = plan.kind === 'project' && targets.length === plan.schema.length && !targets.some((t) => t.val?.ColumnRef);
  const literals = plan.schema.map((_, i) => (aligned ? unknownLiteral(targets[i]!.val as PgNode) : null));
  const types = plan.schema.map((f, i) => literals[i]?.type ?? f.type);
  const positions = plan.schema.map((_, i) => pgPosition(targets[i]?.location));
  const first = stmt.valuesLists ? (Object.values(stmt.valuesLists[0]?.List?.items?.[0] ?? {})[0] as PgNode | undefined)?.location : targets[0]?.location;
  return { plan, literals, types, names: plan.schema.map((f) => f.name), positions, position: pgPosition(first) };
}

/** Cast the branch's columns to `types` (untyped literals are read directly as the target type). */
function retype(b: Branch, types: readonly SqlType[], ctx: PlanContext): LogicalPlan {
  const p = b.plan;
  const same = types.every((t, i) => b.literals[i] === null && typesEqual(t, p.schema[i]!.type));
  if (same) return p;
  if (p.kind === 'project' && p.exprs.length === p.schema.length) {
    const exprs = p.exprs.map((e, i) => coerceToType(b.literals[i] ?? e, types[i]!, 'implicit', ctx.bind, b.positions[i]));
    return { ...p, exprs, schema: p.schema.map((f, i) => ({ ...f, type: types[i]! })) };
  }
  const exprs = p.schema.map((f, i) => coerceToType({ kind: 'column', index: i, type: f.type }, types[i]!, 'implicit', ctx.bind, b.positions[i]));
  return { kind: 'project', schema: p.schema.map((f, i) => ({ ...f, type: types[i]! })), input: p, exprs };
}

async function bindTree(stmt: PgNode, ctx: PlanContext, pins: SnapshotPins, bindSelect: BindSelectFn): Promise<Branch> {
  const op = OPS[stmt.op as string];
  if (op === undefined) return bindLeaf(stmt, ctx, pins, bindSelect);
  const label = op.toUpperCase();
  const left = await bindTree(stmt.larg, ctx, pins, bindSelect);
  const right = await bindTree(stmt.rarg, ctx, pins, bindSelect);
  if (left.types.length !== right.types.length) {
    throw new QueryError(SQLSTATE.syntax_error, `each ${label} query must have the same number of columns`, { position: right.position });
  }
  const types = left.types.map((t, i) => commonType([t, right.types[i]!], label, ctx.bind, undefined, [left.positions[i], right.positions[i]]));
  const schema: Field[] = types.map((type, i) => ({ name: left.names[i]!, type, nullable: true }));
  const plan: LogicalPlan = { kind: 'set_op', schema, op, all: stmt.all === true, left: retype(left, types, ctx), right: retype(right, types, ctx) };
  return { plan, literals: types.map(() => null), types, names: left.names, positions: left.positions, position: left.position };
}

function sortKeys(stmt: PgNode, schema: readonly Field[]): SortKey[] {
  return ((stmt.sortClause ?? []) as PgNode[]).map((s) => {
    const sb = s.SortBy as PgNode;
    if (sb.sortby_dir === 'SORTBY_USING') throw new QueryError(SQLSTATE.feature_not_supported, 'ORDER BY ... USING is not supported');
    const descending = sb.sortby_dir === 'SORTBY_DESC';
    const nullsFirst = sb.sortby_nulls === 'SORTBY_NULLS_FIRST' ? true : sb.sortby_nulls === 'SORTBY_NULLS_LAST' ? false : descending;
    const index = sortColumn(sb.node as PgNode, schema);
    return { expr: { kind: 'column', index, type: schema[index]!.type }, descending, nullsFirst };
  });
}

function sortColumn(node: PgNode, schema: readonly Field[]): number {
  const c = node.A_Const;
  if (c && 'ival' in c) {
    const ord = (c.ival?.ival as number | undefined) ?? 0;
    if (ord < 1 || ord > schema.length) throw new QueryError(SQLSTATE.invalid_column_reference, `ORDER BY position ${ord} is not in select list`, { position: pgPosition(c.location) });
    return ord - 1;
  }
  const fields = node.ColumnRef?.fields as PgNode[] | undefined;
  if (fields && fields.length === 1 && fields[0]!.String) {
    const name = fields[0]!.String.sval as string;
    const hits = schema.map((f, i) => (f.name === name ? i : -1)).filter((i) => i >= 0);
    if (hits.length > 1) throw new QueryError(SQLSTATE.ambiguous_column, `ORDER BY "${name}" is ambiguous`, { position: pgPosition(node.ColumnRef.location) });
    if (hits.length === 1) return hits[0]!;
    throw new QueryError(SQLSTATE.undefined_column, `column "${name}" does not exist`, { position: pgPosition(node.ColumnRef.location) });
  }
  throw new QueryError(SQLSTATE.feature_not_supported, 'invalid UNION/INTERSECT/EXCEPT ORDER BY clause', {
    position: leftmostPosition(node),
    detail: 'Only result column names can be used, not expressions or functions.',
    hint: 'Add the expression/function to every SELECT, or move the UNION into a FROM clause.',
  });
}

export async function bindSetOp(stmt: PgNode, ctx: PlanContext, pins: SnapshotPins, options: PlanQueryOptions, bindSelect: BindSelectFn): Promise<{ plan: LogicalPlan }> {
  const tree = await bindTree(stmt, ctx, pins, bindSelect);
  let plan = tree.plan;
  const keys = sortKeys(stmt, plan.schema);
  if (keys.length > 0) plan = { kind: 'sort', schema: plan.schema, input: plan, keys };
  plan = bindLimit(plan, stmt, ctx);
  if (options.targetTypes) {
    const exprs = plan.schema.map((f, i) => {
      const target = options.targetTypes![i];
      const col: BoundExpr = { kind: 'column', index: i, type: f.type };
      return target ? assignToTarget(col, target, options.targetNames?.[i] ?? f.name, ctx, tree.positions[i]) : col;
    });
    plan = { kind: 'project', schema: exprs.map((e, i) => ({ name: plan.schema[i]!.name, type: e.type, nullable: true })), input: plan, exprs };
  }
  return { plan };
}
