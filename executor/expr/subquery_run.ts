/**
 * Running a subquery expression for one set of outer values: the physical subplan with its outer_refs
 * replaced by the values as constants (so scan filters still go to the workers), executed to the end or
 * until the answer is known. `subqueryValue` turns the result into the expression's value for one row.
 */
import type { Datum } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import { getDatum } from '../../common/vector.js';
import type { BoundExpr } from '../../planner/bind/expr/bound_expr.js';
import type { PhysicalPlan, PhysicalSubquery } from '../../planner/physical/nodes.js';
import type { ExecContext } from '../api.js';
import { executePlan } from '../execute.js';
import { comparatorFor, datumKey } from './datum_compare.js';

export type SubqueryResult =
  | { readonly kind: 'scalar'; readonly value: Datum }
  | { readonly kind: 'exists'; readonly exists: boolean }
  | { readonly kind: 'set'; readonly values: readonly Datum[]; readonly keys: ReadonlySet<unknown>; readonly hasNull: boolean };

/** Replace outer_ref nodes named in `values` by constants, everywhere in `node` (structurally; unchanged parts are shared). */
export function substituteOuter<T>(node: T, values: ReadonlyMap<number, BoundExpr>): T {
  return subst(node, values) as T;
}

function subst(node: unknown, values: ReadonlyMap<number, BoundExpr>): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    // copied only on the first change: large constant lists stay shared and allocate nothing
    let out: unknown[] | null = null;
    for (let i = 0; i < node.length; i++) {
      const x: unknown = node[i];
      const y = subst(x, values);
      if (y !== x) (out ??= node.slice())[i] = y;
    }
    return out ?? node;
  }
  if (Object.getPrototypeOf(node) !== Object.prototype) return node;
  const o = node as Record<string, unknown>;
  if (o['kind'] === 'outer_ref') return values.get(o['id'] as number) ?? node;
  // constants never hold outer references (and system tables are thousands of them: catalog/system)
  if (o['kind'] === 'const') return node;
  let out: Record<string, unknown> | null = null;
  for (const k in o) {
    if (k === 'files' || k === 'source' || k === 'schema') continue;
    const v = o[k];
    if (v === null || typeof v !== 'object') continue;
    const y = subst(v, values);
    if (y !== v) (out ??= { ...o })[k] = y;
  }
  return out ?? node;
}

export function outerValues(s: PhysicalSubquery, datums: readonly Datum[]): Map<number, BoundExpr> {
  const m = new Map<number, BoundExpr>();
  s.params.forEach((p, i) => m.set(p.id, { kind: 'const', value: datums[i]!, type: p.expr.type }));
  return m;
}

export async function runSubquery(s: PhysicalSubquery, datums: readonly Datum[], ctx: ExecContext): Promise<SubqueryResult> {
  const plan: PhysicalPlan = s.params.length === 0 ? s.plan : substituteOuter(s.plan, outerValues(s, datums));
  switch (s.mode) {
    case 'exists': {
      for await (const b of executePlan(plan, ctx)) if (b.length > 0) return { kind: 'exists', exists: true };
      return { kind: 'exists', exists: false };
    }
    case 'scalar': {
      let value: Datum = null;
      let rows = 0;
      for await (const b of executePlan(plan, ctx)) {
        if (b.length === 0) continue;
        rows += b.length;
        if (rows > 1) throw new QueryError(SQLSTATE.cardinality_violation, 'more than one row returned by a subquery used as an expression');
        value = getDatum(b.columns[0]!, 0);
      }
      return { kind: 'scalar', value };
    }
    case 'any': case 'all': {
      const t = s.plan.schema[0]!.type;
      const values: Datum[] = [];
      const keys = new Set<unknown>();
      let hasNull = false;
      for await (const b of executePlan(plan, ctx)) {
        const v = b.columns[0]!;
        for (let i = 0; i < b.length; i++) {
          const d = getDatum(v, i);
          if (d === null) hasNull = true;
          else {
            values.push(d);
            keys.add(datumKey(t, d));
          }
        }
      }
      return { kind: 'set', values, keys, hasNull };
    }
  }
}

function test(op: NonNullable<PhysicalSubquery['op']>, c: number): boolean {
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** The subquery expression's value for a row whose lhs (for ANY/ALL) is `lhs`. */
export function subqueryValue(s: PhysicalSubquery, r: SubqueryResult, lhs: Datum, type: SqlType): Datum {
  switch (r.kind) {
    case 'scalar': return r.value;
    case 'exists': return r.exists;
    case 'set': {
      const any = s.mode === 'any';
      if (r.values.length === 0 && !r.hasNull) return !any;
      if (lhs === null) return null;
      const op = s.op ?? '=';
      if (op === '=' || op === '<>') {
        const found = r.keys.has(datumKey(type, lhs));
        // = ANY: true when found; <> ALL: false when found
        if (op === '=' && any && found) return true;
        if (op === '<>' && !any && found) return false;
        if (op === '=' && any) return r.hasNull ? null : false;
        if (op === '<>' && !any) return r.hasNull ? null : true;
      }
      const cmp = comparatorFor(type);
      for (const v of r.values) {
        const t = test(op, cmp(lhs as never, v as never));
        if (any && t) return true;
        if (!any && !t) return false;
      }
      return r.hasNull ? null : !any;
    }
  }
}
