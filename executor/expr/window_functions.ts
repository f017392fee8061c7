/**
 * Window function evaluation over one sorted layout: ranking functions, lag/lead, first/last/nth_value and
 * aggregates over frames (reusing the grouped accumulators). Results are per sorted position.
 */
import type { Datum } from '../../common/datum.js';
import { QueryError } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import type { Vector } from '../../common/vector.js';
import { getDatum } from '../../common/vector.js';
import type { AggregateCall } from '../../planner/bind/expr/bound_expr.js';
import type { WindowCall } from '../../planner/logical/window_call.js';
import { frameSegments, type Frames, type WindowLayout } from '../operators/window_frame.js';
import { takeRows, viewRows } from '../operators/window_sort.js';
import { createAccumulator } from './aggregates/accumulator.js';
import { prefixAggregate } from './window_prefix.js';

/** Per sorted position: evaluated argument values (already permuted into sorted order). */
export interface SortedArgs {
  readonly args: readonly Vector[];
  readonly filter: Vector | null;
}

function num(d: Datum): number | null {
  if (d === null) return null;
  return typeof d === 'bigint' ? Number(d) : (d as number);
}

export function rankingValues(fn: string, L: WindowLayout, a: SortedArgs): Datum[] {
  const out = new Array<Datum>(L.rows);
  for (let j = 0; j < L.rows; j++) {
    const ps = L.partStart[j]!;
    const n = L.partEnd[j]! - ps;
    switch (fn) {
      case 'row_number': out[j] = BigInt(j - ps + 1); break;
      case 'rank': out[j] = BigInt(L.peerStart[j]! - ps + 1); break;
      case 'dense_rank': out[j] = BigInt(L.peerIndex[j]! + 1); break;
      case 'percent_rank': out[j] = n <= 1 ? 0 : (L.peerStart[j]! - ps) / (n - 1); break;
      case 'cume_dist': out[j] = (L.peerEnd[j]! - ps) / n; break;
      case 'ntile': {
        // the bucket count is read at the partition's first row
        const k = num(getDatum(a.args[0]!, ps));
        if (k === null) { out[j] = null; break; }
        if (k <= 0) throw new QueryError('22014', 'argument of ntile must be greater than zero');
        const per = Math.floor(n / k);
        const extra = n % k;
        const r = j - ps;
        // the first `extra` buckets hold per + 1 rows
        const big = extra * (per + 1);
        out[j] = r < big ? Math.floor(r / (per + 1)) + 1 : extra + Math.floor((r - big) / per) + 1;
        break;
      }
      default: throw new QueryError('XX000', `unknown window function ${fn}`);
    }
  }
  return out;
}

export function lagLeadValues(fn: 'lag' | 'lead', L: WindowLayout, a: SortedArgs): Datum[] {
  const out = new Array<Datum>(L.rows);
  const [value, offset, def] = a.args;
  for (let j = 0; j < L.rows; j++) {
    let off = 1;
    if (offset !== undefined) {
      const o = num(getDatum(offset, j));
      if (o === null) { out[j] = null; continue; }
      off = o;
    }
    const t = fn === 'lag' ? j - off : j + off;
    if (t >= L.partStart[j]! && t < L.partEnd[j]!) out[j] = getDatum(value!, t);
    else out[j] = def === undefined ? null : getDatum(def, j);
  }
  return out;
}

export function frameValueValues(fn: 'first_value' | 'last_value' | 'nth_value', call: WindowCall, L: WindowLayout, frames: Frames, a: SortedArgs): Datum[] {
  const out = new Array<Datum>(L.rows);
  const segs = new Int32Array(8);
  const value = a.args[0]!;
  for (let j = 0; j < L.rows; j++) {
    let nth = 1;
    if (fn === 'nth_value') {
      const k = num(getDatum(a.args[1]!, j));
      if (k === null) { out[j] = null; continue; }
      if (k <= 0) throw new QueryError('22016', 'argument of nth_value must be greater than zero');
      nth = k;
    }
    const ns = frameSegments(L, call.spec.frame, frames, j, segs);
    let pick = -1;
    if (fn === 'last_value') {
      if (ns > 0) pick = segs[2 * ns - 1]! - 1;
    } else {
      let left = nth;
      for (let s = 0; s < ns && pick < 0; s++) {
        const len = segs[2 * s + 1]! - segs[2 * s]!;
        if (left <= len) pick = segs[2 * s]! + left - 1;
        else left -= len;
      }
    }
    out[j] = pick < 0 ? null : getDatum(value, pick);
  }
  return out;
}

