/** VALUES lists: per-column common type (or the INSERT target types), rows of bound expressions. */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field, SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { PlanContext, PlanQueryOptions, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { bindExpr, coerceToType, commonType } from '../expr/bind_expr.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import { assignToTarget } from './assign.js';
import { pgPosition, RelationScope } from './relation_scope.js';

export function bindValues(lists: readonly PgNode[], ctx: PlanContext, options: PlanQueryOptions): LogicalPlan {
  const scope = RelationScope.empty().exprScope('VALUES');
  const rows: BoundExpr[][] = [];
  let width = -1;
  for (const l of lists) {
    const items: PgNode[] = l.List?.items ?? [];
    if (width >= 0 && items.length !== width) {
      const loc = (Object.values(items[0] ?? {})[0] as PgNode | undefined)?.location;
      throw new QueryError(SQLSTATE.syntax_error, 'VALUES lists must all be the same length', { position: pgPosition(loc) });
    }
    width = items.length;
    rows.push(items.map((n) => bindExpr(n, scope, ctx.bind)));
  }
  const fields: Field[] = [];
  for (let c = 0; c < width; c++) {
    const target = options.targetTypes?.[c];
    let type: SqlType;
    if (target) {
      type = target;
      for (const r of rows) r[c] = assignToTarget(r[c]!, target, options.targetNames?.[c] ?? `column${c + 1}`, ctx);
    } else {
      type = commonType(rows.map((r) => r[c]!.type), 'VALUES', ctx.bind);
      if (type.kind === 'unknown') type = T.text;
      for (const r of rows) r[c] = coerceToType(r[c]!, type, 'implicit', ctx.bind);
    }
    fields.push({ name: `column${c + 1}`, type, nullable: true });
  }
  return { kind: 'values', schema: fields, rows };
}
