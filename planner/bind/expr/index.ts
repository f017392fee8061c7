/**
 * Expression binding API (implemented by the expression binder):
 *
 *   bindExpr(node, scope, ctx)            libpg-query expression node → BoundExpr, with PostgreSQL operator and
 *                                         function resolution, implicit casts, unknown-literal resolution.
 *   coerceToType(expr, type, mode, ctx)   insert a cast (or re-type an unknown literal) so expr has `type`;
 *                                         42804 datatype_mismatch / 42846 cannot_coerce when PostgreSQL refuses.
 *   commonType(types, context, ctx)       PostgreSQL's UNION/CASE/VALUES type resolution (select_common_type).
 *   bindTypeName(typeNameNode)            TypeName node → SqlType (int → int4, numeric(12,2), varchar(10), ...).
 *   foldConstants(expr, ctx)              evaluate constant sub-expressions once (errors raised at plan time).
 *   isAggregateName(name)                 count/sum/avg/min/max/...
 */
export * from './bind_expr.js';
