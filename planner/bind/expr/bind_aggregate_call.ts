/**
 * Aggregate call binding and typing (after the caller checked nesting and the clause): arguments, DISTINCT,
 * FILTER, ORDER BY inside the call, WITHIN GROUP (ordered-set aggregates), and the result type as
 * PostgreSQL's pg_aggregate signatures give it.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { AggregateCall, BoundExpr } from './bound_expr.js';
import { aggregateResultType } from './bind_func.js';
import { coerceToType } from './coerce.js';
import { functionDoesNotExist } from './errors.js';
import type { BindContext, ExprScope, PgNode } from './scope.js';
import { typeCategory } from './type_rules.js';
import { leftmostPosition } from './leftmost_position.js';
import { typeJsonAggregate } from './func_json.js';

const ORDERED_SET = new Set(['percentile_cont', 'percentile_disc', 'mode']);
const STATISTICS = new Set(['stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop']);

type BindFn = (node: PgNode, scope: ExprScope, ctx: BindContext) => BoundExpr;
type BindBoolFn = (node: PgNode, clause: string, scope: ExprScope, ctx: BindContext) => BoundExpr;

interface Bound { readonly args: BoundExpr[]; readonly type: SqlType }

const isNum = (t: SqlType) => typeCategory(t) === 'N';
const isStr = (t: SqlType) => typeCategory(t) === 'S' || t.kind === 'unknown';

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);


function notUnique(name: string, p: number | undefined): QueryError {
  return new QueryError(SQLSTATE.ambiguous_function, `function ${name}(unknown) is not unique`, { position: p, hint: 'Could not choose a best candidate function. You might need to add explicit type casts.' });
}

/** Type the plain (non ordered-set) aggregates; null: no such signature. */
function typePlain(name: string, args: BoundExpr[], ctx: BindContext, p: number | undefined): Bound | null {
  const t = args[0]?.type ?? null;
  const fix = (e: BoundExpr, to: SqlType) => coerceToType(e, to, 'implicit', ctx, p);
  switch (name) {
    case 'bool_and': case 'bool_or': case 'every':
      if (args.length !== 1 || (t!.kind !== 'bool' && t!.kind !== 'unknown')) return null;
      return { args: [fix(args[0]!, T.bool)], type: T.bool };
    case 'json_agg': case 'jsonb_agg': case 'json_object_agg': case 'jsonb_object_agg':
      return typeJsonAggregate(name, args, ctx, p);
    case 'string_agg':
      if (args.length !== 2 || !isStr(args[0]!.type) || !isStr(args[1]!.type)) return null;
      return { args: args.map((a) => fix(a, T.text)), type: T.text };
    default:
      if (STATISTICS.has(name)) {
        if (args.length !== 1) return null;
        // every candidate is numeric-category: unknown resolves to the preferred float8
        if (t!.kind === 'unknown') return { args: [fix(args[0]!, T.float8)], type: T.float8 };
        if (!isNum(t!)) return null;
        return { args, type: t!.kind === 'float4' || t!.kind === 'float8' ? T.float8 : T.numeric };
      }
      if (args.length !== 1 && !(name === 'count' && args.length === 0)) return null;
      if (t !== null && t.kind === 'unknown' && name !== 'count' && name !== 'min' && name !== 'max') throw notUnique(name, p);
      if ((name === 'min' || name === 'max') && t !== null && t.kind === 'bool') return null;
      const type = aggregateResultType(name, t);
      if (type === null) return null;
      if (t !== null && (t.kind === 'unknown' || ((name === 'min' || name === 'max') && t.kind === 'varchar'))) return { args: [fix(args[0]!, T.text)], type };
      return { args, type };
  }
}

