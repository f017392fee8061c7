/** DISTINCT aggregates: per-group sets of distinct argument values, fed to the plain aggregate at finalize. */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { Vector } from '../../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { datumKey } from '../datum_compare.js';
import type { GroupedAccumulator } from './accumulator.js';

type D = Exclude<Datum, null>;

export class DistinctAccumulator implements GroupedAccumulator {
  private readonly sets: Map<unknown, D>[] = [];
  constructor(private readonly make: () => GroupedAccumulator, private readonly type: SqlType) {}
  resize(n: number): void { while (this.sets.length < n) this.sets.push(new Map()); }
  update(groupIds: Int32Array, rows: number, args: readonly Vector[], filter: Vector | null): void {
    const v = args[0]!;
    for (let r = 0; r < rows; r++) {
      if (filter !== null && getDatum(filter, r) !== true) continue;
      const d = getDatum(v, r);
      if (d !== null) this.sets[groupIds[r]!]!.set(datumKey(this.type, d), d);
    }
  }
  serialize(): unknown { return this.sets.map((s) => [...s.values()]); }
  merge(serialized: unknown, mapping: Int32Array): void {
    const parts = serialized as D[][];
    for (let i = 0; i < parts.length; i++) {
      const s = this.sets[mapping[i]!]!;
      for (const d of parts[i]!) s.set(datumKey(this.type, d), d);
    }
  }
  finalize(): Vector {
    const acc = this.make();
    acc.resize(this.sets.length);
    const ids: number[] = [];
    const vals: D[] = [];
    this.sets.forEach((s, g) => { for (const d of s.values()) { ids.push(g); vals.push(d); } });
    acc.update(Int32Array.from(ids), ids.length, [vectorFromDatums(this.type, vals)], null);
    return acc.finalize();
  }
}
