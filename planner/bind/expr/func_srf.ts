/** Set-returning function resolution (generate_series, unnest, regexp_split_to_table, regexp_matches), for FROM and SELECT lists. */
import type { SqlType } from '../../../common/types.js';
import { T } from '../../../common/types.js';
import type { TableFunctionCall } from '../../logical/table_function.js';
import type { BoundExpr } from './bound_expr.js';
import { coerceToType } from './coerce.js';
import { functionDoesNotExist } from './errors.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { BindContext } from './scope.js';
import { numericPromote, typeCategory } from './type_rules.js';
import { JSON_SRF_NAMES, resolveJsonSrf } from './func_json_srf.js';

export const SRF_NAMES: ReadonlySet<string> = new Set(['generate_series', 'unnest', 'regexp_split_to_table', 'regexp_matches', 'generate_subscripts', '_pg_expandarray', ...JSON_SRF_NAMES]);

export function isSetReturningName(name: string): boolean {
  return SRF_NAMES.has(name);
}

/** Resolve one SRF call to TableFunctionCall(s) (unnest(a, b) → two). */
export function resolveSrf(name: string, args: readonly BoundExpr[], ctx: BindContext, position: number | undefined): TableFunctionCall[] {
  const fail = () => functionDoesNotExist(name, args.map((a) => a.type), position);
  const co = (e: BoundExpr, t: SqlType) => coerceToType(e, t, 'implicit', ctx, position);
  switch (name) {
    case 'generate_series': {
      if (args.length < 2 || args.length > 3) throw fail();
      const [a, b] = [args[0]!.type, args[1]!.type];
      const dt = (t: SqlType) => typeCategory(t) === 'D';
      if (dt(a) || dt(b) || args[2]?.type.kind === 'interval') {
        if (args.length !== 3) throw fail();
        const t = a.kind === 'timestamp' || (a.kind === 'unknown' && b.kind === 'timestamp') ? T.timestamp : T.timestamptz;
        if (![a, b].every((x) => dt(x) || x.kind === 'unknown') || !(args[2]!.type.kind === 'interval' || args[2]!.type.kind === 'unknown')) throw fail();
        return [{ fn: name, args: [co(args[0]!, t), co(args[1]!, t), co(args[2]!, T.interval)], types: [t] }];
      }
      const num = (t: SqlType) => typeCategory(t) === 'N' || t.kind === 'unknown';
      if (!args.every((x) => num(x.type)) || args.some((x) => x.type.kind === 'float4' || x.type.kind === 'float8')) throw fail();
      let t: SqlType = T.int4;
      for (const x of args) if (x.type.kind !== 'unknown') t = numericPromote(t, x.type);
      if (t.kind === 'int2') t = T.int4;
      if (t.kind === 'numeric') t = T.numeric;
      return [{ fn: name, args: args.map((x) => co(x, t)), types: [t] }];
    }
    case 'unnest': {
      if (args.length === 0) throw fail();
      return args.map((x) => {
        if (x.type.kind !== 'array') throw fail();
        return { fn: 'unnest', args: [x], types: [x.type.element] };
      });
    }
    case '_pg_expandarray': {
      // information_schema._pg_expandarray(a): rows (x, n), as a two-element bigint array read by `(…).x` / `(…).n`
      if (args.length !== 1 || args[0]!.type.kind !== 'array') throw fail();
      return [{ fn: name, args: [args[0]!], types: [{ kind: 'array', element: T.int8 }] }];
    }
    case 'generate_subscripts': {
      // generate_subscripts(array, dim [, reverse]): Pier's arrays are one-dimensional and 1-based
      if (args.length < 2 || args.length > 3 || args[0]!.type.kind !== 'array') throw fail();
      const rest = args.slice(1).map((x, i) => co(x, i === 0 ? T.int4 : T.bool));
      return [{ fn: name, args: [args[0]!, ...rest], types: [T.int4] }];
    }
    case 'regexp_split_to_table': case 'regexp_matches': {
      if (args.length < 2 || args.length > 3 || !args.every((x) => typeCategory(x.type) === 'S' || x.type.kind === 'unknown')) throw fail();
      const out: SqlType = name === 'regexp_matches' ? { kind: 'array', element: T.text } : T.text;
      return [{ fn: name, args: args.map((x) => co(x, T.text)), types: [out] }];
    }
    default: {
      const json = resolveJsonSrf(name, args, ctx, position);
      if (json === null) throw fail();
      return [json];
    }
  }
}


/** The SELECT-list form: one SRF call as an expression (fn `srf:<name>`), made a project_set by bind_project_set.ts. */
export function bindSrfCall(name: string, args: readonly BoundExpr[], ctx: BindContext, position: number | undefined): BoundExpr {
  const calls = resolveSrf(name, args, ctx, position);
  if (calls.length !== 1) throw functionDoesNotExist(name, args.map((a) => a.type), position);
  const c = calls[0]!;
  if (c.types.length !== 1) throw new QueryError(SQLSTATE.feature_not_supported, `${name}() returning a record is not supported in the SELECT list; call it in FROM`, { position });
  return { kind: 'call', fn: `srf:${c.fn}`, args: c.args, type: c.types[0]! };
}
