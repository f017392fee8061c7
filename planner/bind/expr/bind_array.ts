/**
 * Array expressions: ARRAY[...] constructors, subscripts a[i] / slices a[i:j], `x op ANY/ALL (array)`,
 * and SIMILAR TO. Bound as calls (array_construct, array_subscript, array_any:<op>, similar_match)
 * that executor/expr/functions implements; no new expression kinds.
 */
import { bindJsonbSubscript } from './bind_json_operator.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { T, formatType } from '../../../common/types.js';
import type { BoundExpr } from './bound_expr.js';
import { comparisonType } from './bind_operator.js';
import { coerceToType, commonType } from './coerce.js';
import { nodePos, operatorDoesNotExist, pos } from './errors.js';
import type { BindContext, PgNode } from './scope.js';

type Bind = (n: PgNode) => BoundExpr;

export function bindArrayExpr(body: PgNode, bind: Bind, ctx: BindContext): BoundExpr {
  const nodes = (body['elements'] as PgNode[] | undefined) ?? [];
  if (nodes.some((n) => n['A_ArrayExpr'] !== undefined)) {
    throw new QueryError(SQLSTATE.feature_not_supported, 'multidimensional arrays are not supported', { position: pos(body['location']) });
  }
  const els = nodes.map(bind);
  if (els.length === 0) return { kind: 'const', value: [], type: { kind: 'array', element: T.unknown } };
  let t = commonType(els.map((e) => e.type), 'ARRAY', ctx, undefined, nodes.map(nodePos));
  if (t.kind === 'unknown') t = T.text;
  if (t.kind === 'array') throw new QueryError(SQLSTATE.feature_not_supported, 'multidimensional arrays are not supported', { position: pos(body['location']) });
  const args = els.map((e, i) => coerceToType(e, t, 'implicit', ctx, nodePos(nodes[i]!)));
  const type: SqlType = { kind: 'array', element: t };
  if (args.every((a) => a.kind === 'const')) return { kind: 'const', value: args.map((a) => (a as Extract<BoundExpr, { kind: 'const' }>).value), type };
  return { kind: 'call', fn: 'array_construct', args, type };
}

export function bindIndirection(body: PgNode, bind: Bind, ctx: BindContext): BoundExpr {
  let e = bind(body['arg'] as PgNode);
  const p = pos(body['location']) ?? nodePos(body['arg'] as PgNode);
  for (const ind of (body['indirection'] as PgNode[])) {
    const idx = ind['A_Indices'] as PgNode | undefined;
    const field = ind['String']?.['sval'] as string | undefined;
    if (idx === undefined && (field === 'x' || field === 'n') && e.type.kind === 'array' && e.type.element.kind === 'int8') {
      // the (x, n) rows of information_schema._pg_expandarray (func_srf.ts)
      e = { kind: 'call', fn: 'array_subscript', args: [e, { kind: 'const', value: field === 'x' ? 1 : 2, type: T.int4 }], type: T.int8 };
      continue;
    }
    if (idx === undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'field selection is not supported', { position: p });
    if (e.type.kind === 'jsonb') {
      const u = idx['uidx'] as PgNode | undefined;
      e = bindJsonbSubscript(e, u === undefined ? null : bind(u), idx['is_slice'] === true, ctx, p, nodePos((u ?? idx['lidx']) as PgNode));
      continue;
    }
    if (e.type.kind !== 'array') {
      throw new QueryError(SQLSTATE.datatype_mismatch, `cannot subscript type ${formatType(e.type)} because it does not support subscripting`, { position: p });
    }
    const sub = (n: PgNode | undefined): BoundExpr => {
      if (n === undefined) return { kind: 'const', value: null, type: T.int4 };
      const x = bind(n);
      if (x.type.kind !== 'unknown' && x.type.kind !== 'int4' && x.type.kind !== 'int2' && x.type.kind !== 'int8') {
        throw new QueryError(SQLSTATE.datatype_mismatch, 'array subscript must have type integer', { position: nodePos(n) });
      }
      return coerceToType(x, T.int4, x.type.kind === 'int8' ? 'assignment' : 'implicit', ctx, nodePos(n));
    };
    if (idx['is_slice'] === true) {
      e = { kind: 'call', fn: 'array_slice', args: [e, sub(idx['lidx'] as PgNode | undefined), sub(idx['uidx'] as PgNode | undefined)], type: e.type };
    } else {
      e = { kind: 'call', fn: 'array_subscript', args: [e, sub(idx['uidx'] as PgNode)], type: e.type.element };
    }
  }
  return e;
}