/** Type an ordered-set aggregate: direct args, then the WITHIN GROUP value. */
function typeOrderedSet(name: string, direct: BoundExpr[], value: BoundExpr, ctx: BindContext, p: number | undefined): Bound | null {
  const fix = (e: BoundExpr, to: SqlType) => coerceToType(e, to, 'implicit', ctx, p);
  const v = value.type;
  if (name === 'mode') {
    if (direct.length !== 0) return null;
    const val = v.kind === 'unknown' ? fix(value, T.text) : value;
    return { args: [val], type: val.type };
  }
  if (direct.length !== 1 || !(isNum(direct[0]!.type) || direct[0]!.type.kind === 'unknown')) return null;
  const fraction = fix(direct[0]!, T.float8);
  if (name === 'percentile_cont') {
    if (!(isNum(v) || v.kind === 'unknown')) return null;
    return { args: [fraction, fix(value, T.float8)], type: T.float8 };
  }
  const val = v.kind === 'unknown' ? fix(value, T.text) : value;
  return { args: [fraction, val], type: val.type };
}

export function bindAggregateCall(
  name: string, body: PgNode, argNodes: readonly PgNode[], inner: ExprScope, ctx: BindContext, p: number | undefined,
  bind: BindFn, bindBool: BindBoolFn,
): AggregateCall {
  const star = body['agg_star'] === true;
  if (star && name !== 'count') throw new QueryError(SQLSTATE.wrong_object_type, `${name}(*) must be used to call a parameterless aggregate function`, { position: p });
  const withinGroup = body['agg_within_group'] === true;
  const sortNodes = ((body['agg_order'] as PgNode[] | undefined) ?? []).map((s) => s['SortBy'] as PgNode);
  const args = argNodes.map((a) => bind(a, inner, ctx));
  const order = sortNodes.map((s) => {
    const descending = s['sortby_dir'] === 'SORTBY_DESC';
    const nulls = s['sortby_nulls'];
    return { descending, nullsFirst: nulls === 'SORTBY_NULLS_FIRST' ? true : nulls === 'SORTBY_NULLS_LAST' ? false : descending };
  });
  let keys = sortNodes.map((s) => bind(s['node'] as PgNode, inner, ctx));
  // PostgreSQL finds no function of that shape (42883) when WITHIN GROUP is used or missed wrongly
  if (ORDERED_SET.has(name) !== withinGroup) throw functionDoesNotExist(name, [...args, ...(withinGroup ? keys : [])].map((a) => a.type), p);
  let typed: Bound | null;
  if (withinGroup) {
    typed = sortNodes.length === 1 ? typeOrderedSet(name, args, keys[0]!, ctx, p) : null;
    if (typed === null) throw functionDoesNotExist(name, [...args, ...keys].map((a) => a.type), p);
    keys = [];
  } else {
    typed = star ? { args: [], type: T.int8 } : typePlain(name, args, ctx, p);
    if (typed === null || (!star && args.length === 0)) throw functionDoesNotExist(name, args.map((a) => a.type), p);
    keys = keys.map((k) => (k.type.kind === 'unknown' ? coerceToType(k, T.text, 'implicit', ctx, p) : k));
    if (body['agg_distinct'] === true) {
      const same = (a: BoundExpr, b: BoundExpr) => JSON.stringify(a, big) === JSON.stringify(b, big);
      keys.forEach((k, i) => {
        if (!typed!.args.some((a) => same(a, k))) {
          throw new QueryError(SQLSTATE.invalid_column_reference, 'in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list', { position: leftmostPosition(sortNodes[i]!['node']) });
        }
      });
    }
  }
  const filterNode = body['agg_filter'] as PgNode | undefined;
  const filter = filterNode === undefined ? null : bindBool(filterNode, 'FILTER', inner, ctx);
  const call: AggregateCall = { fn: star ? 'count_star' : name, args: [...typed.args, ...keys], distinct: body['agg_distinct'] === true, filter, type: typed.type };
  if (order.length === 0) return call;
  return { ...call, order, ...(withinGroup ? { withinGroup: true } : {}) };
}
