/** Statement parameters: types from client OIDs ($n with OID 0 inferred by the binder; unknown → text). */
import { T, typeFromOid, type SqlType } from '../../common/types.js';
import type { PgNode } from '../../planner/bind/expr/scope.js';

/** Highest $n in an AST. */
export function maxParamNumber(node: unknown): number {
  let max = 0;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
    } else if (n !== null && typeof n === 'object') {
      const o = n as PgNode;
      if (o.ParamRef !== undefined && typeof o.ParamRef.number === 'number') max = Math.max(max, o.ParamRef.number);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(node);
  return max;
}

export function initialParamTypes(oids: readonly number[], count: number): SqlType[] {
  const n = Math.max(oids.length, count);
  const out: SqlType[] = [];
  for (let i = 0; i < n; i++) {
    const oid = oids[i] ?? 0;
    out.push(oid === 0 ? T.unknown : (typeFromOid(oid) ?? T.text));
  }
  return out;
}

/** Parameters nothing gave a type to are text (PostgreSQL would say 42P18; text is friendlier to clients). */
export function finalizeParamTypes(types: SqlType[]): SqlType[] {
  for (let i = 0; i < types.length; i++) if (types[i]!.kind === 'unknown') types[i] = T.text;
  return types;
}
