/**
 * Window function calls in the SELECT list and ORDER BY: `f(...) OVER (...)`, `OVER w`, `OVER (w ...)` and the
 * WINDOW clause. The statement binder wraps its SELECT / ORDER BY scopes with `wrap()`; each window call binds
 * to a placeholder column, and `finish()` adds the `window` node (input columns ++ one per call) and points the
 * placeholders at its output columns.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { T, formatType } from '../../../common/types.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan, SortKey } from '../../logical/nodes.js';
import type { FrameBound, WindowCall, WindowFrame, WindowSpec } from '../../logical/window_call.js';
import { RANKING_FUNCTIONS, VALUE_FUNCTIONS } from '../../logical/window_call.js';
import { bindExpr, coerceToType, commonType, foldConstants } from '../expr/bind_expr.js';
import type { BoundExpr } from '../expr/bound_expr.js';
import { mapExprChildren } from '../expr/bound_expr.js';
import { bindAggregateCall } from '../expr/bind_aggregate_call.js';
import { isAggregateName, isScalarFunctionName } from '../expr/bind_func.js';
import { bindBinaryOperator } from '../expr/bind_operator.js';
import { canImplicitlyCast } from '../expr/type_rules.js';
import { functionDoesNotExist, nodePos, pos } from '../expr/errors.js';
import type { BindContext, ExprScope } from '../expr/scope.js';

/** Placeholder column indexes for window results until the input width is known. */
const PLACEHOLDER = 1 << 29;

const F = {
  nondefault: 0x1, range: 0x2, rows: 0x4, groups: 0x8,
  startUnboundedPreceding: 0x20, startCurrent: 0x200, startPreceding: 0x800, startFollowing: 0x2000,
  endUnboundedFollowing: 0x100, endCurrent: 0x400, endPreceding: 0x1000, endFollowing: 0x4000,
  excludeCurrent: 0x8000, excludeGroup: 0x10000, excludeTies: 0x20000,
} as const;

/** FILTER (WHERE …) of a windowed aggregate: boolean, as PostgreSQL words the error. */
function bindFilter(node: PgNode, clause: string, scope: ExprScope, ctx: BindContext): BoundExpr {
  const e = bindExpr(node, scope, ctx);
  if (e.type.kind === 'bool') return e;
  if (e.type.kind === 'unknown') return coerceToType(e, T.bool, 'implicit', ctx, nodePos(node));
  throw new QueryError(SQLSTATE.datatype_mismatch, `argument of ${clause} must be type boolean, not type ${formatType(e.type)}`, { position: nodePos(node) });
}

function windowError(message: string, position: number | undefined, hint?: string): QueryError {
  return new QueryError('42P20', message, { position, ...(hint === undefined ? {} : { hint }) });
}

/** A scope like `base` where a nested window call is an error. */
function noWindows(base: ExprScope, message: string, sqlstate = '42P20'): ExprScope {
  const s: { -readonly [K in keyof ExprScope]: ExprScope[K] } = {
    resolveColumn: (f, p) => base.resolveColumn(f, p),
    lookupExpr: (n: PgNode) => {
      if (n['FuncCall']?.['over'] !== undefined) throw new QueryError(sqlstate, message, { position: pos(n['FuncCall']['location']) });
      return base.lookupExpr?.(n) ?? null;
    },
    clause: base.clause,
  };
  if (base.registerAggregate) s.registerAggregate = (c) => base.registerAggregate!(c);
  if (base.aggregateInputScope) s.aggregateInputScope = base.aggregateInputScope;
  return s;
}

export class WindowBinder {
  readonly calls: WindowCall[] = [];
  private readonly keys: string[] = [];
  private readonly named = new Map<string, PgNode>();

  constructor(windowClause: readonly PgNode[] | undefined, private readonly ctx: PlanContext) {
    for (const w of windowClause ?? []) {
      const def = w['WindowDef'] as PgNode;
      const name = def['name'] as string;
      if (this.named.has(name)) throw windowError(`window "${name}" is already defined`, pos(def['location']));
      this.named.set(name, def);
    }
  }

