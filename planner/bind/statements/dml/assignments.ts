/**
 * SET lists of UPDATE and MERGE … UPDATE SET: `c = expr`, `(c1, c2) = (e1, e2)`, `c = DEFAULT` (NULL: Pier
 * tables have no column defaults), with PostgreSQL's errors for unknown and repeated columns.
 */
import type { Field } from '../../../../common/types.js';
import { QueryError, SQLSTATE } from '../../../../common/errors.js';
import type { PgNode } from '../../expr/scope.js';
import { positionOf } from '../names.js';

const NULL_NODE: PgNode = { A_Const: { isnull: true, location: -1 } };

/** Column index → the expression assigned to it. */
export function bindAssignments(targetList: readonly PgNode[], fields: readonly Field[], relation: string, sql: string): Map<number, PgNode> {
  const out = new Map<number, PgNode>();
  for (const item of targetList) {
    const rt = item.ResTarget as PgNode;
    const name = rt.name as string;
    if (rt.indirection !== undefined) {
      throw new QueryError(SQLSTATE.feature_not_supported, 'assignment to subfields or array elements is not supported', { position: positionOf(rt, sql) });
    }
    const idx = fields.findIndex((f) => f.name === name);
    if (idx < 0) throw new QueryError(SQLSTATE.undefined_column, `column "${name}" of relation "${relation}" does not exist`, { position: positionOf(rt, sql) });
    if (out.has(idx)) throw new QueryError(SQLSTATE.syntax_error, `multiple assignments to same column "${name}"`);
    out.set(idx, valueOf(rt.val as PgNode, sql));
  }
  return out;
}

function valueOf(val: PgNode, sql: string): PgNode {
  if (val.SetToDefault !== undefined) return NULL_NODE;
  const m = val.MultiAssignRef as PgNode | undefined;
  if (m === undefined) return val;
  const row = m.source?.RowExpr as PgNode | undefined;
  if (row === undefined) {
    throw new QueryError(SQLSTATE.feature_not_supported, 'multiple-column UPDATE from a sub-SELECT is not supported', { position: positionOf(Object.values(m.source as PgNode)[0] as PgNode, sql) });
  }
  const args = (row.args ?? []) as PgNode[];
  if (args.length !== m.ncolumns) {
    throw new QueryError(SQLSTATE.syntax_error, 'number of columns does not match number of values', { position: positionOf(row, sql) });
  }
  return valueOf(args[(m.colno as number) - 1]!, sql);
}
