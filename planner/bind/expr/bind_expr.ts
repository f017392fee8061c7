/**
 * Expression binder: libpg-query expression nodes → typed BoundExpr (see index.ts for the API).
 * Node kinds are dispatched here; operators, functions, literals, coercion and folding live in their own files.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { T, formatType } from '../../../common/types.js';
import type { AggregateCall, BoundExpr } from './bound_expr.js';
import { bindBinaryOperator, bindComparison, bindUnaryOperator, comparisonType } from './bind_operator.js';
import { aggregateResultType, bindFunctionCall, isAggregateName } from './bind_func.js';
import { bindAggregateCall } from './bind_aggregate_call.js';
import { bindArrayExpr, bindIndirection, bindQuantified, bindSimilar } from './bind_array.js';
import { bindConst } from './bind_literal.js';
import { positionalArgs } from './named_args.js';
import { coerceToType, commonType } from './coerce.js';
import { functionDoesNotExist, mustBeType, nodePos, operatorDoesNotExist, pos, unsupported, withPos } from './errors.js';
import type { BindContext, ExprScope, PgNode } from './scope.js';
import { bindTypeName } from './type_name.js';
import { isWindowOnlyFunction, windowNotAllowed, windowRequiresOver } from './window_errors.js';
import { bindSubLink } from '../select/bind_sublink.js';
import { bindRowAExpr } from '../select/bind_row_compare.js';
import { bindSqlValueFunction } from './func_system.js';
import { bindCollate } from './collate.js';
import { bindRegCast, regKindOfType, regToText, regTypeKind } from './system_lookup.js';

export { coerceToType, commonType } from './coerce.js';
export { bindTypeName } from './type_name.js';
export { foldConstants } from './fold.js';
export { isAggregateName } from './bind_func.js';

function str(n: PgNode): string {
  return String(n['String']?.['sval'] ?? '');
}

export function bindExpr(node: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr {
  const replaced = scope.lookupExpr?.(node) ?? null;
  if (replaced !== null) return replaced;
  const [kind, body] = Object.entries(node)[0] as [string, PgNode];
  switch (kind) {
    case 'ColumnRef': {
      const fields = (body['fields'] as PgNode[]);
      if (fields.some((f) => f['A_Star'] !== undefined)) {
        throw new QueryError(SQLSTATE.syntax_error, 'row expansion via "*" is not supported here', { position: pos(body['location']) });
      }
      const r = scope.resolveColumn(fields.map(str), pos(body['location']));
      if (r.expr !== undefined) return r.expr;
      return { kind: 'column', index: r.index, type: r.type, name: r.name };
    }
    case 'A_Const': return bindConst(body);
    case 'ParamRef': {
      const index = Number(body['number']) - 1;
      if (index < 0) throw new QueryError(SQLSTATE.undefined_parameter, `there is no parameter $${index + 1}`, { position: pos(body['location']) });
      while (ctx.params.length <= index) ctx.params.push(T.unknown);
      return { kind: 'param', index, type: ctx.params[index]! };
    }
    case 'TypeCast': {
      const arg = bindExpr(body['arg'] as PgNode, scope, ctx);
      const p = nodePos(body['arg'] as PgNode) ?? pos(body['location']);
      const reg = regTypeKind(body['typeName'] as PgNode);
      if (reg !== null) {
        const bound = bindRegCast(reg, arg, ctx, p);
        if (bound !== null) return bound;
      }
      const type = bindTypeName(body['typeName'] as PgNode);
      const innerReg = (body['arg']?.['TypeCast'] === undefined ? null : regTypeKind(body['arg']['TypeCast']['typeName'] as PgNode)) ?? regKindOfType(arg.type);
      if (innerReg !== null && (type.kind === 'text' || type.kind === 'varchar')) {
        const named = regToText(innerReg, arg, ctx);
        if (named !== null) return coerceToType(named, type, 'explicit', ctx, p);
      }
      return coerceToType(arg, type, 'explicit', ctx, p);
    }
    case 'A_Expr': return bindAExpr(body, scope, ctx);
    case 'BoolExpr': {
      const op = body['boolop'] as string;
      const label = op === 'AND_EXPR' ? 'AND' : op === 'OR_EXPR' ? 'OR' : 'NOT';
      const args = (body['args'] as PgNode[]).map((a) => bindBool(a, label, scope, ctx));
      if (op === 'NOT_EXPR') return { kind: 'not', arg: args[0]!, type: T.bool };
      return { kind: op === 'AND_EXPR' ? 'and' : 'or', args, type: T.bool };
    }
    case 'NullTest': {
      const arg = bindExpr(body['arg'] as PgNode, scope, ctx);
      return { kind: 'is_null', arg, negated: body['nulltesttype'] === 'IS_NOT_NULL', type: T.bool };
    }
    case 'BooleanTest': {
      const t = String(body['booltesttype']);
      const m = /^IS_(NOT_)?(TRUE|FALSE|UNKNOWN)$/.exec(t);
      if (m === null) throw unsupported(t, pos(body['location']));
      const label = `IS ${m[1] ? 'NOT ' : ''}${m[2]}`;
      const arg = bindBool(body['arg'] as PgNode, label, scope, ctx);
      return { kind: 'is_bool', arg, test: m[2]!.toLowerCase() as 'true' | 'false' | 'unknown', negated: m[1] !== undefined, type: T.bool };
    }
    case 'CaseExpr': return bindCase(body, scope, ctx);
    case 'CoalesceExpr': {
      const nodes = body['args'] as PgNode[];
      const args = nodes.map((a) => bindExpr(a, scope, ctx));
      const t = unifyArgs(args, nodes, 'COALESCE', ctx);
      return { kind: 'coalesce', args: args.map((a, i) => coerceToType(a, t, 'implicit', ctx, nodePos(nodes[i]!))), type: t };
    }
    case 'MinMaxExpr': {
      const greatest = body['op'] === 'IS_GREATEST';
      const nodes = body['args'] as PgNode[];
      const args = nodes.map((a) => bindExpr(a, scope, ctx));
      const t = unifyArgs(args, nodes, greatest ? 'GREATEST' : 'LEAST', ctx);
      return { kind: greatest ? 'greatest' : 'least', args: args.map((a, i) => coerceToType(a, t, 'implicit', ctx, nodePos(nodes[i]!))), type: t };
    }
    case 'SQLValueFunction': {
      const p = pos(body['location']);
      switch (body['op']) {
        case 'SVFOP_CURRENT_DATE': return { kind: 'call', fn: 'current_date', args: [], type: T.date };
        case 'SVFOP_CURRENT_TIMESTAMP': case 'SVFOP_CURRENT_TIMESTAMP_N': return { kind: 'call', fn: 'now', args: [], type: T.timestamptz };
        case 'SVFOP_LOCALTIMESTAMP': case 'SVFOP_LOCALTIMESTAMP_N': return { kind: 'call', fn: 'localtimestamp', args: [], type: T.timestamp };
        default: return bindSqlValueFunction(String(body['op']), ctx) ?? (() => { throw unsupported(String(body['op']).replace('SVFOP_', ''), p); })();
      }
    }
    case 'FuncCall': return bindFuncCall(body, scope, ctx);
    case 'A_ArrayExpr': return bindArrayExpr(body, (n) => bindExpr(n, scope, ctx), ctx);
    case 'A_Indirection': return bindIndirection(body, (n) => bindExpr(n, scope, ctx), ctx);
    case 'SubLink': return bindSubLink(body, scope, ctx);
    case 'CollateClause': return bindCollate(body, bindExpr(body['arg'] as PgNode, scope, ctx), ctx);
    default:
      throw unsupported(`expression ${kind}`, pos(body?.['location']));
  }
}

/** Bind a node that must be boolean (`argument of <clause> must be type boolean`). */
function bindBool(node: PgNode, clause: string, scope: ExprScope, ctx: BindContext): BoundExpr {
  const e = bindExpr(node, scope, ctx);
  if (e.type.kind === 'bool') return e;
  if (e.type.kind === 'unknown') return coerceToType(e, T.bool, 'implicit', ctx, nodePos(node));
  throw mustBeType(clause, 'boolean', e.type, nodePos(node));
}

