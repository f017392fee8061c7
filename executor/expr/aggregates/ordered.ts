/**
 * Aggregates that need their input in an order (string_agg(x, ',' ORDER BY y), WITHIN GROUP (ORDER BY x))
 * or DISTINCT over several arguments: collect each group's argument rows, sort them (and de-duplicate)
 * at finalize, then feed them in that order to the plain accumulator.
 */
import type { Datum } from '../../../common/datum.js';
import type { SqlType } from '../../../common/types.js';
import type { Vector } from '../../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { comparatorFor, datumKey } from '../datum_compare.js';
import type { GroupedAccumulator } from './accumulator.js';

export interface OrderSpec { readonly descending: boolean; readonly nullsFirst: boolean }

export class OrderedAccumulator implements GroupedAccumulator {
  private readonly groups: Datum[][][] = [];
  private readonly firstKey: number;

  /**
   * argTypes: every argument; the last `order.length` are the sort keys. `keysAreValues`: WITHIN GROUP —
   * the sort keys are also the aggregated values (passed on); otherwise only the leading args are.
   */
  constructor(
    private readonly make: () => GroupedAccumulator,
    private readonly argTypes: readonly SqlType[],
    private readonly order: readonly OrderSpec[],
    private readonly keysAreValues: boolean,
    private readonly distinct: boolean,
  ) {
    this.firstKey = argTypes.length - order.length;
  }

  resize(n: number): void { while (this.groups.length < n) this.groups.push([]); }

  update(groupIds: Int32Array, rows: number, args: readonly Vector[], filter: Vector | null): void {
    for (let r = 0; r < rows; r++) {
      if (filter !== null && getDatum(filter, r) !== true) continue;
      this.groups[groupIds[r]!]!.push(args.map((a) => getDatum(a, r)));
    }
  }

  serialize(): unknown { return this.groups.map((g) => g.slice()); }

  merge(serialized: unknown, mapping: Int32Array): void {
    const parts = serialized as Datum[][][];
    for (let i = 0; i < parts.length; i++) this.groups[mapping[i]!]!.push(...parts[i]!);
  }

  private compare(): (a: readonly Datum[], b: readonly Datum[]) => number {
    const cmps = this.order.map((_, k) => comparatorFor(this.argTypes[this.firstKey + k]!));
    return (a, b) => {
      for (let k = 0; k < this.order.length; k++) {
        const o = this.order[k]!;
        const x = a[this.firstKey + k] ?? null;
        const y = b[this.firstKey + k] ?? null;
        if (x === null || y === null) {
          if (x === y) continue;
          return (x === null) === o.nullsFirst ? -1 : 1;
        }
        const c = cmps[k]!(x as Exclude<Datum, null>, y as Exclude<Datum, null>);
        if (c !== 0) return o.descending ? -c : c;
      }
      return 0;
    };
  }

  finalize(): Vector {
    const width = this.keysAreValues ? this.argTypes.length : this.firstKey;
    const types = this.argTypes.slice(0, width);
    const cmp = this.compare();
    const ids: number[] = [];
    const cols: Datum[][] = types.map(() => []);
    this.groups.forEach((rows, g) => {
      let list = rows;
      if (this.distinct) {
        const seen = new Map<string, Datum[]>();
        for (const row of rows) {
          const key = row.slice(0, width).map((d, k) => (d === null ? '\u0000' : String(datumKey(types[k]!, d as Exclude<Datum, null>)))).join('\u0001');
          if (!seen.has(key)) seen.set(key, row);
        }
        list = [...seen.values()];
      }
      if (this.order.length > 0) list = list.slice().sort(cmp);
      for (const row of list) {
        ids.push(g);
        for (let k = 0; k < width; k++) cols[k]!.push(row[k] ?? null);
      }
    });
    const acc = this.make();
    acc.resize(this.groups.length);
    acc.update(Int32Array.from(ids), ids.length, types.map((t, k) => vectorFromDatums(t, cols[k]!)), null);
    return acc.finalize();
  }
}
