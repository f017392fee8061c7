/**
 * Projection push-down through a `window` node: every window call is kept (conservative); the input keeps
 * the columns the parent needs plus every column a call reads.
 */
import type { Field } from '../../common/types.js';
import type { LogicalPlan } from '../logical/nodes.js';
import { mapWindowCall, windowCallExprs } from '../logical/window_call.js';
import { columnsOf, remapColumns } from './expr_utils.js';

type WindowPlan = Extract<LogicalPlan, { kind: 'window' }>;

export function pruneWindow(
  p: WindowPlan,
  required: ReadonlySet<number>,
  prune: (p: LogicalPlan, required: ReadonlySet<number>) => { readonly plan: LogicalPlan; readonly map: ReadonlyMap<number, number> },
): { plan: LogicalPlan; map: Map<number, number> } {
  const nIn = p.input.schema.length;
  const need = new Set([...required].filter((i) => i < nIn));
  for (const c of p.calls) for (const e of windowCallExprs(c)) columnsOf(e, need);
  const c = prune(p.input, need);
  const calls = p.calls.map((w) => mapWindowCall(w, (e) => remapColumns(e, c.map)));
  const newIn = c.plan.schema.length;
  const map = new Map(c.map);
  p.calls.forEach((_, i) => map.set(nIn + i, newIn + i));
  const schema: Field[] = [...c.plan.schema, ...p.schema.slice(nIn)];
  return { plan: { ...p, input: c.plan, calls, schema }, map };
}
