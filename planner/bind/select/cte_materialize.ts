/**
 * Which non-recursive CTEs are materialised (PostgreSQL 12+): a CTE referenced two or more times, written
 * `AS MATERIALIZED`, or holding a volatile function is computed once and every reference reads the same rows
 * (a `cte_scan`, planner/logical/cte_scan.ts); otherwise — referenced once, or `AS NOT MATERIALIZED` — it is
 * inlined where it is referenced. A CTE that reads outer columns (correlated, inside a subquery) or a
 * recursive CTE's worktable is always inlined: its rows depend on where it runs.
 * The body is bound once per WITH binding; a materialised body is optimized here, on its own, once.
 */
import type { BoundExpr } from '../expr/bound_expr.js';
import type { PlanContext, PgNode } from '../../api.js';
import type { LogicalPlan } from '../../logical/nodes.js';
import { optimize } from '../../optimizer/optimize.js';
import { isVolatile } from '../../optimizer/expr_utils.js';
import type { CteDef } from './bind_cte.js';
import { bindSelectStmt } from './bind_select.js';
import type { SnapshotPins } from './bind_table.js';

/** `AS MATERIALIZED` / `AS NOT MATERIALIZED` / neither (the parser's CommonTableExpr.ctematerialized). */
export type CteMaterialization = 'default' | 'always' | 'never';

export function materializationOf(cte: PgNode): CteMaterialization {
  switch (cte.ctematerialized) {
    case 'CTEMaterializeAlways': return 'always';
    case 'CTEMaterializeNever': return 'never';
    default: return 'default';
  }
}

/** How one reference binds: its own plan (inlined), or the shared materialised CTE. */
export type CteBinding =
  | { readonly kind: 'inline'; readonly plan: LogicalPlan }
  | { readonly kind: 'materialized'; readonly id: number; readonly cte: LogicalPlan };

interface FirstBinding {
  readonly plan: LogicalPlan;
  readonly materialized: { readonly id: number; readonly cte: LogicalPlan } | null;
  /** an inlined body is handed to the first reference; later ones bind their own */
  taken: boolean;
}

const FIRST = new WeakMap<CteDef, Promise<FirstBinding>>();
let nextId = 1;

export async function bindCteBody(def: CteDef, ctx: PlanContext, pins: SnapshotPins): Promise<CteBinding> {
  let first = FIRST.get(def);
  if (first === undefined) {
    first = bindFirst(def, ctx, pins);
    FIRST.set(def, first);
  }
  const f = await first;
  if (f.materialized !== null) return { kind: 'materialized', ...f.materialized };
  if (!f.taken) {
    f.taken = true;
    return { kind: 'inline', plan: f.plan };
  }
  return { kind: 'inline', plan: (await bindSelectStmt(def.query, ctx, pins, {})).plan };
}

async function bindFirst(def: CteDef, ctx: PlanContext, pins: SnapshotPins): Promise<FirstBinding> {
  const plan = (await bindSelectStmt(def.query, ctx, pins, {})).plan;
  if (!shouldMaterialize(def, planFacts(plan))) return { plan, materialized: null, taken: false };
  return { plan, materialized: { id: nextId++, cte: optimize(plan, ctx.bind) }, taken: true };
}

export interface PlanFacts {
  /** reads outer columns not supplied by a subquery inside the plan */
  readonly correlated: boolean;
  /** reads the worktable of a recursive CTE outside the plan */
  readonly worktable: boolean;
  readonly volatile: boolean;
}

export function shouldMaterialize(def: CteDef, facts: PlanFacts): boolean {
  if (facts.correlated || facts.worktable) return false;
  if (facts.volatile) return true;
  switch (def.materialized) {
    case 'always': return true;
    case 'never': return false;
    case 'default': return def.refs.count >= 2;
  }
}

/** Walk the whole plan (expressions and subquery plans included). */
export function planFacts(plan: LogicalPlan): PlanFacts {
  const outer = new Set<number>();
  const params = new Set<number>();
  const worktables = new Set<number>();
  const recursives = new Set<number>();
  let volatile = false;
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) walk(x);
      return;
    }
    const o = node as Record<string, unknown>;
    const kind = o['kind'];
    if (kind === 'const') return;
    if (kind === 'outer_ref') outer.add(o['id'] as number);
    if (kind === 'worktable') worktables.add(o['id'] as number);
    if (kind === 'recursive_cte') recursives.add(o['id'] as number);
    if (kind === 'call' && !volatile && isVolatile(o as unknown as BoundExpr)) volatile = true;
    const ps = o['params'];
    if (Array.isArray(ps)) for (const p of ps) if (p !== null && typeof p === 'object' && typeof (p as { id?: unknown }).id === 'number') params.add((p as { id: number }).id);
    for (const k in o) {
      if (k === 'files' || k === 'source' || k === 'schema') continue;
      walk(o[k]);
    }
  };
  walk(plan);
  return { correlated: [...outer].some((id) => !params.has(id)), worktable: [...worktables].some((id) => !recursives.has(id)), volatile };
}