function aggregateCall(call: WindowCall): AggregateCall {
  return { fn: call.fn, args: call.args, distinct: false, filter: call.filter, type: call.type };
}

function takeArgs(a: SortedArgs, sel: Int32Array, count: number): { args: Vector[]; filter: Vector | null } {
  return { args: a.args.map((v) => takeRows(v, sel.subarray(0, count))), filter: a.filter && takeRows(a.filter, sel.subarray(0, count)) };
}

/** Aggregates OVER a frame. */
export function aggregateValues(call: WindowCall, L: WindowLayout, frames: Frames, a: SortedArgs, argTypes: readonly SqlType[]): Datum[] {
  const out = new Array<Datum>(L.rows);
  const agg = aggregateCall(call);
  const noExclude = call.spec.frame.exclude === 'no_others';
  const whole = noExclude && frames.start.every((s, j) => s === L.partStart[j]) && frames.end.every((e, j) => e === L.partEnd[j]);
  if (whole) {
    // one group per partition: one pass, one finalize
    const gids = new Int32Array(L.rows);
    let parts = 0;
    for (let j = 0; j < L.rows; j++) { if (j > 0 && L.partStart[j] !== L.partStart[j - 1]) parts++; gids[j] = parts; }
    const acc = createAccumulator(agg, argTypes);
    acc.resize(L.rows === 0 ? 0 : parts + 1);
    acc.update(gids, L.rows, a.args, a.filter);
    const v = acc.finalize();
    for (let j = 0; j < L.rows; j++) out[j] = getDatum(v, gids[j]!);
    return out;
  }
  const prefix = prefixAggregate(call, L, frames, a.args, a.filter);
  if (prefix !== null) return prefix;
  const growing = noExclude && frames.start.every((s, j) => s === L.partStart[j]);
  if (growing) {
    // running aggregate: feed each partition's rows once, finalize whenever the frame end moves
    const zeros = new Int32Array(L.rows);
    let j = 0;
    while (j < L.rows) {
      const ps = L.partStart[j]!;
      const pe = L.partEnd[j]!;
      const acc = createAccumulator(agg, argTypes);
      acc.resize(1);
      let fed = ps;
      let last: Datum = getDatum(acc.finalize(), 0);
      for (; j < pe; j++) {
        const e = Math.max(frames.end[j]!, ps);
        if (e > fed) {
          acc.update(zeros, e - fed, a.args.map((v) => viewRows(v, fed, e)), a.filter && viewRows(a.filter, fed, e));
          fed = e;
          last = getDatum(acc.finalize(), 0);
        }
        out[j] = last;
      }
    }
    return out;
  }
  // general frames: groups of CHUNK positions, each position its own accumulator group
  const CHUNK = 1024;
  const segs = new Int32Array(8);
  let j = 0;
  while (j < L.rows) {
    const first = j;
    const idx: number[] = [];
    const gid: number[] = [];
    for (; j < L.rows && j - first < CHUNK && idx.length < 1 << 20; j++) {
      const ns = frameSegments(L, call.spec.frame, frames, j, segs);
      for (let s = 0; s < ns; s++) {
        for (let r = segs[2 * s]!; r < segs[2 * s + 1]!; r++) { idx.push(r); gid.push(j - first); }
      }
    }
    const acc = createAccumulator(agg, argTypes);
    acc.resize(j - first);
    const sel = Int32Array.from(idx);
    const t = takeArgs(a, sel, sel.length);
    acc.update(Int32Array.from(gid), sel.length, t.args, t.filter);
    const v = acc.finalize();
    for (let k = first; k < j; k++) out[k] = getDatum(v, k - first);
  }
  return out;
}
