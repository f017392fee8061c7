/** `expr COLLATE "C"` / `COLLATE pg_catalog.default`: Pier compares strings by code point (C), so these are no-ops. */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { BoundExpr } from './bound_expr.js';
import { pos } from './errors.js';
import type { BindContext, PgNode } from './scope.js';

const KNOWN = new Set(['default', 'C', 'POSIX', 'ucs_basic']);

export function bindCollate(body: PgNode, arg: BoundExpr, _ctx: BindContext): BoundExpr {
  const names = ((body['collname'] ?? []) as PgNode[]).map((n) => String(n['String']?.['sval'] ?? ''));
  const name = names[names.length - 1] ?? '';
  const p = pos(body['location']);
  if ((names.length === 2 && names[0] !== 'pg_catalog') || !KNOWN.has(name)) {
    throw new QueryError(SQLSTATE.undefined_object, `collation "${names.join('.')}" for encoding "UTF8" does not exist`, { position: p });
  }
  const k = arg.type.kind;
  if (k !== 'text' && k !== 'varchar' && k !== 'bpchar' && k !== 'unknown') {
    throw new QueryError(SQLSTATE.datatype_mismatch, `collations are not supported by type ${k === 'int4' ? 'integer' : k}`, { position: p });
  }
  return arg;
}
