/** count, count_star, sum, avg, min, max over groups, with exact integer/numeric sums. */
import type { Datum, Numeric } from '../../../common/datum.js';
import { QueryError, SQLSTATE } from '../../../common/errors.js';
import type { SqlType } from '../../../common/types.js';
import { numericDiv } from '../../../common/values/numeric.js';
import type { Vector } from '../../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../../common/vector.js';
import { comparatorFor } from '../datum_compare.js';
import { asScaled } from '../numeric_vector.js';
import { sumScaled } from './sum_scaled.js';
import { isPackedSums, mergePacked, packSums, type SumStateLike } from './packed_sums.js';
import type { GroupedAccumulator } from './accumulator.js';

type D = Exclude<Datum, null>;

/** Running sum state: exact bigint at `scale` for integers/numeric, number for floats. */
interface SumState { count: number; int: bigint; scale: number; float: number; special: Numeric['special'] | undefined }

function add(s: SumState, t: SqlType, d: D): void {
  s.count++;
  switch (t.kind) {
    case 'int2': case 'int4': s.int += BigInt(d as number); break;
    case 'int8': s.int += d as bigint; break;
    case 'float4': case 'float8': s.float += d as number; break;
    case 'numeric': {
      const n = d as Numeric;
      if (n.special !== undefined) { s.special = s.special === undefined || s.special === n.special ? n.special : 'nan'; break; }
      if (n.scale === s.scale) { s.int += n.unscaled; break; }
      if (n.scale > s.scale) { s.int *= 10n ** BigInt(n.scale - s.scale); s.scale = n.scale; }
      s.int += n.unscaled * 10n ** BigInt(s.scale - n.scale);
      break;
    }
    default: throw new QueryError(SQLSTATE.feature_not_supported, `sum/avg over ${t.kind} is not supported`);
  }
}

function mergeSum(s: SumState, o: SumState): void {
  s.count += o.count;
  s.float += o.float;
  if (o.special !== undefined) s.special = s.special === undefined || s.special === o.special ? o.special : 'nan';
  if (o.scale === s.scale) { s.int += o.int; return; }
  if (o.scale > s.scale) { s.int *= 10n ** BigInt(o.scale - s.scale); s.scale = o.scale; }
  s.int += o.int * 10n ** BigInt(s.scale - o.scale);
}

/** Add `part` (unscaled at `scale`, exact) and `count` rows to a sum state. */
function addScaled(s: SumState, part: number, scale: number, count: number): void {
  s.count += count;
  if (part === 0) { if (scale > s.scale) { s.int *= 10n ** BigInt(scale - s.scale); s.scale = scale; } return; }
  mergeSum(s, { count: 0, int: BigInt(part), scale, float: 0, special: undefined });
}

const I8_MAX = 2n ** 63n - 1n;

export function createBasicAccumulator(fn: string, argType: SqlType | null, resultType: SqlType): GroupedAccumulator {
  const states: unknown[] = [];
  const init = (): unknown => {
    switch (fn) {
      case 'count': case 'count_star': return 0;
      case 'sum': case 'avg': return { count: 0, int: 0n, scale: 0, float: 0, special: undefined } satisfies SumState;
      case 'min': case 'max': return null;
      default: throw new QueryError(SQLSTATE.undefined_function, `aggregate ${fn} is not implemented`);
    }
  };
  init();
  const cmp = argType === null ? null : comparatorFor(argType);
  const better = (a: D, b: D) => (fn === 'min' ? cmp!(a, b) < 0 : cmp!(a, b) > 0);
  const foldOne = (g: number, d: D) => {
    switch (fn) {
      case 'count': states[g] = (states[g] as number) + 1; break;
      case 'sum': case 'avg': add(states[g] as SumState, argType!, d); break;
      case 'min': case 'max': { const cur = states[g] as D | null; if (cur === null || better(d, cur)) states[g] = d; break; }
    }
  };
  const finalOne = (s: unknown): Datum => {
    switch (fn) {
      case 'count': case 'count_star': return BigInt(s as number);
      case 'min': case 'max': return s as Datum;
      case 'sum': case 'avg': {
        const st = s as SumState;
        if (st.count === 0) return null;
        const k = argType!.kind;
        const isFloat = k === 'float4' || k === 'float8';
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
      }
      default: return null;
    }
  };
  return {
    resize(n) { while (states.length < n) states.push(init()); },
    update(groupIds, rows, args, filter) {
      const v: Vector | undefined = args[0];
      if ((fn === 'sum' || fn === 'avg') && filter === null && v !== undefined && v.type.kind === 'numeric') {
        const d = asScaled(v);
        if (d !== null) { sumScaled(states as SumState[], groupIds, rows, d, v.nulls, addScaled); return; }
      }
      for (let r = 0; r < rows; r++) {
        if (filter !== null && getDatum(filter, r) !== true) continue;
        const g = groupIds[r]!;
        if (fn === 'count_star') { states[g] = (states[g] as number) + 1; continue; }
        const d = getDatum(v!, r);
        if (d !== null) foldOne(g, d);
      }
    },
    serialize() { return ((fn === 'sum' || fn === 'avg') && packSums(states as SumState[])) || states.slice(); },
    merge(serialized, mapping) {
      if (isPackedSums(serialized)) { mergePacked(states as SumState[], serialized, mapping, mergeSum as (s: SumState, o: SumStateLike) => void); return; }
      const parts = serialized as unknown[];
      for (let i = 0; i < parts.length; i++) {
        const g = mapping[i]!;
        const p = parts[i];
        switch (fn) {
          case 'count': case 'count_star': states[g] = (states[g] as number) + (p as number); break;
          case 'sum': case 'avg': mergeSum(states[g] as SumState, p as SumState); break;
          case 'min': case 'max': if (p !== null) foldOne(g, p as D); break;
        }
      }
    },
    finalize() { return vectorFromDatums(resultType, states.map(finalOne)); },
  };
}
