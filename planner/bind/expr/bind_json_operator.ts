/**
 * Operators on json/jsonb and bytea: `->`, `->>` (text key or int index), `#>`, `#>>` (text[] path),
 * jsonb `@>`, `<@`, `?`, `?|`, `?&`, `||`, `-` (text key or int index), and bytea `||`. Returns null when the
 * operands are none of these types, so the generic operator binding goes on.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { T, formatType } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import { operatorDoesNotExist, operatorNotUnique } from './errors.js';
import type { BindContext } from './scope.js';

const TEXT_ARR: SqlType = { kind: 'array', element: T.text };
const isJson = (t: SqlType) => t.kind === 'json' || t.kind === 'jsonb';
const isTexty = (t: SqlType) => t.kind === 'text' || t.kind === 'varchar' || t.kind === 'bpchar';
const isIntType = (t: SqlType) => t.kind === 'int2' || t.kind === 'int4';

const JSON_OPS = new Set(['->', '->>', '#>', '#>>', '@>', '<@', '?', '?|', '?&', '||', '-']);

export function bindJsonOperator(op: string, l: BoundExpr, r: BoundExpr, position: number | undefined, ctx: BindContext): BoundExpr | null {
  if (!JSON_OPS.has(op)) return null;
  const lt = l.type, rt = r.type;
  const co = (e: BoundExpr, t: SqlType) => coerceToType(e, t, 'implicit', ctx, position);
  const mk = (fn: string, args: BoundExpr[], type: SqlType): BoundExpr => ({ kind: 'call', fn, args, type });
  const fail = () => operatorDoesNotExist(op, lt, rt, position);

  if (op === '||' && (lt.kind === 'bytea' || rt.kind === 'bytea')) {
    const ok = (t: SqlType) => t.kind === 'bytea' || t.kind === 'unknown';
    if (!ok(lt) || !ok(rt)) return null;
    return mk('bytea_concat', [co(l, T.bytea), co(r, T.bytea)], T.bytea);
  }
  if (!isJson(lt) && !(lt.kind === 'unknown' && isJson(rt))) {
    if (lt.kind === 'unknown' && rt.kind === 'unknown' && (op === '->' || op === '->>' || op === '#>' || op === '#>>')) throw operatorNotUnique(op, lt, rt, position);
    return null;
  }
  const jt: SqlType = isJson(lt) ? lt : rt;
  const jl = co(l, jt);
  switch (op) {
    case '->': case '->>': {
      const text = op === '->>';
      if (isIntType(rt)) return mk(text ? 'json_index_text' : 'json_index', [jl, co(r, T.int4)], text ? T.text : jt);
      if (isTexty(rt) || rt.kind === 'unknown') return mk(text ? 'json_field_text' : 'json_field', [jl, co(r, T.text)], text ? T.text : jt);
      throw fail();
    }
    case '#>': case '#>>': {
      if (!(rt.kind === 'unknown' || (rt.kind === 'array' && isTexty(rt.element)))) throw fail();
      const text = op === '#>>';
      return mk(text ? 'json_path_text' : 'json_path', [jl, co(r, TEXT_ARR)], text ? T.text : jt);
    }
    default: break;
  }
  // the rest are jsonb-only
  if (jt.kind !== 'jsonb') throw fail();
  switch (op) {
    case '@>': case '<@': case '||':
      if (!(rt.kind === 'jsonb' || rt.kind === 'unknown') || !(lt.kind === 'jsonb' || lt.kind === 'unknown')) throw fail();
      return mk(op === '@>' ? 'jsonb_contains' : op === '<@' ? 'jsonb_contained' : 'jsonb_concat', [jl, co(r, T.jsonb)], op === '||' ? T.jsonb : T.bool);
    case '?':
      if (!(isTexty(rt) || rt.kind === 'unknown')) throw fail();
      return mk('jsonb_exists', [jl, co(r, T.text)], T.bool);
    case '?|': case '?&':
      if (!(rt.kind === 'unknown' || (rt.kind === 'array' && isTexty(rt.element)))) throw fail();
      return mk(op === '?|' ? 'jsonb_exists_any' : 'jsonb_exists_all', [jl, co(r, TEXT_ARR)], T.bool);
    case '-':
      if (isIntType(rt)) return mk('jsonb_delete_index', [jl, co(r, T.int4)], T.jsonb);
      if (isTexty(rt) || rt.kind === 'unknown') return mk('jsonb_delete', [jl, co(r, T.text)], T.jsonb);
      throw fail();
    default: throw fail();
  }
}

/**
 * jsonb subscripting (`j['a']`, `j[0]`, PostgreSQL 14+): an integer subscript indexes arrays, a text one picks
 * object keys (or array elements when it spells an integer); slices and other types are errors.
 */
export function bindJsonbSubscript(e: BoundExpr, sub: BoundExpr | null, slice: boolean, ctx: BindContext, position: number | undefined, subPosition: number | undefined): BoundExpr {
  if (slice || sub === null) throw new QueryError(SQLSTATE.datatype_mismatch, 'jsonb subscript does not support slices', { position: subPosition ?? position });
  const t = sub.type;
  if (isIntType(t) || t.kind === 'int8') {
    return { kind: 'call', fn: 'json_index', args: [e, coerceToType(sub, T.int4, 'assignment', ctx, subPosition)], type: T.jsonb };
  }
  if (isTexty(t) || t.kind === 'unknown') return { kind: 'call', fn: 'json_field', args: [e, coerceToType(sub, T.text, 'implicit', ctx, subPosition)], type: T.jsonb };
  throw new QueryError(SQLSTATE.datatype_mismatch, `subscript type ${formatType(t)} is not supported`, { position: subPosition, hint: 'jsonb subscript must be coercible to either integer or text.' });
}
