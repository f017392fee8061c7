/**
 * The RETURNING list of INSERT / UPDATE / DELETE, bound over the target table's columns (in table order):
 * `*` and `t.*` expand to the columns, other items are expressions named as in a SELECT list (an alias, else
 * PostgreSQL's FigureColname). Aggregates are 42803 and window functions 42P20 ("… not allowed in RETURNING"),
 * set-returning functions 0A000, unknown columns 42703 with their position; subqueries are not supported here
 * (0A000).
 */
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import { T, type Field } from '../../../../common/types.js';
import { bindExpr, coerceToType } from '../../expr/bind_expr.js';
import type { BoundExpr } from '../../expr/bound_expr.js';
import type { BindContext, PgNode } from '../../expr/scope.js';
import { isSetReturningName } from '../../expr/func_srf.js';
import { outputName } from '../../select/output_name.js';
import { pgPosition, RelationScope } from '../../select/relation_scope.js';
import type { StatementEnv } from '../context.js';

export interface BoundReturning {
  /** the result columns, as RowDescription announces them */
  readonly fields: readonly Field[];
  /** one expression per result column, over the table's columns in table order */
  readonly exprs: readonly BoundExpr[];
  /** the table's column types (the input the expressions are compiled over) */
  readonly input: readonly Field[];
}

export interface ReturningTarget {
  /** the table's columns, in table order */
  readonly fields: readonly Field[];
  /** the name the statement gives the target (its alias, else the table name) */
  readonly alias: string;
  /** the table's schema when not aliased (`s.t.c` references) */
  readonly schemaName: string | null;
}

/**
 * The statement's RETURNING items, or undefined when it has none. The parser (PostgreSQL 18's grammar) gives
 * `returningClause: { exprs, options }`; `options` (`RETURNING WITH (OLD AS o, NEW AS n)`) is not PostgreSQL 15.
 */
export function returningList(stmt: PgNode): readonly PgNode[] | undefined {
  const clause = stmt.returningClause as PgNode | undefined;
  const options = clause?.options as PgNode[] | undefined;
  if (options !== undefined && options.length > 0) throw new QueryError(SQLSTATE.syntax_error, 'syntax error at or near "WITH"');
  const list = (clause?.exprs ?? stmt.returningList) as PgNode[] | undefined;
  return list === undefined || list.length === 0 ? undefined : list;
}

export function bindReturning(list: readonly PgNode[], target: ReturningTarget, env: Pick<StatementEnv, 'paramTypes' | 'values' | 'sql'>): BoundReturning {
  const scope = new RelationScope(
    [{ alias: target.alias, schemaName: target.schemaName, columns: target.fields.map((f, index) => ({ name: f.name, type: f.type, index, hidden: false })) }],
    target.fields,
  );
  const exprScope = scope.exprScope('RETURNING');
  const ctx: BindContext = { params: env.paramTypes, values: env.values, sql: env.sql };
  const fields: Field[] = [];
  const exprs: BoundExpr[] = [];
  for (const item of list) {
    const rt = item.ResTarget as PgNode;
    const val = rt.val as PgNode;
    const refs = val.ColumnRef?.fields as PgNode[] | undefined;
    if (refs !== undefined && refs[refs.length - 1]!.A_Star !== undefined) {
      const qualifier = refs.length > 1 ? (refs[refs.length - 2]!.String.sval as string) : null;
      if (qualifier !== null && qualifier !== target.alias) {
        throw new QueryError(SQLSTATE.undefined_table, `missing FROM-clause entry for table "${qualifier}"`, { position: pgPosition(val.ColumnRef.location) });
      }
      target.fields.forEach((f, index) => {
        fields.push({ name: f.name, type: f.type, nullable: true });
        exprs.push({ kind: 'column', index, type: f.type, name: f.name });
      });
      continue;
    }
    const sub = findNode(val, (k) => k === 'SubLink');
    if (sub !== null) throw new QueryError(SQLSTATE.feature_not_supported, 'subqueries in RETURNING are not supported', { position: pgPosition(sub.location) });
    const srf = findNode(val, (k, v) => k === 'FuncCall' && v.over === undefined && isSetReturningName(String((v.funcname as PgNode[]).at(-1)?.String?.sval ?? '')));
    if (srf !== null) throw new QueryError(SQLSTATE.feature_not_supported, 'set-returning functions are not allowed in RETURNING', { position: pgPosition(srf.location) });
    let expr = bindExpr(val, exprScope, ctx);
    if (expr.type.kind === 'unknown') expr = coerceToType(expr, T.text, 'implicit', ctx);
    fields.push({ name: (rt.name as string | undefined) ?? outputName(val), type: expr.type, nullable: true });
    exprs.push(expr);
  }
  return { fields, exprs, input: target.fields };
}

/** The first node (depth first) of a kind `match` accepts, or null. */
function findNode(node: unknown, match: (kind: string, body: PgNode) => boolean): PgNode | null {
  if (Array.isArray(node)) {
    for (const x of node) { const r = findNode(x, match); if (r !== null) return r; }
    return null;
  }
  if (node === null || typeof node !== 'object') return null;
  for (const [k, v] of Object.entries(node as PgNode)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && match(k, v as PgNode)) return v as PgNode;
    const r = findNode(v, match);
    if (r !== null) return r;
  }
  return null;
}
