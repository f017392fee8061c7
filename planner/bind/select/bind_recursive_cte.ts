/**
 * WITH RECURSIVE: a CTE whose query references itself must be `non-recursive term UNION [ALL] recursive
 * term` (42P19 otherwise). The non-recursive term fixes the column types; inside the recursive term the
 * self-reference is a `worktable` (the previous iteration's rows).
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { formatType, T, typesEqual } from '../../../common/types.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { coerceToType } from '../expr/bind_expr.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import type { CteDef } from './bind_cte.js';
import { bindSelectStmt } from './bind_select.js';
import type { SnapshotPins } from './bind_table.js';

/** Does `node` contain an unqualified RangeVar named `name`? */
export function referencesName(node: unknown, name: string): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((x) => referencesName(x, name));
  const n = node as PgNode;
  if (n.RangeVar && !n.RangeVar.schemaname && n.RangeVar.relname === name) return true;
  return Object.values(n).some((v) => referencesName(v, name));
}

/** CTEs whose recursive term is being bound: a reference to one of them is its worktable. */
const ACTIVE = new Map<CteDef, { readonly id: number; readonly schema: readonly Field[] }>();
let nextId = 1;

function pos(location: unknown): number | undefined {
  return typeof location === 'number' && location >= 0 ? location + 1 : undefined;
}

export async function bindRecursiveCte(def: CteDef, ctx: PlanContext, pins: SnapshotPins): Promise<LogicalPlan> {
  const active = ACTIVE.get(def);
  if (active !== undefined) return { kind: 'worktable', schema: active.schema, id: active.id };
  const q = def.query;
  const p = pos(def.location);
  if (q.op !== 'SETOP_UNION') {
    throw new QueryError('42P19', `recursive query "${def.name}" does not have the form non-recursive-term UNION [ALL] recursive-term`, { position: p });
  }
  if (q.sortClause || q.limitCount || q.limitOffset) throw new QueryError(SQLSTATE.feature_not_supported, `ORDER BY/LIMIT in a recursive query is not implemented`, { position: p });
  if (referencesName(q.larg, def.name)) {
    throw new QueryError('42P19', `recursive reference to query "${def.name}" must not appear within its non-recursive term`, { position: p });
  }
  let anchor = (await bindSelectStmt(q.larg, ctx, pins, {})).plan;
  // unknown literals in the non-recursive term become text, as in any UNION
  if (anchor.schema.some((f) => f.type.kind === 'unknown')) {
    const exprs: BoundExpr[] = anchor.schema.map((f, i) => (f.type.kind === 'unknown' ? coerceToType({ kind: 'column', index: i, type: f.type }, T.text, 'implicit', ctx.bind) : { kind: 'column', index: i, type: f.type }));
    anchor = { kind: 'project', schema: anchor.schema.map((f, i) => ({ ...f, type: exprs[i]!.type })), input: anchor, exprs };
  }
  const names = anchor.schema.map((f, i) => def.colnames[i] ?? f.name);
  const schema: Field[] = anchor.schema.map((f, i) => ({ ...f, name: names[i]!, nullable: true }));
  const id = nextId++;
  ACTIVE.set(def, { id, schema });
  let recursive: LogicalPlan;
  try {
    recursive = (await bindSelectStmt(q.rarg, ctx, pins, {})).plan;
  } finally {
    ACTIVE.delete(def);
  }
  if (recursive.schema.length !== schema.length) throw new QueryError(SQLSTATE.syntax_error, 'each UNION query must have the same number of columns', { position: p });
  const exprs: BoundExpr[] = recursive.schema.map((f, i) => {
    const want = schema[i]!.type;
    const col: BoundExpr = { kind: 'column', index: i, type: f.type };
    if (typesEqual(f.type, want)) return col;
    if (f.type.kind === 'unknown') return coerceToType(col, want, 'implicit', ctx.bind);
    throw new QueryError(SQLSTATE.datatype_mismatch, `recursive query "${def.name}" column ${i + 1} has type ${formatType(want)} in non-recursive term but type ${formatType(f.type)} overall`, { position: pos(q.larg?.targetList?.[i]?.ResTarget?.location) ?? p, hint: 'Cast the output of the non-recursive term to the correct type.' });
  });
  if (exprs.some((e, i) => e.kind !== 'column' || e.index !== i)) recursive = { kind: 'project', schema, input: recursive, exprs };
  return { kind: 'recursive_cte', schema, id, distinct: q.all !== true, anchor: { ...anchor, schema } as LogicalPlan, recursive: { ...recursive, schema } as LogicalPlan };
}
