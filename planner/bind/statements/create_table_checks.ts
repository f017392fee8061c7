/**
 * CHECK constraints of CREATE TABLE (column and table constraints) → `delta.constraints.<name>` table
 * properties (names chosen as PostgreSQL does when not given). Each expression is bound against the new
 * table's columns first, so a bad one fails the CREATE.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { CONSTRAINT_PREFIX, bindCheck } from '../../../catalog/constraints.js';
import type { PgNode } from '../expr/scope.js';
import { checkExpressionText } from './alter_actions.js';
import { chooseCheckName } from './alter_draft.js';

/** The table properties with the CHECK constraints of `elts` added; `base` unchanged when there are none. */
export function withCheckConstraints(base: Readonly<Record<string, string>> | null, elts: readonly PgNode[], table: string, fields: readonly Field[], sql: string): Readonly<Record<string, string>> | null {
  const checks: PgNode[] = [];
  for (const elt of elts) {
    if (elt.Constraint?.contype === 'CONSTR_CHECK') checks.push(elt.Constraint as PgNode);
    for (const cn of (elt.ColumnDef?.constraints ?? []) as PgNode[]) if (cn.Constraint?.contype === 'CONSTR_CHECK') checks.push(cn.Constraint as PgNode);
  }
  if (checks.length === 0) return base;
  const out: Record<string, string> = { ...(base ?? {}) };
  const taken = new Set<string>();
  for (const c of checks) {
    if (c.skip_validation === true || c.is_no_inherit === true) throw new QueryError(SQLSTATE.feature_not_supported, 'CHECK ... NOT VALID / NO INHERIT is not supported on Delta tables');
    const expr = checkExpressionText(sql, c.location as number);
    bindCheck(expr, fields, table);
    const name = typeof c.conname === 'string' ? c.conname : chooseCheckName(table, expr, taken);
    if (taken.has(name)) throw new QueryError(SQLSTATE.duplicate_object, `constraint "${name}" for relation "${table}" already exists`);
    taken.add(name);
    out[`${CONSTRAINT_PREFIX}${name.toLowerCase()}`] = expr;
  }
  return out;
}
