/** EXPLAIN text of a window node: `WindowAgg  rank() OVER (PARTITION BY a ORDER BY b DESC), …`. */
import type { Field } from '../common/types.js';
import { formatExpr } from './logical/format_expr.js';
import type { FrameBound, WindowCall } from './logical/window_call.js';
import type { PhysicalPlan } from './physical/plan.js';

function bound(b: FrameBound, input: readonly Field[]): string {
  switch (b.kind) {
    case 'unbounded_preceding': return 'UNBOUNDED PRECEDING';
    case 'unbounded_following': return 'UNBOUNDED FOLLOWING';
    case 'current_row': return 'CURRENT ROW';
    case 'preceding': case 'following': return `${formatExpr(b.offset, input)} ${b.kind.toUpperCase()}`;
  }
}

export function formatWindowCall(c: WindowCall, input: readonly Field[]): string {
  const name = c.fn === 'count_star' ? 'count' : c.fn;
  const args = c.fn === 'count_star' ? '*' : c.args.map((a) => formatExpr(a, input)).join(', ');
  const parts: string[] = [];
  if (c.spec.partitionBy.length) parts.push(`PARTITION BY ${c.spec.partitionBy.map((e) => formatExpr(e, input)).join(', ')}`);
  if (c.spec.orderBy.length) {
    parts.push(`ORDER BY ${c.spec.orderBy.map((k) => `${formatExpr(k.expr, input)}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`).join(', ')}`);
  }
  const f = c.spec.frame;
  const isDefault = f.mode === 'range' && f.start.kind === 'unbounded_preceding' && f.end.kind === 'current_row' && f.exclude === 'no_others';
  if (!isDefault) {
    parts.push(`${f.mode.toUpperCase()} BETWEEN ${bound(f.start, input)} AND ${bound(f.end, input)}${f.exclude === 'no_others' ? '' : ` EXCLUDE ${f.exclude === 'current_row' ? 'CURRENT ROW' : f.exclude.toUpperCase()}`}`);
  }
  const filter = c.filter ? ` FILTER (WHERE ${formatExpr(c.filter, input)})` : '';
  return `${name}(${args})${filter} OVER (${parts.join(' ')})`;
}

export function describeWindow(p: Extract<PhysicalPlan, { kind: 'window' }>): string {
  return `WindowAgg  ${p.calls.map((c) => formatWindowCall(c, p.input.schema)).join(', ')}`;
}
