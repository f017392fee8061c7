/**
 * sum / avg over groups on SumColumns (typed arrays): exact integer/numeric sums, float sums for floats.
 * Partial states serialize packed (aggregates/packed_sums.ts) when they fit, else as state objects.
 */
import type { Datum, Numeric } from '../../common/datum.js';
import { QueryError, SQLSTATE } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import { numericDiv } from '../../common/values/numeric.js';
import { getDatum, scaledNumerics, vectorFromDatums, type Vector } from '../../common/vector.js';
import type { GroupedAccumulator } from '../expr/aggregates/accumulator.js';
import { isPackedSums, type PackedSums } from '../expr/aggregates/packed_sums.js';
import { asScaled } from '../expr/numeric_vector.js';
import { SumColumns, type SumState } from './sum_columns.js';

const I8_MAX = 2n ** 63n - 1n;

export function createSumAccumulator(fn: 'sum' | 'avg', argType: SqlType, resultType: SqlType): GroupedAccumulator {
  const c = new SumColumns();
  const kind = argType.kind;
  const isFloat = kind === 'float4' || kind === 'float8';

  const addDatum = (g: number, d: Exclude<Datum, null>): void => {
    c.count[g]!++;
    switch (kind) {
      case 'int2': case 'int4': c.addInt(g, d as number, 0); break;
      case 'int8': c.addBig(g, d as bigint, 0); break;
      case 'float4': case 'float8': c.float[g]! += d as number; break;
      case 'numeric': {
        const n = d as Numeric;
        if (n.special !== undefined) c.addSpecial(g, n.special);
        else c.addBig(g, n.unscaled, n.scale);
        break;
      }
      default: throw new QueryError(SQLSTATE.feature_not_supported, `sum/avg over ${kind} is not supported`);
    }
  };

  const finalOne = (g: number): Datum => {
    const st = c.state(g);
    if (st.count === 0) return null;
    if (fn === 'sum') {
      if (isFloat) return resultType.kind === 'float4' ? Math.fround(st.float) : st.float;
      if (resultType.kind === 'int8') {
        if (st.int > I8_MAX || st.int < -I8_MAX - 1n) throw new QueryError(SQLSTATE.numeric_value_out_of_range, 'bigint out of range');
        return st.int;
      }
      return st.special !== undefined ? { unscaled: 0n, scale: 0, special: st.special } : { unscaled: st.int, scale: st.scale };
    }
    if (isFloat) return st.float / st.count;
    if (st.special !== undefined) return { unscaled: 0n, scale: 0, special: st.special };
    return numericDiv({ unscaled: st.int, scale: st.scale }, { unscaled: BigInt(st.count), scale: 0 });
  };

  const pack = (): PackedSums | null => {
    const n = c.size;
    let scale = -1;
    for (let g = 0; g < n; g++) {
      if (c.count[g] === 0) continue;
      if ((c.hasSpecial && c.special[g] !== undefined) || (c.hasBig && c.big[g] !== undefined)) return null;
      if (scale >= 0 && c.scale[g] !== scale) return null;
      scale = c.scale[g]!;
    }
    const count = c.count.slice(0, n), sum = c.lo.slice(0, n), float = c.float.slice(0, n);
    for (let g = 0; g < n; g++) if (count[g] === 0) { sum[g] = 0; float[g] = 0; }
    return { form: 'packed-sums', scale: Math.max(scale, 0), count, sum, float };
  };

  return {
    resize(n) { c.resize(n); },
    update(groupIds, rows, args, filter) {
      const v: Vector = args[0]!;
      const d = filter === null && kind === 'numeric' ? asScaled(v) : null;
      if (d !== null) {
        const vals = d.values, sc = d.scale, nulls = v.nulls, cnt = c.count;
        for (let r = 0; r < rows; r++) {
          if (nulls !== null && nulls[r] === 1) continue;
          const g = groupIds[r]!;
          cnt[g]!++;
          c.addInt(g, vals[r]!, sc);
        }
        return;
      }
      for (let r = 0; r < rows; r++) {
        if (filter !== null && getDatum(filter, r) !== true) continue;
        const x = getDatum(v, r);
        if (x !== null) addDatum(groupIds[r]!, x);
      }
    },
    serialize() {
      const p = pack();
      if (p !== null) return p;
      return Array.from({ length: c.size }, (_, g) => c.state(g));
    },
    merge(serialized, mapping) {
      if (isPackedSums(serialized)) {
        const { count, sum, float, scale } = serialized;
        for (let i = 0; i < count.length; i++) {
          const k = count[i]!;
          if (k === 0) continue;
          const g = mapping[i]!;
          c.count[g]! += k;
          c.float[g]! += float[i]!;
          c.addInt(g, sum[i]!, scale);
        }
        return;
      }
      const parts = serialized as SumState[];
      for (let i = 0; i < parts.length; i++) c.mergeState(mapping[i]!, parts[i]!);
    },
    finalize() {
      if (fn === 'sum' && kind === 'numeric' && resultType.kind === 'numeric') {
        // the compact numeric vector when every sum fits it (same values and scales as the objects)
        const p = pack();
        if (p !== null) {
          let nulls: Uint8Array | null = null;
          for (let g = 0; g < c.size; g++) if (p.count[g] === 0) (nulls ??= new Uint8Array(c.size))[g] = 1;
          return { type: resultType, length: c.size, data: scaledNumerics(p.scale, p.sum), nulls };
        }
      }
      const out: Datum[] = new Array(c.size);
      for (let g = 0; g < c.size; g++) out[g] = finalOne(g);
      return vectorFromDatums(resultType, out);
    },
  };
}
