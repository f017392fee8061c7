/**
 * Final aggregation of partial states whose groups (nearly) cannot meet, without a group table: when some
 * integer-like key column (no NULLs) holds pairwise disjoint [min, max] ranges across the partials, no key
 * tuple appears in two partials — the customer files' c_custkey ranges under GROUP BY c_custkey, c_name, …
 * (TPC-H q10). With a single key column, ranges may also touch at one value (lineitem is sorted by
 * l_orderkey and an order may span two row groups: GROUP BY l_orderkey, q18); such a shared value is one group.
 *
 * Every partial group's final id is then known without hashing — the next id, or for a shared value the id
 * of its first occurrence — so the accumulators are sized once and merge each partial through that mapping,
 * and the key vectors are the partials' own, concatenated. Ids, and so the output, are those of the merge
 * through a group table: first-seen order over the partials in arrival order.
 */
import type { SqlType } from '../../common/types.js';
import { concatVectors, sliceVector, type Batch, type Vector } from '../../common/vector.js';
import type { AggregateCall } from '../../planner/bind/expr/bound_expr.js';
import { createAccumulator } from '../expr/aggregates/accumulator.js';
import { typeWords } from '../join/key_words.js';
import type { PartialAggregateResult } from '../scan/aggregate_state.js';
import { packedSum } from './disjoint_packed_sum.js';

type Key = number | bigint;

interface Range {
  readonly lo: Key;
  readonly hi: Key;
}

/** The integer key values of a vector without NULLs (null: it does not qualify). */
function keyData(v: Vector, rows: number): Int32Array | Int16Array | BigInt64Array | null {
  if (typeWords(v.type) === null || rows === 0) return null;
  const nulls = v.nulls;
  if (nulls !== null) for (let i = 0; i < rows; i++) if (nulls[i] === 1) return null;
  const d = v.data;
  return d instanceof Int32Array || d instanceof Int16Array || d instanceof BigInt64Array ? d : null;
}

/** The least and greatest value of an integer-like key vector without NULLs (null: it does not qualify). */
export function keyRange(v: Vector, rows: number): Range | null {
  const d = keyData(v, rows);
  if (d === null) return null;
  const a = d as ArrayLike<Key>;
  let lo = a[0]!, hi = lo;
  for (let i = 1; i < rows; i++) {
    const x = a[i]!;
    if (x < lo) lo = x;
    else if (x > hi) hi = x;
  }
  return { lo, hi };
}

/**
 * The one value two ranges share when they meet at an end of each (so a shared value is always an end of
 * its partials' ranges); null when apart; undefined when they overlap otherwise.
 */
export function touchPoint(a: Range, b: Range): Key | null | undefined {
  if (a.hi < b.lo || b.hi < a.lo) return null;
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  if (lo !== hi) return undefined;
  return (lo === a.lo || lo === a.hi) && (lo === b.lo || lo === b.hi) ? lo : undefined;
}

interface Dup {
  /** the partial's row */
  readonly row: number;
  /** the group it repeats */
  readonly id: number;
}

/** A held partial in the final groups: its groups get ids from `base` on, but for its `dups` (by row). */
export interface Placed {
  readonly part: PartialAggregateResult;
  readonly base: number;
  readonly dups: readonly Dup[];
}

interface Candidate {
  readonly col: number;
  readonly ranges: Range[];
  /** key values two held partials share (single key column only) */
  readonly shared: Set<Key>;
}

/**
 * The partials seen so far, held while their groups stay apart through some integer-like key column (the
 * candidates). Memory: the held partials' groups, about the distinct groups the merged table would hold.
 */
export class DisjointPartials {
  private held: PartialAggregateResult[] = [];
  private candidates: Candidate[] = [];
  /** groups of the held partials */
  groups = 0;

  constructor(private readonly keyTypes: readonly SqlType[]) {
    keyTypes.forEach((t, col) => {
      if (typeWords(t) !== null) this.candidates.push({ col, ranges: [], shared: new Set() });
    });
  }

  /** Whether partials may still be held (some candidate column left). */
  get active(): boolean {
    return this.candidates.length > 0;
  }

  /**
   * Hold `p` when some candidate column keeps it apart from every held partial (an empty partial is
   * dropped: it adds no group); false when none does — the caller then merges `take()` and `p`, in order.
   */
  add(p: PartialAggregateResult): boolean {
    if (p.groups === 0) return this.active;
    const single = this.keyTypes.length === 1;
    this.candidates = this.candidates.filter((c) => {
      const r = keyRange(p.keys.columns[c.col]!, p.groups);
      if (r === null) return false;
      const points: Key[] = [];
      for (const x of c.ranges) {
        const t = touchPoint(x, r);
        if (t === null) continue;
        if (t === undefined || !single) return false;
        points.push(t);
      }
      for (const t of points) c.shared.add(t);
      c.ranges.push(r);
      return true;
    });
    if (this.candidates.length === 0) return false;
    this.held.push(p);
    this.groups += p.groups;
    return true;
  }

