/**
 * count / sum / avg OVER any frame of exact integers (and numerics of one scale) from prefix sums: each
 * frame's value is prefix[end] - prefix[start] summed over its segments, so sliding and excluded frames cost
 * O(1) per row. Floats are not handled here (their sums depend on the order of additions).
 */
import type { Datum, Numeric } from '../../common/datum.js';
import { numericDiv } from '../../common/values/numeric.js';
import { numericObjects, type Vector } from '../../common/vector.js';
import type { WindowCall } from '../../planner/logical/window_call.js';
import { frameSegments, type Frames, type WindowLayout } from '../operators/window_frame.js';

const EXACT_NUMBER_ROWS = 1 << 21;

/** Values per sorted position, or null when the call is not one this path handles. */
export function prefixAggregate(call: WindowCall, L: WindowLayout, frames: Frames, args: readonly Vector[], filter: Vector | null): Datum[] | null {
  const fn = call.fn;
  if (fn !== 'count' && fn !== 'count_star' && fn !== 'sum' && fn !== 'avg') return null;
  const v = args[0];
  const kind = v?.type.kind;
  if (fn !== 'count_star' && fn !== 'count' && kind !== 'int2' && kind !== 'int4' && kind !== 'int8' && kind !== 'numeric') return null;
  const n = L.rows;
  const use = (r: number): boolean => {
    if (filter !== null && (filter.nulls?.[r] === 1 || (filter.data as Uint8Array)[r] !== 1)) return false;
    return fn === 'count_star' || v!.nulls === null || v!.nulls[r] !== 1;
  };
  const cnt = new Float64Array(n + 1);
  for (let r = 0; r < n; r++) cnt[r + 1] = cnt[r]! + (use(r) ? 1 : 0);
  let small: Float64Array | null = null;
  let big: bigint[] | null = null;
  let scale = 0;
  if (fn === 'sum' || fn === 'avg') {
    if ((kind === 'int2' || kind === 'int4') && n < EXACT_NUMBER_ROWS) {
      const d = v!.data as Int32Array | Int16Array;
      small = new Float64Array(n + 1);
      for (let r = 0; r < n; r++) small[r + 1] = small[r]! + (use(r) ? d[r]! : 0);
    } else {
      big = new Array<bigint>(n + 1);
      big[0] = 0n;
      if (kind === 'numeric') {
        const d = numericObjects(v!);
        let first = -1;
        for (let r = 0; r < n; r++) {
          if (!use(r)) continue;
          const x = d[r]!;
          if (x.special !== undefined || (first >= 0 && x.scale !== first)) return null;
          first = x.scale;
        }
        scale = Math.max(first, 0);
        for (let r = 0; r < n; r++) big[r + 1] = big[r]! + (use(r) ? d[r]!.unscaled : 0n);
      } else {
        const d = v!.data as unknown as ArrayLike<number | bigint>;
        for (let r = 0; r < n; r++) big[r + 1] = big[r]! + (use(r) ? BigInt(d[r]!) : 0n);
      }
    }
  }
  const out = new Array<Datum>(n);
  const segs = new Int32Array(8);
  for (let j = 0; j < n; j++) {
    const ns = frameSegments(L, call.spec.frame, frames, j, segs);
    let c = 0;
    let s = 0;
    let sb = 0n;
    for (let k = 0; k < ns; k++) {
      const a = segs[2 * k]!;
      const b = segs[2 * k + 1]!;
      c += cnt[b]! - cnt[a]!;
      if (small !== null) s += small[b]! - small[a]!;
      else if (big !== null) sb += big[b]! - big[a]!;
    }
    if (fn === 'count' || fn === 'count_star') { out[j] = BigInt(c); continue; }
    if (c === 0) { out[j] = null; continue; }
    const total = small !== null ? BigInt(s) : sb;
    if (fn === 'sum') out[j] = kind === 'int2' || kind === 'int4' ? total : { unscaled: total, scale };
    else out[j] = numericDiv({ unscaled: total, scale }, { unscaled: BigInt(c), scale: 0 });
  }
  return out;
}
