/** Helpers the optimizer rules share: conjunct splitting, column sets, column remapping. */
import { T } from '../../common/types.js';
import type { BoundExpr } from '../bind/expr/bound_expr.js';
import { mapExprChildren, walkExpr } from '../bind/expr/bound_expr.js';

export function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? e.args.flatMap(conjuncts) : [e];
}

export function andAll(parts: readonly BoundExpr[]): BoundExpr | null {
  const flat = parts.flatMap(conjuncts).filter((p) => !(p.kind === 'const' && p.value === true));
  if (flat.length === 0) return null;
  return flat.length === 1 ? flat[0]! : { kind: 'and', args: flat, type: T.bool };
}

export function columnsOf(e: BoundExpr, into: Set<number> = new Set()): Set<number> {
  walkExpr(e, (x) => {
    if (x.kind === 'column') into.add(x.index);
  });
  return into;
}

/** Replace every column reference i by f(i). */
export function mapColumns(e: BoundExpr, f: (c: Extract<BoundExpr, { kind: 'column' }>) => BoundExpr): BoundExpr {
  if (e.kind === 'column') return f(e);
  return mapExprChildren(e, (c) => mapColumns(c, f));
}

export function shiftColumns(e: BoundExpr, by: number): BoundExpr {
  return mapColumns(e, (c) => ({ ...c, index: c.index + by }));
}

export function remapColumns(e: BoundExpr, map: ReadonlyMap<number, number>): BoundExpr {
  return mapColumns(e, (c) => {
    const to = map.get(c.index);
    if (to === undefined) throw new Error(`optimizer: column #${c.index} lost by projection push-down`);
    return { ...c, index: to };
  });
}

/** Functions whose result may differ between calls with the same arguments: never move or duplicate them. */
const VOLATILE = new Set(['random', 'nextval', 'clock_timestamp', 'gen_random_uuid', 'setseed']);

export function isVolatile(e: BoundExpr): boolean {
  let v = false;
  walkExpr(e, (x) => {
    if (x.kind === 'call' && VOLATILE.has(x.fn)) v = true;
  });
  return v;
}