/** `l op ANY (r)` / `l op ALL (r)` where r is an array. */
export function bindQuantified(all: boolean, op: string, l: BoundExpr, r: BoundExpr, ctx: BindContext, p: number | undefined): BoundExpr {
  if (op === '!=') op = '<>';
  if (!['=', '<>', '<', '<=', '>', '>='].includes(op)) throw operatorDoesNotExist(op, l.type, r.type, p);
  let arr = r;
  if (arr.type.kind === 'unknown') arr = coerceToType(arr, { kind: 'array', element: l.type.kind === 'unknown' ? T.text : l.type }, 'implicit', ctx, p);
  if (arr.type.kind !== 'array') {
    throw new QueryError(SQLSTATE.wrong_object_type, 'op ANY/ALL (array) requires array on right side', { position: p });
  }
  const el = arr.type.element.kind === 'unknown' ? (l.type.kind === 'unknown' ? T.text : l.type) : arr.type.element;
  const t = comparisonType(l.type, el);
  if (t === null) throw operatorDoesNotExist(op, l.type, el, p);
  const left = coerceToType(l, t, 'implicit', ctx, p);
  const right = coerceToType(arr, { kind: 'array', element: t }, 'implicit', ctx, p);
  return { kind: 'call', fn: `array_${all ? 'all' : 'any'}:${op}`, args: [left, right], type: T.bool };
}

/** `a || b` with an array side: array_cat, array_append or array_prepend. */
export function bindArrayConcat(l: BoundExpr, r: BoundExpr, ctx: BindContext, p: number | undefined): BoundExpr {
  if (l.type.kind === 'array' && (r.type.kind === 'array' || r.type.kind === 'unknown')) {
    return { kind: 'call', fn: 'array_cat', args: [l, coerceToType(r, l.type, 'implicit', ctx, p)], type: l.type };
  }
  if (r.type.kind === 'array' && l.type.kind === 'unknown') {
    return { kind: 'call', fn: 'array_cat', args: [coerceToType(l, r.type, 'implicit', ctx, p), r], type: r.type };
  }
  if (l.type.kind === 'array') {
    const t = l.type;
    if (r.type.kind === 'array' || comparisonType(t.element, r.type) === null) throw operatorDoesNotExist('||', l.type, r.type, p);
    return { kind: 'call', fn: 'array_append', args: [l, coerceToType(r, t.element, 'implicit', ctx, p)], type: t };
  }
  const t = r.type as Extract<SqlType, { kind: 'array' }>;
  if (comparisonType(t.element, l.type) === null) throw operatorDoesNotExist('||', l.type, r.type, p);
  return { kind: 'call', fn: 'array_prepend', args: [coerceToType(l, t.element, 'implicit', ctx, p), r], type: t };
}

/** `x [NOT] SIMILAR TO pattern [ESCAPE e]`; rnode is similar_to_escape(pattern[, escape]). */
export function bindSimilar(op: string, l: BoundExpr, rnode: PgNode, bind: Bind, ctx: BindContext, p: number | undefined): BoundExpr {
  const fc = rnode['FuncCall'] as PgNode | undefined;
  const argNodes = fc === undefined ? [rnode] : (fc['args'] as PgNode[]);
  const args = [l, ...argNodes.map(bind)];
  const isStr = (t: SqlType) => t.kind === 'text' || t.kind === 'varchar' || t.kind === 'bpchar' || t.kind === 'unknown';
  if (!args.every((a) => isStr(a.type))) throw operatorDoesNotExist(op, l.type, args[1]!.type, p);
  const call: BoundExpr = { kind: 'call', fn: 'similar_match', args: args.map((a) => coerceToType(a, T.text, 'implicit', ctx, p)), type: T.bool };
  return op === '!~' ? { kind: 'not', arg: call, type: T.bool } : call;
}
