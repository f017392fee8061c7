/**
 * SELECT lists with set-returning functions: every `srf:<fn>` call (func_srf.ts) in the projection becomes
 * an SRF item of a project_set over the input (which passes the input columns through), and the
 * projection reads the SRF's column instead — so `generate_series(1,3) * 2` works as in PostgreSQL.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import { mapExprChildren, walkExpr } from '../expr/bound_expr.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { ProjectSetItem } from '../../logical/table_function.js';

const isSrf = (e: BoundExpr) => e.kind === 'call' && e.fn.startsWith('srf:');

export function hasSrf(exprs: readonly BoundExpr[]): boolean {
  let found = false;
  for (const e of exprs) walkExpr(e, (x) => { if (isSrf(x)) found = true; });
  return found;
}

export function projectWithSrfs(p: Extract<LogicalPlan, { kind: 'project' }>): LogicalPlan {
  if (!hasSrf(p.exprs)) return p;
  const input = p.input;
  const items: ProjectSetItem[] = input.schema.map((f, i) => ({ kind: 'expr', expr: { kind: 'column', index: i, type: f.type } }));
  const fields = [...input.schema];
  const replace = (e: BoundExpr): BoundExpr => {
    if (e.kind === 'call' && e.fn.startsWith('srf:')) {
      if (hasSrf(e.args)) {
        throw new QueryError(SQLSTATE.feature_not_supported, 'nested set-returning functions are not supported');
      }
      items.push({ kind: 'srf', call: { fn: e.fn.slice(4), args: e.args, types: [e.type] } });
      fields.push({ name: e.fn.slice(4), type: e.type, nullable: true });
      return { kind: 'column', index: items.length - 1, type: e.type };
    }
    return mapExprChildren(e, replace);
  };
  const exprs = p.exprs.map(replace);
  const set: LogicalPlan = { kind: 'project_set', schema: fields, input, items };
  return { ...p, input: set, exprs };
}
