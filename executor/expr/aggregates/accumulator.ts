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
import { createExtraAccumulator } from './create_extra.js';
import { DistinctAccumulator } from './distinct.js';
import { OrderedAccumulator } from './ordered.js';
import { createIntDistinctCount } from '../../aggregate/int_distinct_count.js';

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
  const argTypes = call.args.length > 0 ? call.args.map((a) => a.type) : inputTypes;
  const argType = argTypes[0] ?? null;
  const plain = (): GroupedAccumulator => createExtraAccumulator(call.fn, argTypes, call.type) ?? createBasicAccumulator(call.fn, argType, call.type);
  const order = call.order ?? [];
  if (order.length > 0 || call.withinGroup === true || (call.distinct && call.args.length > 1)) {
    return new OrderedAccumulator(plain, argTypes, order, call.withinGroup === true, call.distinct);
  }
  if (call.distinct) return createIntDistinctCount(call, argType) ?? new DistinctAccumulator(plain, argType!);
  return plain();
}