/** Bind a WHERE / HAVING / ON condition: must be boolean, named by scope.clause in the 42804 message. */
export function bindCondition(node: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr {
  return bindBool(node, scope.clause, scope, ctx);
}

function unifyArgs(args: readonly BoundExpr[], nodes: readonly PgNode[], context: string, ctx: BindContext): SqlType {
  return commonType(args.map((a) => a.type), context, ctx, undefined, nodes.map(nodePos));
}

function bindAExpr(body: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr {
  const kind = String(body['kind']);
  const names = (body['name'] as PgNode[] | undefined) ?? [];
  const op = names.length > 0 ? str(names[names.length - 1]!) : '';
  const p = pos(body['location']);
  const lnode = body['lexpr'] as PgNode | undefined;
  const rnode = body['rexpr'] as PgNode | undefined;
  const row = bindRowAExpr(body, scope, ctx);
  if (row !== null) return row;
  switch (kind) {
    case 'AEXPR_OP': {
      const r = bindExpr(rnode!, scope, ctx);
      if (lnode === undefined) return bindUnaryOperator(op, r, p, ctx);
      const l = bindExpr(lnode, scope, ctx);
      return bindBinaryOperator(op, l, r, p, ctx);
    }
    case 'AEXPR_IN': {
      const arg = bindExpr(lnode!, scope, ctx);
      const items = (rnode!['List']?.['items'] ?? []) as PgNode[];
      const list = items.map((n) => bindExpr(n, scope, ctx));
      let t: SqlType;
      try {
        t = commonType([arg.type, ...list.map((e) => e.type)], 'IN', ctx, p);
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
        const bad = list.find((x) => comparisonType(arg.type, x.type) === null) ?? list[0]!;
        throw operatorDoesNotExist('=', arg.type, bad.type, p);
      }
      const cmp = comparisonType(t, t) ?? t;
      return {
        kind: 'in_list', arg: coerceToType(arg, cmp, 'implicit', ctx, p),
        list: list.map((e, i) => coerceToType(e, cmp, 'implicit', ctx, nodePos(items[i]!))), negated: op === '<>', type: T.bool,
      };
    }
    case 'AEXPR_BETWEEN': case 'AEXPR_NOT_BETWEEN': case 'AEXPR_BETWEEN_SYM': case 'AEXPR_NOT_BETWEEN_SYM': {
      const items = (rnode!['List']?.['items'] ?? []) as PgNode[];
      const a = bindExpr(lnode!, scope, ctx);
      const lo = bindExpr(items[0]!, scope, ctx);
      const hi = bindExpr(items[1]!, scope, ctx);
      const negated = kind.includes('NOT');
      const range = (x: BoundExpr, y: BoundExpr): BoundExpr => negated
        ? { kind: 'or', args: [bindComparison('<', a, x, p, ctx), bindComparison('>', a, y, p, ctx)], type: T.bool }
        : { kind: 'and', args: [bindComparison('>=', a, x, p, ctx), bindComparison('<=', a, y, p, ctx)], type: T.bool };
      if (!kind.endsWith('_SYM')) return range(lo, hi);
      return negated
        ? { kind: 'and', args: [range(lo, hi), range(hi, lo)], type: T.bool }
        : { kind: 'or', args: [range(lo, hi), range(hi, lo)], type: T.bool };
    }
    case 'AEXPR_LIKE': case 'AEXPR_ILIKE': {
      const arg = bindExpr(lnode!, scope, ctx);
      let patNode = rnode!;
      let escape: BoundExpr | null = null;
      const fc = rnode!['FuncCall'] as PgNode | undefined;
      if (fc !== undefined && str((fc['funcname'] as PgNode[]).at(-1)!) === 'like_escape') {
        const fa = fc['args'] as PgNode[];
        patNode = fa[0]!;
        escape = coerceToType(bindExpr(fa[1]!, scope, ctx), T.text, 'implicit', ctx, nodePos(fa[1]!));
      }
      const pat = bindExpr(patNode, scope, ctx);
      const isStr = (t: SqlType) => t.kind === 'text' || t.kind === 'varchar' || t.kind === 'bpchar' || t.kind === 'unknown';
      if (!isStr(arg.type) || !isStr(pat.type)) throw operatorDoesNotExist(op, arg.type, pat.type, p);
      return {
        kind: 'like', arg: coerceToType(arg, T.text, 'implicit', ctx, p), pattern: coerceToType(pat, T.text, 'implicit', ctx, p),
        caseInsensitive: kind === 'AEXPR_ILIKE', negated: op.startsWith('!'), escape, type: T.bool,
      };
    }
    case 'AEXPR_OP_ANY': case 'AEXPR_OP_ALL':
      return bindQuantified(kind === 'AEXPR_OP_ALL', op, bindExpr(lnode!, scope, ctx), bindExpr(rnode!, scope, ctx), ctx, p);
    case 'AEXPR_SIMILAR': return bindSimilar(op, bindExpr(lnode!, scope, ctx), rnode!, (n) => bindExpr(n, scope, ctx), ctx, p);
    case 'AEXPR_NULLIF': {
      const l = bindExpr(lnode!, scope, ctx);
      const r = bindExpr(rnode!, scope, ctx);
      const c = bindComparison('=', l, r, p, ctx) as Extract<BoundExpr, { kind: 'compare' }>;
      return { kind: 'nullif', left: c.left, right: c.right, type: c.left.type };
    }
    case 'AEXPR_DISTINCT': case 'AEXPR_NOT_DISTINCT': {
      const l = bindExpr(lnode!, scope, ctx);
      const r = bindExpr(rnode!, scope, ctx);
      const c = bindComparison('=', l, r, p, ctx) as Extract<BoundExpr, { kind: 'compare' }>;
      return { kind: 'is_distinct', left: c.left, right: c.right, negated: kind === 'AEXPR_NOT_DISTINCT', type: T.bool };
    }
    default:
      throw unsupported(`operator form ${kind}`, p);
  }
}

function bindCase(body: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr {
  const argNode = body['arg'] as PgNode | undefined;
  const testArg = argNode === undefined ? null : bindExpr(argNode, scope, ctx);
  const whenNodes = (body['args'] as PgNode[]).map((w) => w['CaseWhen'] as PgNode);
  const conds: BoundExpr[] = [];
  const thens: BoundExpr[] = [];
  const thenNodes: PgNode[] = [];
  for (const w of whenNodes) {
    const wexpr = w['expr'] as PgNode;
    if (testArg !== null) {
      conds.push(bindComparison('=', testArg, bindExpr(wexpr, scope, ctx), pos(w['location']), ctx));
    } else {
      conds.push(bindBool(wexpr, 'CASE/WHEN', scope, ctx));
    }
    thenNodes.push(w['result'] as PgNode);
    thens.push(bindExpr(w['result'] as PgNode, scope, ctx));
  }
  const defNode = body['defresult'] as PgNode | undefined;
  const def = defNode === undefined ? null : bindExpr(defNode, scope, ctx);
  // PostgreSQL resolves the default result first
  const all = def === null ? thens : [def, ...thens];
  const allNodes = defNode === undefined ? thenNodes : [defNode, ...thenNodes];
  const t = commonType(all.map((e) => e.type), 'CASE', ctx, undefined, allNodes.map(nodePos));
  return {
    kind: 'case',
    whens: conds.map((c, i) => ({ when: c, then: coerceToType(thens[i]!, t, 'implicit', ctx, nodePos(thenNodes[i]!)) })),
    else: def === null ? null : coerceToType(def, t, 'implicit', ctx, nodePos(defNode!)),
    type: t,
  };
}

function bindFuncCall(body: PgNode, scope: ExprScope, ctx: BindContext): BoundExpr {
  const names = (body['funcname'] as PgNode[]).map(str);
  const name = names[names.length - 1]!;
  const p = pos(body['location']);
  const infoSchema = names.length === 2 && names[0] === 'information_schema' && name === '_pg_expandarray';
  if (names.length > 2 || (names.length === 2 && names[0] !== 'pg_catalog' && !infoSchema)) {
    throw new QueryError(SQLSTATE.undefined_function, `function ${names.join('.')}() does not exist`, { position: p });
  }
  if (body['over'] !== undefined) throw windowNotAllowed(scope.clause, p);
  if (isWindowOnlyFunction(name)) throw windowRequiresOver(name, p);
  const argNodes = positionalArgs(name, (body['args'] as PgNode[] | undefined) ?? []);
  if (isAggregateName(name)) return bindAggregate(name, body, argNodes, scope, ctx, p);
  if (body['agg_star'] === true || body['agg_distinct'] === true || body['agg_filter'] !== undefined) {
    throw new QueryError(SQLSTATE.wrong_object_type, `${body['agg_star'] ? `${name}(*)` : 'DISTINCT/FILTER'} specified, but ${name} is not an aggregate function`, { position: p });
  }
  const args = argNodes.map((a) => bindExpr(a, scope, ctx));
  return withPos(p, () => bindFunctionCall(name, args, ctx, p));
}

function bindAggregate(name: string, body: PgNode, argNodes: readonly PgNode[], scope: ExprScope, ctx: BindContext, p: number | undefined): BoundExpr {
  if (NESTED.has(scope)) throw new QueryError(SQLSTATE.grouping_error, 'aggregate function calls cannot be nested', { position: p });
  if (scope.registerAggregate === undefined) {
    throw new QueryError(SQLSTATE.grouping_error, `aggregate functions are not allowed in ${scope.clause}`, { position: p });
  }
  const innerScope = aggregateArgScope(scope.aggregateInputScope ?? scope);
  const call: AggregateCall = bindAggregateCall(name, body, argNodes, innerScope, ctx, p, bindExpr, bindBool);
  return scope.registerAggregate(call);
}

const NESTED = new WeakSet<ExprScope>();

/** The scope for an aggregate's arguments: same columns, no aggregates (nested ones are 42803). */
function aggregateArgScope(inner: ExprScope): ExprScope {
  const s: ExprScope = {
    resolveColumn: (fields, position) => inner.resolveColumn(fields, position),
    ...(inner.lookupExpr === undefined ? {} : { lookupExpr: (n: PgNode) => inner.lookupExpr!(n) }),
    clause: inner.clause,
  };
  NESTED.add(s);
  return s;
}

/** For messages elsewhere: `integer`, `text`, ... */
export function typeLabel(t: SqlType): string {
  return formatType(t);
}
