/**
 * Dense int codes for the values of one key column of a type other than text-like and integer-like
 * (numeric, float, bool, interval, bytea, json, arrays, …): code 0 is NULL, the distinct values get 1, 2, …
 * in first-seen order. Two values get the same code exactly when their hash keys (hash_key.ts valueKey)
 * are equal — the equality of the Map-based group table (numeric 1.5 = 1.50, float -0 = 0).
 *
 * Compact numerics (ScaledNumerics, e.g. extract(year …)) are looked up by their unscaled number under
 * their scale first, so most rows build no string key.
 */
import type { Datum } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import { getDatum, isScaledNumerics, vectorFromDatums, type Vector } from '../../common/vector.js';
import { valueKey } from '../operators/hash_key.js';

export class ValueDictionary {
  /** code - 1 → the first value seen with that key */
  private readonly datums: Datum[] = [];
  private readonly codes = new Map<string, number>();
  /** scale → unscaled value → code */
  private readonly scaled = new Map<number, Map<number, number>>();

  get size(): number {
    return this.datums.length;
  }

  private codeAt(v: Vector, i: number): number {
    const k = valueKey(v, i);
    const known = this.codes.get(k);
    if (known !== undefined) return known;
    this.datums.push(getDatum(v, i));
    const c = this.datums.length;
    this.codes.set(k, c);
    return c;
  }

  /** Codes of rows [0, rows) into `out`; returns the greatest code written. */
  encode(v: Vector, rows: number, out: Int32Array): number {
    const nulls = v.nulls;
    const d = v.data;
    let max = 0;
    if (isScaledNumerics(d)) {
      let byValue = this.scaled.get(d.scale);
      if (byValue === undefined) this.scaled.set(d.scale, (byValue = new Map()));
      const vals = d.values;
      let last = NaN;
      let lastCode = 0;
      for (let i = 0; i < rows; i++) {
        if (nulls !== null && nulls[i] === 1) {
          out[i] = 0;
          continue;
        }
        const u = vals[i]!;
        if (u !== last) {
          last = u;
          let c = byValue.get(u);
          if (c === undefined) byValue.set(u, (c = this.codeAt(v, i)));
          lastCode = c;
          if (c > max) max = c;
        }
        out[i] = lastCode;
      }
      return max;
    }
    for (let i = 0; i < rows; i++) {
      if (nulls !== null && nulls[i] === 1) {
        out[i] = 0;
        continue;
      }
      const c = this.codeAt(v, i);
      if (c > max) max = c;
      out[i] = c;
    }
    return max;
  }

  /** The key vector of `n` groups whose codes `codeOf` gives (code 0: NULL). */
  vector(type: SqlType, n: number, codeOf: (g: number) => number): Vector {
    const values = new Array<Datum>(n);
    for (let g = 0; g < n; g++) {
      const code = codeOf(g);
      values[g] = code === 0 ? null : this.datums[code - 1]!;
    }
    return vectorFromDatums(type, values);
  }
}