  /** `base` plus window calls (SELECT list, ORDER BY). */
  wrap(base: ExprScope): ExprScope {
    const s: { -readonly [K in keyof ExprScope]: ExprScope[K] } = {
      resolveColumn: (f, p) => base.resolveColumn(f, p),
      lookupExpr: (n: PgNode) => {
        const fc = n['FuncCall'] as PgNode | undefined;
        if (fc?.['over'] !== undefined) return this.bindCall(fc, base);
        return base.lookupExpr?.(n) ?? null;
      },
      clause: base.clause,
    };
    if (base.registerAggregate) s.registerAggregate = (c) => base.registerAggregate!(c);
    if (base.aggregateInputScope) s.aggregateInputScope = base.aggregateInputScope;
    return s;
  }

  private bindCall(fc: PgNode, base: ExprScope): BoundExpr {
    const names = (fc['funcname'] as PgNode[]).map((n) => String(n['String']?.['sval'] ?? ''));
    const name = names[names.length - 1]!;
    const p = pos(fc['location']);
    if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog')) {
      throw new QueryError(SQLSTATE.undefined_function, `function ${names.join('.')}() does not exist`, { position: p });
    }
    const argScope = noWindows(base, 'window function calls cannot be nested');
    const argNodes = (fc['args'] as PgNode[] | undefined) ?? [];
    const isAgg = isAggregateName(name);
    if (fc['agg_within_group'] === true && isAgg) throw new QueryError(SQLSTATE.feature_not_supported, `OVER is not supported for ordered-set aggregate ${name}`, { position: p });
    if (fc['agg_distinct'] === true && isAgg) throw new QueryError(SQLSTATE.feature_not_supported, 'DISTINCT is not implemented for window functions', { position: p });
    if (fc['agg_order'] !== undefined && isAgg) throw new QueryError(SQLSTATE.feature_not_supported, 'aggregate ORDER BY is not implemented for window functions', { position: p });
    const filterNode = fc['agg_filter'] as PgNode | undefined;
    let args = isAgg ? [] : argNodes.map((a) => bindExpr(a, argScope, this.ctx.bind));
    let fn = name;
    let type: SqlType;
    let filter: BoundExpr | null = null;
    if (RANKING_FUNCTIONS.has(name) || VALUE_FUNCTIONS.has(name)) {
      if (filterNode !== undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'FILTER is not implemented for non-aggregate window functions', { position: p });
      const r = this.typeWindowFunction(name, args, p, argNodes.map(nodePos));
      args = r.args;
      type = r.type;
    } else if (isAgg) {
      const a = bindAggregateCall(name, fc, argNodes, argScope, this.ctx.bind, p, bindExpr, bindFilter);
      fn = a.fn;
      args = [...a.args];
      type = a.type;
      filter = a.filter;
    } else if (isScalarFunctionName(name)) {
      throw new QueryError(SQLSTATE.wrong_object_type, `OVER specified, but ${name} is not a window function nor an aggregate function`, { position: p });
    } else {
      throw functionDoesNotExist(name, args.map((a) => a.type), p);
    }
    const spec = this.bindSpec(fc['over'] as PgNode, base);
    return this.register({ fn, args, filter, spec, type });
  }

  private typeWindowFunction(name: string, args: BoundExpr[], p: number | undefined, argPos: readonly (number | undefined)[]): { args: BoundExpr[]; type: SqlType } {
    const bad = () => functionDoesNotExist(name, args.map((a) => a.type), p);
    const c = (e: BoundExpr, t: SqlType) => {
      if (e.type.kind !== 'unknown' && t.kind === 'int4' && !canImplicitlyCast(e.type, t) && e.type.kind !== 'int4') throw bad();
      return coerceToType(e, t, 'implicit', this.ctx.bind, argPos[args.indexOf(e)] ?? p);
    };
    // anyelement arguments: an untyped literal leaves the type undetermined
    const valueType = (e: BoundExpr) => {
      if (e.type.kind === 'unknown') throw new QueryError(SQLSTATE.datatype_mismatch, 'could not determine polymorphic type because input has type unknown');
      return e.type;
    };
    switch (name) {
      case 'row_number': case 'rank': case 'dense_rank':
        if (args.length !== 0) throw bad();
        return { args, type: T.int8 };
      case 'percent_rank': case 'cume_dist':
        if (args.length !== 0) throw bad();
        return { args, type: T.float8 };
      case 'ntile':
        if (args.length !== 1) throw bad();
        return { args: [c(args[0]!, T.int4)], type: T.int4 };
      case 'first_value': case 'last_value':
        if (args.length !== 1) throw bad();
        return { args: [c(args[0]!, valueType(args[0]!))], type: valueType(args[0]!) };
      case 'nth_value':
        if (args.length !== 2) throw bad();
        return { args: [c(args[0]!, valueType(args[0]!)), c(args[1]!, T.int4)], type: valueType(args[0]!) };
      case 'lag': case 'lead': {
        if (args.length < 1 || args.length > 3) throw bad();
        const t = args.length === 3 ? commonType([args[0]!.type, args[2]!.type], name, this.ctx.bind, p) : valueType(args[0]!);
        const rt = t.kind === 'unknown' ? T.text : t;
        const out = [c(args[0]!, rt)];
        if (args.length >= 2) out.push(c(args[1]!, T.int4));
        if (args.length === 3) out.push(c(args[2]!, rt));
        return { args: out, type: rt };
      }
      default: throw bad();
    }
  }

  private bindSpec(over: PgNode, base: ExprScope): WindowSpec {
    let def = over;
    if (typeof over['name'] === 'string') {
      def = this.lookupNamed(over['name'] as string, over['location']);
    } else if (typeof over['refname'] === 'string') {
      const ref = this.lookupNamed(over['refname'] as string, over['location']);
      const r = over['refname'] as string;
      if (over['partitionClause'] !== undefined) throw windowError(`cannot override PARTITION BY clause of window "${r}"`, pos(over['location']));
      if (over['orderClause'] !== undefined && ref['orderClause'] !== undefined) throw windowError(`cannot override ORDER BY clause of window "${r}"`, pos(over['location']));
      if (((ref['frameOptions'] as number) & F.nondefault) !== 0) throw windowError(`cannot copy window "${r}" because it has a frame clause`, pos(over['location']), 'Omit the parentheses in this OVER clause.');
      def = { ...over, partitionClause: ref['partitionClause'], orderClause: over['orderClause'] ?? ref['orderClause'] };
    }
    const specScope = noWindows(base, 'window functions are not allowed in window definitions');
    const partitionBy = ((def['partitionClause'] as PgNode[] | undefined) ?? []).map((n) => this.unknownToText(bindExpr(n, specScope, this.ctx.bind)));
    const orderBy: SortKey[] = ((def['orderClause'] as PgNode[] | undefined) ?? []).map((s) => {
      const sb = s['SortBy'] as PgNode;
      const descending = sb['sortby_dir'] === 'SORTBY_DESC';
      const nullsFirst = sb['sortby_nulls'] === 'SORTBY_NULLS_FIRST' ? true : sb['sortby_nulls'] === 'SORTBY_NULLS_LAST' ? false : descending;
      return { expr: this.unknownToText(bindExpr(sb['node'] as PgNode, specScope, this.ctx.bind)), descending, nullsFirst };
    });
    return { partitionBy, orderBy, frame: this.bindFrame(def, orderBy) };
  }

  private unknownToText(e: BoundExpr): BoundExpr {
    return e.type.kind === 'unknown' ? coerceToType(e, T.text, 'implicit', this.ctx.bind) : e;
  }

  private lookupNamed(name: string, location: unknown): PgNode {
    const d = this.named.get(name);
    if (d === undefined) throw new QueryError(SQLSTATE.undefined_object, `window "${name}" does not exist`, { position: pos(location) });
    return d;
  }

  private bindFrame(def: PgNode, orderBy: readonly SortKey[]): WindowFrame {
    const o = (def['frameOptions'] as number | undefined) ?? 0;
    if ((o & F.nondefault) === 0) return { mode: 'range', start: { kind: 'unbounded_preceding' }, end: { kind: 'current_row' }, exclude: 'no_others' };
    const mode = (o & F.rows) !== 0 ? 'rows' : (o & F.groups) !== 0 ? 'groups' : 'range';
    const loc = pos(def['location']);
    if (mode === 'groups' && orderBy.length === 0) throw windowError('GROUPS mode requires an ORDER BY clause', loc);
    const hasOffset = (o & (F.startPreceding | F.startFollowing | F.endPreceding | F.endFollowing)) !== 0;
    if (mode === 'range' && hasOffset && orderBy.length !== 1) throw windowError('RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column', loc);
    const bound = (isStart: boolean): FrameBound => {
      const [up, cur, pre, fol, uf] = isStart
        ? [F.startUnboundedPreceding, F.startCurrent, F.startPreceding, F.startFollowing, 0]
        : [0, F.endCurrent, F.endPreceding, F.endFollowing, F.endUnboundedFollowing];
      if ((o & up) !== 0) return { kind: 'unbounded_preceding' };
      if ((o & uf) !== 0) return { kind: 'unbounded_following' };
      if ((o & cur) !== 0) return { kind: 'current_row' };
      const node = def[isStart ? 'startOffset' : 'endOffset'] as PgNode;
      const kind = (o & pre) !== 0 ? 'preceding' : (o & fol) !== 0 ? 'following' : null;
      if (kind === null) return { kind: 'current_row' };
      return this.bindOffset(node, kind, mode, orderBy[0] ?? null);
    };
    const exclude = (o & F.excludeCurrent) !== 0 ? 'current_row' : (o & F.excludeGroup) !== 0 ? 'group' : (o & F.excludeTies) !== 0 ? 'ties' : 'no_others';
    return { mode, start: bound(true), end: bound(false), exclude };
  }

  private bindOffset(node: PgNode, kind: 'preceding' | 'following', mode: 'rows' | 'range' | 'groups', orderKey: SortKey | null): FrameBound {
    const np = nodePos(node);
    const constScope: ExprScope = {
      resolveColumn: (_f, p) => { throw new QueryError(SQLSTATE.invalid_column_reference, `argument of ${mode.toUpperCase()} must not contain variables`, { position: p }); },
      clause: 'window definitions',
    };
    let offset = bindExpr(node, noWindows(constScope, 'window functions are not allowed in window definitions'), this.ctx.bind);
    if (mode !== 'range') {
      offset = foldConstants(coerceToType(offset, T.int8, 'implicit', this.ctx.bind, np), this.ctx.bind);
      return { kind, offset, bound: null, key: null };
    }
    const key = orderKey!.expr;
    const kt = key.type.kind;
    const numericKey = kt === 'int2' || kt === 'int4' || kt === 'int8' || kt === 'float4' || kt === 'float8' || kt === 'numeric';
    const timeKey = kt === 'date' || kt === 'timestamp' || kt === 'timestamptz' || kt === 'interval';
    if (!numericKey && !timeKey) throw new QueryError(SQLSTATE.feature_not_supported, `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${formatType(key.type)}`, { position: np });
    if (offset.type.kind === 'unknown') offset = coerceToType(offset, timeKey ? T.interval : key.type, 'implicit', this.ctx.bind, np);
    const okPair = numericKey ? offset.type.kind !== 'interval' && offset.type.kind !== 'text' : offset.type.kind === 'interval';
    if (!okPair) {
      throw new QueryError(SQLSTATE.feature_not_supported, `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${formatType(key.type)} and offset type ${formatType(offset.type)}`, { position: np, hint: 'Cast the offset value to an appropriate type.' });
    }
    const op = (kind === 'preceding') !== orderKey!.descending ? '-' : '+';
    const b = bindBinaryOperator(op, key, offset, np, this.ctx.bind);
    return { kind, offset, bound: b, key: coerceToType(key, b.type, 'implicit', this.ctx.bind, np) };
  }

  private register(call: WindowCall): BoundExpr {
    const k = JSON.stringify(call, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    let i = this.keys.indexOf(k);
    if (i < 0) {
      i = this.keys.length;
      this.keys.push(k);
      this.calls.push(call);
    }
    return { kind: 'column', index: PLACEHOLDER + i, type: call.type };
  }

  /**
   * Add the window node over `plan` (when there are window calls) and point the placeholder columns of the
   * targets / hidden ORDER BY expressions at it.
   */
  finish(plan: LogicalPlan, targets: { expr: BoundExpr }[], hidden: BoundExpr[]): LogicalPlan {
    if (this.calls.length === 0) return plan;
    const width = plan.schema.length;
    const remap = (e: BoundExpr): BoundExpr => (e.kind === 'column' && e.index >= PLACEHOLDER ? { ...e, index: width + e.index - PLACEHOLDER } : mapExprChildren(e, remap));
    for (const t of targets) t.expr = remap(t.expr);
    for (let i = 0; i < hidden.length; i++) hidden[i] = remap(hidden[i]!);
    const schema = [...plan.schema, ...this.calls.map((c) => ({ name: c.fn === 'count_star' ? 'count' : c.fn, type: c.type, nullable: true }))];
    return { kind: 'window', schema, input: plan, calls: this.calls };
  }
}
