/**
 * GROUP BY items as PostgreSQL resolves them: an integer is a SELECT-list ordinal; a bare name is a FROM
 * column first, else a SELECT-list alias; anything else is an expression over the FROM columns.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { PlanContext, PgNode } from '../../api.js';
import { bindExpr, isAggregateName } from '../expr/bind_expr.js';
import type { GroupKey } from './aggregate_scope.js';
import { nodeKey } from './output_name.js';
import { pgPosition, type RelationScope } from './relation_scope.js';

export function bindGroupBy(items: readonly PgNode[], targets: readonly PgNode[], from: RelationScope, ctx: PlanContext): GroupKey[] {
  const r = groupKeyResolver(targets, from, ctx);
  for (const item of items) {
    if (item.GroupingSet) {
      if ((item.GroupingSet.content ?? []).length === 0 && item.GroupingSet.kind === 'GROUPING_SET_EMPTY') continue;
      throw new QueryError(SQLSTATE.feature_not_supported, 'GROUPING SETS, ROLLUP and CUBE are not supported yet');
    }
    r.resolve(item);
  }
  return r.keys;
}

/** Binds GROUP BY items to distinct grouping keys; resolve() gives an item's key index. */
export function groupKeyResolver(targets: readonly PgNode[], from: RelationScope, ctx: PlanContext): { keys: GroupKey[]; resolve: (item: PgNode) => number } {
  const scope = from.exprScope('GROUP BY');
  const keys: GroupKey[] = [];
  const json = (e: unknown) => JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  const add = (node: PgNode, extraKeys: string[]): number => {
    const expr = bindExpr(node, scope, ctx.bind);
    const j = json(expr);
    const existing = keys.findIndex((k) => json(k.expr) === j);
    if (existing >= 0) return existing;
    keys.push({ expr, nodeKeys: [nodeKey(node), ...extraKeys] });
    return keys.length - 1;
  };
  const resolve = (item: PgNode): number => {
    const c = item.A_Const;
    if (c && 'ival' in c) {
      const ord = (c.ival?.ival as number | undefined) ?? 0;
      if (ord < 1 || ord > targets.length) throw new QueryError(SQLSTATE.invalid_column_reference, `GROUP BY position ${ord} is not in select list`, { position: pgPosition(c.location) });
      const val = targets[ord - 1]!.val as PgNode;
      if (containsAggregate([val])) throw new QueryError(SQLSTATE.grouping_error, 'aggregate functions are not allowed in GROUP BY', { position: pgPosition((Object.values(val)[0] as PgNode).location) });
      return add(val, []);
    }
    const f = item.ColumnRef?.fields as PgNode[] | undefined;
    if (f && f.length === 1 && f[0]!.String) {
      const name = f[0]!.String.sval as string;
      try {
        from.lookup([name], undefined);
      } catch (err) {
        const t = targets.find((x) => x.name === name);
        if (err instanceof QueryError && err.sqlstate === SQLSTATE.undefined_column && t) return add(t.val, [nodeKey(item)]);
      }
    }
    return add(item, []);
  };
  return { keys, resolve };
}

/** Does any of these expressions call an aggregate (not looking inside subqueries)? */
export function containsAggregate(nodes: readonly unknown[]): boolean {
  const visit = (n: unknown): boolean => {
    if (n === null || typeof n !== 'object') return false;
    if (Array.isArray(n)) return n.some(visit);
    const o = n as PgNode;
    if (o.SubLink || o.SelectStmt) return false;
    if (o.FuncCall && !o.FuncCall.over) {
      const names = o.FuncCall.funcname as PgNode[];
      const name = names[names.length - 1]!.String.sval as string;
      if (safeIsAggregate(name)) return true;
    }
    return Object.values(o).some(visit);
  };
  return nodes.some(visit);
}

const KNOWN_AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop']);

function safeIsAggregate(name: string): boolean {
  try {
    return isAggregateName(name);
  } catch {
    return KNOWN_AGGREGATES.has(name);
  }
}