  /** The held partials in arrival order (no longer held). */
  take(): PartialAggregateResult[] {
    const h = this.held;
    this.held = [];
    this.groups = 0;
    return h;
  }

  /** The final rows of the held partials (keys, then each aggregate's value); null when none is held. */
  finish(aggregates: readonly AggregateCall[]): Batch | null {
    const c = this.candidates[0];
    const parts = this.take();
    if (c === undefined || parts.length === 0) return null;
    const placed = place(parts, c);
    const total = placed.reduce((n, p) => n + p.part.groups - p.dups.length, 0);
    const values = aggregates.map((a, j) => {
      const fast = packedSum(a, j, placed, total);
      if (fast !== null) return fast;
      const acc = createAccumulator(a, a.args.map((x) => x.type));
      acc.resize(total);
      for (const p of placed) acc.merge(p.part.states[j], mappingOf(p));
      return acc.finalize();
    });
    const keys = this.keyTypes.map((t, col) => {
      const pieces = placed.flatMap((p) => keptPieces(p, exact(p.part.keys.columns[col]!, p.part.groups)));
      return pieces.length === 1 ? pieces[0]! : concatVectors(t, pieces);
    });
    return { length: total, columns: [...keys, ...values] };
  }
}

/** The row of a partial's key vector holding `x` (its keys are unique): the ends first (sorted keys). */
function rowOf(d: Int32Array | Int16Array | BigInt64Array, n: number, x: Key): number {
  if (d[0] === x) return 0;
  if (d[n - 1] === x) return n - 1;
  for (let i = 1; i < n - 1; i++) if (d[i] === x) return i;
  throw new Error('disjoint partials: a range end is missing from its keys');
}

/** Each partial's first id and its rows (at most two: its range ends) that repeat an earlier partial's group. */
function place(parts: readonly PartialAggregateResult[], c: Candidate): Placed[] {
  const firstId = new Map<Key, number>();
  const out: Placed[] = [];
  let base = 0;
  parts.forEach((part, k) => {
    const r = c.ranges[k]!;
    const n = part.groups;
    const ends: { row: number; x: Key }[] = [];
    if (c.shared.size > 0) {
      const d = keyData(part.keys.columns[c.col]!, n)!;
      for (const x of r.lo === r.hi ? [r.lo] : [r.lo, r.hi]) if (c.shared.has(x)) ends.push({ row: rowOf(d, n, x), x });
      ends.sort((a, b) => a.row - b.row);
    }
    const dups: Dup[] = [];
    for (const e of ends) {
      const g = firstId.get(e.x);
      if (g !== undefined) dups.push({ row: e.row, id: g });
      else firstId.set(e.x, base + e.row - dups.length);
    }
    out.push({ part, base, dups });
    base += n - dups.length;
  });
  return out;
}

/** partial group → final id */
function mappingOf(p: Placed): Int32Array {
  const n = p.part.groups;
  const map = new Int32Array(n);
  let next = p.base, d = 0;
  for (let i = 0; i < n; i++) {
    if (d < p.dups.length && p.dups[d]!.row === i) map[i] = p.dups[d++]!.id;
    else map[i] = next++;
  }
  return map;
}

/** The rows of `v` (a partial's column) that start groups, as views: all of it without repeats. */
function keptPieces(p: Placed, v: Vector): Vector[] {
  if (p.dups.length === 0) return [v];
  const out: Vector[] = [];
  let from = 0;
  for (const d of [...p.dups.map((x) => x.row), p.part.groups]) {
    if (d > from) out.push(segment(v, from, d));
    from = d + 1;
  }
  return out;
}

/** Rows [s, e) of an integer key vector without NULLs, sharing its buffer. */
function segment(v: Vector, s: number, e: number): Vector {
  const d = v.data as Int32Array | Int16Array | BigInt64Array;
  return { type: v.type, length: e - s, data: d.subarray(s, e), nulls: null };
}

/** The vector cut to exactly `rows` rows (typed buffers may be longer). */
function exact(v: Vector, rows: number): Vector {
  const d = v.data as unknown as { length?: number };
  const long = (ArrayBuffer.isView(v.data) && d.length !== rows) || (v.nulls !== null && v.nulls.length !== rows) || v.length !== rows;
  return long ? sliceVector(v, 0, rows) : v;
}
