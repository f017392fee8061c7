/**
 * Window layout of one (PARTITION BY, ORDER BY) spec over materialized rows: the sort permutation, the
 * partition and peer-group bounds of every sorted position, and the frame [start, end) of every position for
 * a frame clause. All positions are indices into the sorted order.
 */
import type { Datum } from '../../common/datum.js';
import { QueryError } from '../../common/errors.js';
import type { SqlType } from '../../common/types.js';
import { compareDatums } from '../../common/values/compare.js';
import type { Vector } from '../../common/vector.js';
import type { SortKey } from '../../planner/logical/nodes.js';
import type { FrameBound, WindowFrame } from '../../planner/logical/window_call.js';
import { keyComparator, packedSort, sortRows, type RowComparator } from './window_sort.js';

export interface WindowLayout {
  readonly rows: number;
  /** sorted position → input row */
  readonly perm: Int32Array;
  readonly partStart: Int32Array;
  readonly partEnd: Int32Array;
  /** peer group (rows equal on ORDER BY; the whole partition without ORDER BY) */
  readonly peerStart: Int32Array;
  readonly peerEnd: Int32Array;
  /** peer group ordinal within the partition (0-based) */
  readonly peerIndex: Int32Array;
}

/** Sort by partition keys then order keys (stable) and find partitions and peer groups. */
export function buildLayout(partVectors: readonly Vector[], orderVectors: readonly Vector[], orderKeys: readonly SortKey[], rows: number): WindowLayout {
  const partCmps = partVectors.map((v) => keyComparator(v, false, false));
  const orderCmps = orderVectors.map((v, i) => keyComparator(v, orderKeys[i]!.descending, orderKeys[i]!.nullsFirst));
  const sortKeys = [...partVectors.map(() => ({ descending: false, nullsFirst: false })), ...orderKeys];
  const perm = packedSort([...partVectors, ...orderVectors], sortKeys, rows) ?? sortRows([...partCmps, ...orderCmps], rows);
  const partStart = new Int32Array(rows);
  const partEnd = new Int32Array(rows);
  const peerStart = new Int32Array(rows);
  const peerEnd = new Int32Array(rows);
  const peerIndex = new Int32Array(rows);
  const differs = (cmps: readonly RowComparator[], j: number) => {
    const a = perm[j - 1]!;
    const b = perm[j]!;
    for (let k = 0; k < cmps.length; k++) if (cmps[k]!(a, b) !== 0) return true;
    return false;
  };
  let ps = 0;
  let gs = 0;
  let g = 0;
  for (let j = 1; j <= rows; j++) {
    const newPart = j === rows || differs(partCmps, j);
    const newPeer = newPart || differs(orderCmps, j);
    if (newPeer) {
      for (let i = gs; i < j; i++) { peerStart[i] = gs; peerEnd[i] = j; peerIndex[i] = g; }
      gs = j;
      g++;
    }
    if (newPart) {
      for (let i = ps; i < j; i++) { partStart[i] = ps; partEnd[i] = j; }
      ps = j;
      g = 0;
    }
  }
  return { rows, perm, partStart, partEnd, peerStart, peerEnd, peerIndex };
}

export interface FrameOffsets {
  /** ROWS / GROUPS: the constant count; RANGE: per sorted position boundary values and keys (cast) */
  readonly count: number;
  readonly bound: readonly Datum[] | null;
  readonly key: readonly Datum[] | null;
  readonly type: SqlType | null;
}

