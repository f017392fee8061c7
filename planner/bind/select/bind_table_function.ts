/**
 * Set-returning functions in FROM: generate_series, unnest (several arrays = ROWS FROM of unnests),
 * regexp_split_to_table, regexp_matches, ROWS FROM (...), WITH ORDINALITY, table and column aliases.
 * read_parquet() stays in read_parquet.ts.
 */
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { Field } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import type { TableFunctionCall } from '../../logical/table_function.js';
import { bindExpr } from '../expr/bind_expr.js';
import { resolveSrf, SRF_NAMES } from '../expr/func_srf.js';
import type { FromResult } from './bind_from.js';
import { bindReadParquet } from './read_parquet.js';
import { functionArgScope } from './bind_sublink.js';
import { pgPosition, RelationScope, type ScopeEntry } from './relation_scope.js';

function funcName(call: PgNode): string {
  const names: PgNode[] = call.funcname ?? [];
  const parts = names.map((n) => n.String.sval as string);
  return parts[parts.length - 1]!;
}

export async function bindRangeFunction(rf: PgNode, ctx: PlanContext): Promise<FromResult> {
  const lists: PgNode[] = (rf.functions ?? []).map((f: PgNode) => f.List?.items ?? []);
  const firstCall = lists[0]?.[0]?.FuncCall as PgNode | undefined;
  if (lists.length === 1 && firstCall !== undefined && funcName(firstCall) === 'read_parquet') return bindReadParquet(rf, ctx);
  const scope = functionArgScope(rf);
  const calls: TableFunctionCall[] = [];
  const names: string[] = [];
  for (const items of lists) {
    const call = items[0]?.FuncCall as PgNode | undefined;
    if (call === undefined) throw new QueryError(SQLSTATE.feature_not_supported, 'only function calls are supported in FROM function lists');
    const name = funcName(call);
    const position = pgPosition(call.location);
    if (!SRF_NAMES.has(name)) throw new QueryError(SQLSTATE.undefined_function, `function ${name}() does not exist`, { position, hint: 'No function matches the given name and argument types. You might need to add explicit type casts.' });
    const args = ((call.args ?? []) as PgNode[]).map((a) => bindExpr(a, scope, ctx.bind));
    for (const c of resolveSrf(name, args, ctx.bind, position)) { calls.push(c); names.push(name); }
  }
  const alias: string | undefined = rf.alias?.aliasname;
  const colAliases: string[] = (rf.alias?.colnames ?? []).map((n: PgNode) => n.String.sval as string);
  const ordinality = rf.ordinality === true;
  const width = calls.reduce((n, c) => n + c.types.length, 0) + (ordinality ? 1 : 0);
  if (colAliases.length > width) {
    throw new QueryError(SQLSTATE.syntax_error, `table "${alias}" has ${width} columns available but ${colAliases.length} columns specified`);
  }
  const fields: Field[] = calls.flatMap((c, i) => c.types.map((type, k) => ({ type, nullable: true, name: c.names?.[k] ?? (calls.length === 1 && alias !== undefined ? alias : names[i]!) })));
  fields.forEach((f, i) => { if (colAliases[i] !== undefined) fields[i] = { ...f, name: colAliases[i]! }; });
  if (ordinality) fields.push({ name: colAliases[fields.length] ?? 'ordinality', type: T.int8, nullable: false });
  const plan: LogicalPlan = { kind: 'table_function', schema: fields, calls, ordinality };
  const entry: ScopeEntry = { alias: alias ?? names[0]!, schemaName: null, columns: fields.map((f, i) => ({ name: f.name, type: f.type, index: i, hidden: false })) };
  return { plan, scope: new RelationScope([entry], fields) };
}
