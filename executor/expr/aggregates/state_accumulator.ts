/**
 * A GroupedAccumulator built from per-group state functions: the shape of every aggregate whose state is
 * one plain (structured-cloneable) value per group. FILTER is applied here; NULL handling is the spec's.
 */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { Vector } from '../../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import type { GroupedAccumulator } from './accumulator.js';

export interface StateSpec<S> {
  /** state of a group that has seen no rows */
  init(): S;
  /** fold row values (already non-filtered) into a state; returns the new state */
  add(state: S, row: readonly Datum[]): S;
  /** combine two partial states (b after a) */
  combine(a: S, b: S): S;
  finish(state: S): Datum;
}

export function stateAccumulator<S>(spec: StateSpec<S>, resultType: SqlType): GroupedAccumulator {
  const states: S[] = [];
  return {
    resize(n) { while (states.length < n) states.push(spec.init()); },
    update(groupIds, rows, args: readonly Vector[], filter) {
      const row: Datum[] = new Array<Datum>(args.length);
      for (let r = 0; r < rows; r++) {
        if (filter !== null && getDatum(filter, r) !== true) continue;
        for (let k = 0; k < args.length; k++) row[k] = getDatum(args[k]!, r);
        const g = groupIds[r]!;
        states[g] = spec.add(states[g]!, row);
      }
    },
    serialize() { return states.slice(); },
    merge(serialized, mapping) {
      const parts = serialized as S[];
      for (let i = 0; i < parts.length; i++) {
        const g = mapping[i]!;
        states[g] = spec.combine(states[g]!, parts[i]!);
      }
    },
    finalize() { return vectorFromDatums(resultType, states.map((s) => spec.finish(s))); },
  };
}
