/**
 * sum/avg of one batch of a compact numeric vector (common/vector.ts ScaledNumerics) into grouped states:
 * each touched group's rows are first summed as numbers (exact: a partial is flushed before it could pass
 * 2^53 − 1), then added to the group's exact state once per batch.
 */
import { SCALED_MAX, type ScaledNumerics } from '../../../common/vector.js';

let part = new Float64Array(0);
let count = new Float64Array(0);

export function sumScaled<S>(
  states: S[],
  groupIds: Int32Array,
  rows: number,
  d: ScaledNumerics,
  nulls: Uint8Array | null,
  add: (s: S, part: number, scale: number, count: number) => void,
): void {
  if (part.length < states.length) { part = new Float64Array(Math.max(states.length, part.length * 2)); count = new Float64Array(part.length); }
  const p = part, c = count, vals = d.values, scale = d.scale;
  const touched: number[] = [];
  for (let r = 0; r < rows; r++) {
    if (nulls !== null && nulls[r] === 1) continue;
    const g = groupIds[r]!;
    const x = vals[r]!;
    if (c[g] === 0) touched.push(g);
    const cur = p[g]!;
    if ((cur < 0 ? -cur : cur) + (x < 0 ? -x : x) > SCALED_MAX) {
      add(states[g]!, cur, scale, 0);
      p[g] = x;
    } else p[g] = cur + x;
    c[g]!++;
  }
  for (const g of touched) {
    add(states[g]!, p[g]!, scale, c[g]!);
    p[g] = 0;
    c[g] = 0;
  }
}
