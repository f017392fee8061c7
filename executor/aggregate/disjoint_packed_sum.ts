/**
 * sum(numeric) over disjoint partials (disjoint_partials.ts) whose states are all packed at one scale
 * (aggregates/packed_sums.ts): the final compact vector is the partials' sums side by side — the values and
 * scale the sum accumulator's merge and finalize give (sum_accumulator.ts: groups with rows at the one scale,
 * exact sums as numbers, NULL without rows), without its per-group merge. Null (the accumulator's way) for
 * any other aggregate, or when a repeated group's sum would leave the exact number range.
 */
import { SCALED_MAX, scaledNumerics, type Vector } from '../../common/vector.js';
import type { AggregateCall } from '../../planner/bind/expr/bound_expr.js';
import { isPackedSums, type PackedSums } from '../expr/aggregates/packed_sums.js';
import type { Placed } from './disjoint_partials.js';

export function packedSum(a: AggregateCall, j: number, placed: readonly Placed[], total: number): Vector | null {
  if (a.fn !== 'sum' || a.distinct || a.filter !== null || (a.order?.length ?? 0) > 0 || a.withinGroup === true) return null;
  if (a.type.kind !== 'numeric' || a.args.length !== 1 || a.args[0]!.type.kind !== 'numeric') return null;
  const states: PackedSums[] = [];
  for (const p of placed) {
    const s = p.part.states[j];
    if (!isPackedSums(s) || (states.length > 0 && s.scale !== states[0]!.scale)) return null;
    states.push(s);
  }
  const out = new Float64Array(total);
  let nulls: Uint8Array | null = null;
  let rows = false;
  for (let k = 0; k < placed.length; k++) {
    const p = placed[k]!, s = states[k]!, n = p.part.groups;
    let at = p.base, d = 0;
    for (let i = 0; i < n; i++) {
      const dup = d < p.dups.length && p.dups[d]!.row === i ? p.dups[d++]! : null;
      const cnt = s.count[i]!;
      if (dup !== null) {
        if (cnt === 0) continue;
        const cur = out[dup.id]!, x = s.sum[i]!;
        if ((cur < 0 ? -cur : cur) + (x < 0 ? -x : x) > SCALED_MAX) return null;
        out[dup.id] = cur + x;
        if (nulls !== null) nulls[dup.id] = 0;
        rows = true;
        continue;
      }
      if (cnt === 0) (nulls ??= new Uint8Array(total))[at] = 1;
      else {
        out[at] = s.sum[i]!;
        rows = true;
      }
      at++;
    }
  }
  return { type: a.type, length: total, data: scaledNumerics(rows ? states[0]!.scale : 0, out), nulls };
}
