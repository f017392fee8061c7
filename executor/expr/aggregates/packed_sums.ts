/**
 * The serialized form of many sum/avg states in typed arrays (so partial aggregates move between threads as
 * a few buffers instead of an object and a bigint per group): every state that has rows shares one scale and
 * its exact sum fits in 2^53 − 1 at that scale. States without rows carry nothing (count 0). The
 * accumulators (executor/aggregate/sum_accumulator.ts, executor/scan/fast_sum.ts) send state objects when
 * their states do not fit this form.
 */
export interface PackedSums {
  readonly form: 'packed-sums';
  readonly scale: number;
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly float: Float64Array;
}

export function isPackedSums(x: unknown): x is PackedSums {
  return typeof x === 'object' && x !== null && (x as { form?: unknown }).form === 'packed-sums';
}
