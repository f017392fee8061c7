/**
 * The serialized form of many sum/avg states in typed arrays (so partial aggregates move between threads as
 * a few buffers instead of an object and a bigint per group): every state that has rows shares one scale and
 * its exact sum fits in 2^53 − 1 at that scale. States without rows carry nothing (count 0). `pack` returns
 * null when the states do not fit this form; the caller then sends the state objects.
 */
import { SCALED_MAX } from '../../../common/vector.js';

export interface SumStateLike {
  count: number;
  int: bigint;
  scale: number;
  float: number;
  special: unknown;
}

export interface PackedSums {
  readonly form: 'packed-sums';
  readonly scale: number;
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly float: Float64Array;
}

const MAX = BigInt(SCALED_MAX);

export function isPackedSums(x: unknown): x is PackedSums {
  return typeof x === 'object' && x !== null && (x as { form?: unknown }).form === 'packed-sums';
}

export function packSums(states: readonly SumStateLike[]): PackedSums | null {
  const n = states.length;
  let scale = -1;
  for (let i = 0; i < n; i++) {
    const s = states[i]!;
    if (s.count === 0) continue;
    if (s.special !== undefined || (scale >= 0 && s.scale !== scale)) return null;
    scale = s.scale;
    if (s.int > MAX || s.int < -MAX) return null;
  }
  const count = new Float64Array(n), sum = new Float64Array(n), float = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = states[i]!;
    if (s.count === 0) continue;
    count[i] = s.count;
    sum[i] = Number(s.int);
    float[i] = s.float;
  }
  return { form: 'packed-sums', scale: Math.max(scale, 0), count, sum, float };
}

/** Fold packed states into `states` (group mapping[i] takes entry i); `mergeOne` adds one state. */
export function mergePacked<S>(states: S[], p: PackedSums, mapping: Int32Array, mergeOne: (s: S, o: SumStateLike) => void): void {
  const { count, sum, float, scale } = p;
  for (let i = 0; i < count.length; i++) {
    if (count[i] === 0) continue;
    mergeOne(states[mapping[i]!]!, { count: count[i]!, int: BigInt(sum[i]!), scale, float: float[i]!, special: undefined });
  }
}
