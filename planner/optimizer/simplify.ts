/**
 * Boolean simplification of predicates (3-valued logic preserved): TRUE/FALSE constants in AND/OR, double
 * NOT, NOT over a comparison, nested AND/OR flattened, and OR-factoring:
 * `(a AND x) OR (a AND y)` ⇒ `a AND (x OR y)` (so join keys repeated in every branch, as in TPC-H q19, are found).
 */
import { T } from '../../common/types.js';
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import { mapExprChildren } from '../bind/expr/bound_expr.js';
import { conjuncts, isVolatile } from './expr_utils.js';

const NEGATE = { '=': '<>', '<>': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as const;

export function exprKey(e: BoundExpr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'name' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

function disjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'or' ? e.args.flatMap(disjuncts) : [e];
}

function isConst(e: BoundExpr, v: boolean): boolean {
  return e.kind === 'const' && e.value === v;
}

function and(parts: readonly BoundExpr[]): BoundExpr {
  if (parts.length === 0) return { kind: 'const', value: true, type: T.bool };
  return parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: T.bool };
}

function or(parts: readonly BoundExpr[]): BoundExpr {
  if (parts.length === 0) return { kind: 'const', value: false, type: T.bool };
  return parts.length === 1 ? parts[0]! : { kind: 'or', args: parts, type: T.bool };
}

function simplifyAnd(args: readonly BoundExpr[]): BoundExpr {
  const out: BoundExpr[] = [];
  const seen = new Set<string>();
  for (const a of args.flatMap(conjuncts)) {
    if (isConst(a, true)) continue;
    if (isConst(a, false)) return a;
    const k = exprKey(a);
    if (seen.has(k) && !isVolatile(a)) continue;
    seen.add(k);
    out.push(a);
  }
  return and(out);
}

/** OR: drop FALSE, TRUE wins, then factor the conjuncts every branch shares. */
function simplifyOr(args: readonly BoundExpr[]): BoundExpr {
  const branches: BoundExpr[] = [];
  for (const a of args.flatMap(disjuncts)) {
    if (isConst(a, false)) continue;
    if (isConst(a, true)) return a;
    branches.push(a);
  }
  if (branches.length < 2 || branches.some(isVolatile)) return or(branches);
  const parts = branches.map((b) => conjuncts(b));
  const keys = parts.map((ps) => new Set(ps.map(exprKey)));
  const common = parts[0]!.filter((c) => keys.every((ks) => ks.has(exprKey(c))));
  if (common.length === 0) return or(branches);
  const commonKeys = new Set(common.map(exprKey));
  const rest = parts.map((ps) => ps.filter((c) => !commonKeys.has(exprKey(c))));
  // a branch that is only the common part makes the OR of the rests TRUE
  if (rest.some((r) => r.length === 0)) return and(common);
  return simplifyAnd([...common, or(rest.map(and))]);
}

export function simplifyPredicate(e: BoundExpr): BoundExpr {
  const x = mapExprChildren(e, simplifyPredicate);
  switch (x.kind) {
    case 'and': return simplifyAnd(x.args);
    case 'or': return simplifyOr(x.args);
    case 'not': {
      const a = x.arg;
      if (a.kind === 'not') return a.arg;
      if (a.kind === 'const' && typeof a.value === 'boolean') return { ...a, value: !a.value };
      if (a.kind === 'compare') return { ...a, op: NEGATE[a.op] };
      if (a.kind === 'is_null') return { ...a, negated: !a.negated };
      return x;
    }
    default: return x;
  }
}
