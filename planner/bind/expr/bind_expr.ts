import type { SqlType } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import type { BindContext, ExprScope, PgNode } from './scope.js';

export function bindExpr(node: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr { throw new Error('TODO'); }
export function coerceToType(expr: BoundExpr, type: SqlType, mode: 'implicit' | 'assignment' | 'explicit', ctx: BindContext, position?: number): BoundExpr { throw new Error('TODO'); }
/** context: 'UNION' | 'CASE' | 'VALUES' | 'COALESCE' ... (appears in the 42804 message) */
export function commonType(types: readonly SqlType[], context: string, ctx: BindContext, position?: number): SqlType { throw new Error('TODO'); }
export function bindTypeName(typeName: PgNode): SqlType { throw new Error('TODO'); }
export function foldConstants(expr: BoundExpr, ctx: BindContext): BoundExpr { throw new Error('TODO'); }
export function isAggregateName(name: string): boolean { throw new Error('TODO'); }
