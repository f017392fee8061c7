/**
 * libpg-query AST builders for the queries DML statements run internally. The user's own expression nodes
 * are reused as they are, so their locations still point into the statement text for error positions.
 */
import type { PgNode } from '../../expr/scope.js';

export const colRef = (...names: string[]): PgNode => ({ ColumnRef: { fields: names.map((sval) => ({ String: { sval } })), location: -1 } });
export const strConst = (sval: string): PgNode => ({ A_Const: { sval: { sval }, location: -1 } });
export const intConst = (ival: number): PgNode => ({ A_Const: { ival: { ival }, location: -1 } });
export const TRUE_NODE: PgNode = { A_Const: { boolval: { boolval: true }, location: -1 } };
export const resTarget = (val: PgNode, name?: string): PgNode => ({ ResTarget: { ...(name !== undefined ? { name } : {}), val, location: -1 } });
export const countStar = (): PgNode => ({ FuncCall: { funcname: [{ String: { sval: 'count' } }], agg_star: true, funcformat: 'COERCE_EXPLICIT_CALL', location: -1 } });
export const aggCall = (fn: string, arg: PgNode): PgNode => ({ FuncCall: { funcname: [{ String: { sval: fn } }], args: [arg], funcformat: 'COERCE_EXPLICIT_CALL', location: -1 } });

export const and = (...args: (PgNode | null)[]): PgNode | null => {
  const xs = args.filter((a): a is PgNode => a !== null);
  if (xs.length === 0) return null;
  if (xs.length === 1) return xs[0]!;
  return { BoolExpr: { boolop: 'AND_EXPR', args: xs, location: -1 } };
};
export const or = (args: readonly PgNode[]): PgNode => (args.length === 1 ? args[0]! : { BoolExpr: { boolop: 'OR_EXPR', args: [...args], location: -1 } });
export const not = (arg: PgNode): PgNode => ({ BoolExpr: { boolop: 'NOT_EXPR', args: [arg], location: -1 } });
/** `arg IS TRUE` (NULL → false) */
export const isTrue = (arg: PgNode): PgNode => ({ BooleanTest: { arg, booltesttype: 'IS_TRUE', location: -1 } });
/** `NOT (arg IS TRUE)`: the rows a condition does not select */
export const notTrue = (arg: PgNode): PgNode => not(isTrue(arg));
export const exists = (select: PgNode): PgNode => ({ SubLink: { subLinkType: 'EXISTS_SUBLINK', subselect: select, location: -1 } });

export interface SelectParts {
  readonly targets: readonly PgNode[];
  readonly from: readonly PgNode[];
  readonly where?: PgNode | null;
  readonly groupBy?: readonly PgNode[];
  readonly limit?: number;
}

export function select(p: SelectParts): PgNode {
  return {
    SelectStmt: {
      targetList: [...p.targets],
      fromClause: [...p.from],
      ...(p.where !== undefined && p.where !== null ? { whereClause: p.where } : {}),
      ...(p.groupBy !== undefined && p.groupBy.length > 0 ? { groupClause: [...p.groupBy] } : {}),
      ...(p.limit !== undefined ? { limitCount: intConst(p.limit), limitOption: 'LIMIT_OPTION_COUNT' } : {}),
      limitOption: p.limit !== undefined ? 'LIMIT_OPTION_COUNT' : 'LIMIT_OPTION_DEFAULT',
      op: 'SETOP_NONE',
    },
  };
}

/** `EXISTS (SELECT 1 FROM from WHERE where)` */
export const existsIn = (from: readonly PgNode[], where: PgNode | null): PgNode => exists(select({ targets: [resTarget(intConst(1))], from, where }));

/** `a JOIN b ON cond` (inner) */
export const innerJoin = (larg: PgNode, rarg: PgNode, quals: PgNode): PgNode => ({ JoinExpr: { jointype: 'JOIN_INNER', larg, rarg, quals } });