export interface Frames {
  readonly start: Int32Array;
  readonly end: Int32Array;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Start of the peer group with ordinal `g` of the partition of position j (partEnd when past the last). */
function groupStart(L: WindowLayout, j: number, g: number): number {
  const ps = L.partStart[j]!;
  const pe = L.partEnd[j]!;
  if (g <= 0) return ps;
  let i = L.peerEnd[j]!;
  let cur = L.peerIndex[j]!;
  if (g <= cur) {
    i = L.peerStart[j]!;
    while (cur > g) { i = L.peerStart[i - 1]!; cur--; }
    return i;
  }
  cur++;
  while (cur < g && i < pe) { i = L.peerEnd[i]!; cur++; }
  return i;
}

/** RANGE offset boundary: the first non-null position of the partition at/after (end: after) the boundary. */
function rangeSearch(L: WindowLayout, j: number, o: FrameOffsets, descending: boolean, nullsFirst: boolean, isEnd: boolean): number {
  const key = o.key!;
  const b = o.bound![j]!;
  const ps = L.partStart[j]!;
  const pe = L.partEnd[j]!;
  if (key[j] === null) return isEnd ? L.peerEnd[j]! : L.peerStart[j]!;
  // non-null positions of the partition: [lo, hi)
  let lo = ps;
  let hi = pe;
  if (nullsFirst) { while (lo < hi && key[lo] === null) lo = L.peerEnd[lo]!; } else { while (hi > lo && key[hi - 1] === null) hi = L.peerStart[hi - 1]!; }
  if (b === null) return isEnd ? hi : lo;
  const sign = descending ? -1 : 1;
  // first position p in [lo, hi) with sign*cmp(key[p], b) >= 0 (start) or > 0 (end)
  let a = lo;
  let z = hi;
  while (a < z) {
    const m = (a + z) >>> 1;
    const c = sign * compareDatums(o.type!, key[m] as Exclude<Datum, null>, b as Exclude<Datum, null>);
    if (isEnd ? c > 0 : c >= 0) z = m; else a = m + 1;
  }
  return a;
}

function boundPosition(L: WindowLayout, f: WindowFrame, b: FrameBound, o: FrameOffsets | null, j: number, isEnd: boolean, orderKey: SortKey | null): number {
  const ps = L.partStart[j]!;
  const pe = L.partEnd[j]!;
  switch (b.kind) {
    case 'unbounded_preceding': return ps;
    case 'unbounded_following': return pe;
    case 'current_row':
      if (f.mode === 'rows') return isEnd ? j + 1 : j;
      return isEnd ? L.peerEnd[j]! : L.peerStart[j]!;
    case 'preceding': case 'following': {
      const sign = b.kind === 'preceding' ? -1 : 1;
      if (f.mode === 'rows') return clamp(j + sign * o!.count + (isEnd ? 1 : 0), ps, pe);
      if (f.mode === 'groups') {
        const g = L.peerIndex[j]! + sign * o!.count;
        return isEnd ? (g < 0 ? ps : groupStart(L, j, g + 1)) : groupStart(L, j, g);
      }
      return rangeSearch(L, j, o!, orderKey!.descending, orderKey!.nullsFirst, isEnd);
    }
  }
}

/** Frame [start, end) of every sorted position (before exclusion; start may exceed end: empty). */
export function computeFrames(L: WindowLayout, f: WindowFrame, startOffsets: FrameOffsets | null, endOffsets: FrameOffsets | null, orderKey: SortKey | null): Frames {
  const start = new Int32Array(L.rows);
  const end = new Int32Array(L.rows);
  for (let j = 0; j < L.rows; j++) {
    start[j] = boundPosition(L, f, f.start, startOffsets, j, false, orderKey);
    end[j] = boundPosition(L, f, f.end, endOffsets, j, true, orderKey);
  }
  return { start, end };
}

/**
 * The rows of position j's frame after EXCLUDE, as [from, to) segments written into `out` (pairs);
 * returns the number of segments.
 */
export function frameSegments(L: WindowLayout, f: WindowFrame, frames: Frames, j: number, out: Int32Array): number {
  const s = frames.start[j]!;
  const e = frames.end[j]!;
  if (s >= e) return 0;
  let n = 0;
  const push = (a: number, b: number) => {
    const x = Math.max(a, s);
    const y = Math.min(b, e);
    if (x < y) { out[n++] = x; out[n++] = y; }
  };
  switch (f.exclude) {
    case 'no_others': push(s, e); break;
    case 'current_row': push(s, j); push(j + 1, e); break;
    case 'group': push(s, L.peerStart[j]!); push(L.peerEnd[j]!, e); break;
    case 'ties': push(s, L.peerStart[j]!); push(j, j + 1); push(L.peerEnd[j]!, e); break;
  }
  return n >> 1;
}

export function frameOffsetError(isStart: boolean, what: 'null' | 'negative'): QueryError {
  const which = isStart ? 'starting' : 'ending';
  return what === 'null'
    ? new QueryError('22004', `frame ${which} offset must not be null`)
    : new QueryError('22013', `frame ${which} offset must not be negative`);
}
