/**
 * Aggregate accumulators (implemented by the expression helper; used by the hash-aggregate operator).
 *
 * A GroupedAccumulator holds the states of one aggregate for many groups, addressed by dense group ids
 * 0..n-1 that the hash-aggregate operator assigns. States serialize to plain data so partial aggregates
 * computed in workers can be merged on the coordinator (partial → merge → finalize).
 */
import type { SqlType } from '../../../common/types.js';
import type { Vector } from '../../../common/vector.js';
import type { AggregateCall } from '../../../planner/bind/expr/bound_expr.js';
import { createBasicAccumulator } from './basic.js';
import { DistinctAccumulator } from './distinct.js';

export interface GroupedAccumulator {
  /** grow to hold `groupCount` groups (new groups start empty) */
  resize(groupCount: number): void;
  /**
   * Fold rows into groups: for row r (0 ≤ r < rows), group groupIds[r], argument values args[k] row r.
   * FILTER and DISTINCT are handled inside (filter mask: the evaluated FILTER vector or null).
   */
  update(groupIds: Int32Array, rows: number, args: readonly Vector[], filter: Vector | null): void;
  /** Partial states of groups 0..groupCount-1 as plain, structured-cloneable data. */
  serialize(): unknown;
  /** Merge serialized partial states: partial group i goes into group mapping[i]. */
  merge(serialized: unknown, mapping: Int32Array): void;
  /** Final values of groups 0..groupCount-1 (count of empty group = 0, sum of empty group = NULL, ...). */
  finalize(): Vector;
}

export function createAccumulator(call: AggregateCall, inputTypes: readonly SqlType[]): GroupedAccumulator {
  const argType = call.args[0]?.type ?? inputTypes[0] ?? null;
  if (call.distinct) return new DistinctAccumulator(() => createBasicAccumulator(call.fn, argType, call.type), argType!);
  return createBasicAccumulator(call.fn, argType, call.type);
}
