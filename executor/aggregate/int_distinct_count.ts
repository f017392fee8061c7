/**
 * count(DISTINCT x) over an integer-like x (int2/int4/int8/date/timestamps: TPC-H q16's ps_suppkey)
 * without a Map per group. While every value fits int32 and there are fewer than 2^21 groups, each
 * (group, value) pair is one exact double (group × 2^32 + value − INT32_MIN) appended to a Float64Array,
 * sorted and deduplicated when the keys pile up (at most about twice the distinct pairs are kept) and at
 * the end; a group's count is its number of distinct keys. Otherwise the pairs go into one typed-array
 * hash table (IntGroupTable keyed by group id and value) and a group's count goes up with each new pair.
 * Partial states are the packed keys or the pairs; merging re-inserts them under the mapped group ids.
 * NULL values are skipped, FILTER (WHERE …) keeps only rows where it is TRUE.
 */
import type { SqlType } from '../../common/types.js';
import { T } from '../../common/types.js';
import type { Vector, VectorData } from '../../common/vector.js';
import { getDatum } from '../../common/vector.js';
import { takeRows } from '../../common/vector_take.js';
import type { AggregateCall } from '../../planner/bind/expr/bound_expr.js';
import type { GroupedAccumulator } from '../expr/aggregates/accumulator.js';
import { IntGroupTable } from './int_group_table.js';

/** Serialized partial states: packed pair keys, or the pairs as group ids and the values' vector data. */
type DistinctState =
  | { readonly kind: 'packed'; readonly keys: Float64Array }
  | { readonly kind: 'pairs'; readonly groups: Int32Array; readonly values: VectorData };

/** pair key = group × 2^32 + (value − INT32_MIN): exact in a double while group < 2^21 */
const WORD = 4294967296;
const MAX_PACKED_GROUP = 1 << 21;
const COMPACT_MIN = 1 << 16;

/** The values of rows [0, n) as int32 (a view where possible), or null when some value does not fit. */
function int32Values(v: Vector, n: number): Int32Array | Int16Array | null {
  const d = v.data;
  if (d instanceof Int32Array || d instanceof Int16Array) return d;
  if (!(d instanceof BigInt64Array)) return null;
  const w = new Int32Array(d.buffer, d.byteOffset, d.length * 2);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const lo = w[2 * i]!;
    if (w[2 * i + 1] !== lo >> 31) return null;
    out[i] = lo;
  }
  return out;
}

/** Packed pair keys [0, n) back to group ids (through `mapping` when given) and int32 values. */
function unpackPairs(keys: Float64Array, n: number, mapping: Int32Array | null): { gids: Int32Array; values: Vector } {
  const gids = new Int32Array(n);
  const vals = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const g = Math.floor(k / WORD);
    gids[i] = mapping === null ? g : mapping[g]!;
    vals[i] = k - g * WORD - 2147483648;
  }
  return { gids, values: { type: T.int4, length: n, data: vals, nulls: null } };
}

class IntDistinctCount implements GroupedAccumulator {
  /** packed mode: pair keys appended, sorted and deduplicated when they pile up (null: wide mode) */
  private keys: Float64Array | null = new Float64Array(1024);
  private len = 0;
  /** keys [0, compacted) are sorted and distinct */
  private compacted = 0;
  /** wide mode (a value beyond int32, or 2^21 groups and more): the distinct pairs in a hash table */
  private pairs: IntGroupTable | null = null;
  /** wide mode: distinct values per group so far */
  private counts = new Float64Array(16);
  private groups = 0;

  constructor(private readonly argType: SqlType) {}

  resize(n: number): void {
    if (n > this.counts.length) {
      const c = new Float64Array(Math.max(n, this.counts.length * 2));
      c.set(this.counts);
      this.counts = c;
    }
    if (n > this.groups) this.groups = n;
  }

  /** Sort and deduplicate the packed keys. */
  private compact(): void {
    const keys = this.keys!;
    if (this.compacted === this.len) return;
    const a = keys.subarray(0, this.len).sort();
    let m = 0;
    for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) keys[m++] = a[i]!;
    this.len = this.compacted = m;
  }

  /** Leave packed mode: every packed pair goes into the hash table. */
  private widen(): void {
    this.compact();
    const keys = this.keys!;
    this.keys = null;
    this.pairs = new IntGroupTable([T.int4, this.argType]);
    const n = this.len;
    const { gids, values } = unpackPairs(keys, n, null);
    this.insertWide(gids, values, n);
    this.len = this.compacted = 0;
  }

  /** Insert pairs (gids[i], values row i) for i < n into the hash table; count the new ones. */
  private insertWide(gids: Int32Array, values: Vector, n: number): void {
    if (n === 0) return;
    const table = this.pairs!;
    const before = table.size;
    let vs = values;
    if (values.data instanceof Int32Array && this.argType.kind !== 'int4' && this.argType.kind !== 'date') {
      // unpacked int32 values back to the argument's own vector form
      const d = values.data as Int32Array;
      const kind = this.argType.kind;
      if (kind === 'int2') vs = { type: this.argType, length: n, data: Int16Array.from(d), nulls: null };
      else {
        const b = new BigInt64Array(n);
        for (let i = 0; i < n; i++) b[i] = BigInt(d[i]!);
        vs = { type: this.argType, length: n, data: b, nulls: null };
      }
    }
    const ids = table.assign([{ type: T.int4, length: n, data: gids, nulls: null }, vs], n);
    // new pairs get ids before, before + 1, … in the order of their first row
    let next = before;
    const counts = this.counts;
    for (let i = 0; i < n; i++) {
      if (ids[i] === next) {
        counts[gids[i]!]!++;
        next++;
      }
    }
  }

  /** Insert pairs (gids[i], values row i) for i < n. */
  private insert(gids: Int32Array, values: Vector, n: number): void {
    if (n === 0) return;
    if (this.keys !== null) {
      const ints = this.groups < MAX_PACKED_GROUP ? int32Values(values, n) : null;
      if (ints === null) this.widen();
      else {
        if (this.len + n > this.keys.length) {
          if (this.len > COMPACT_MIN && this.len > 2 * this.compacted) this.compact();
          if (this.len + n > this.keys.length) {
            const k = new Float64Array(Math.max(this.len + n, this.keys.length * 2));
            k.set(this.keys.subarray(0, this.len));
            this.keys = k;
          }
        }
        const keys = this.keys;
        let at = this.len;
        for (let i = 0; i < n; i++) keys[at++] = gids[i]! * WORD + (ints[i]! + 2147483648);
        this.len = at;
        return;
      }
    }
    this.insertWide(gids, values, n);
  }

  update(groupIds: Int32Array, rows: number, args: readonly Vector[], filter: Vector | null): void {
    const v = args[0]!;
    const nulls = v.nulls;
    if (nulls === null && filter === null) {
      this.insert(groupIds.length === rows ? groupIds : groupIds.subarray(0, rows), v, rows);
      return;
    }
    const sel = new Int32Array(rows);
    let n = 0;
    for (let r = 0; r < rows; r++) {
      if (nulls !== null && nulls[r] === 1) continue;
      if (filter !== null && getDatum(filter, r) !== true) continue;
      sel[n++] = r;
    }
    const gids = new Int32Array(n);
    for (let i = 0; i < n; i++) gids[i] = groupIds[sel[i]!]!;
    this.insert(gids, takeRows(v, sel, n), n);
  }

  serialize(): unknown {
    if (this.keys !== null) {
      this.compact();
      const state: DistinctState = { kind: 'packed', keys: this.keys.slice(0, this.len) };
      return state;
    }
    const [g, v] = this.pairs!.keyVectors();
    const state: DistinctState = { kind: 'pairs', groups: g!.data as Int32Array, values: v!.data };
    return state;
  }

  merge(serialized: unknown, mapping: Int32Array): void {
    const p = serialized as DistinctState;
    switch (p.kind) {
      case 'packed': {
        const n = p.keys.length;
        const { gids, values } = unpackPairs(p.keys, n, mapping);
        this.insert(gids, values, n);
        return;
      }
      case 'pairs': {
        const n = p.groups.length;
        const gids = new Int32Array(n);
        for (let i = 0; i < n; i++) gids[i] = mapping[p.groups[i]!]!;
        this.insert(gids, { type: this.argType, length: n, data: p.values, nulls: null }, n);
        return;
      }
    }
  }

  finalize(): Vector {
    const n = this.groups;
    if (this.keys !== null) {
      this.compact();
      const counts = this.counts.fill(0);
      const keys = this.keys;
      for (let i = 0; i < this.len; i++) counts[Math.floor(keys[i]! / WORD)]!++;
    }
    const out = new BigInt64Array(n);
    for (let g = 0; g < n; g++) out[g] = BigInt(this.counts[g]!);
    return { type: T.int8, length: n, data: out, nulls: null };
  }
}

/** The typed accumulator for count(DISTINCT integer-like x), or null when `call` is anything else. */
export function createIntDistinctCount(call: AggregateCall, argType: SqlType | null): GroupedAccumulator | null {
  if (call.fn !== 'count' || !call.distinct || call.args.length !== 1 || argType === null || call.type.kind !== 'int8') return null;
  if ((call.order?.length ?? 0) > 0 || call.withinGroup === true) return null;
  if (!IntGroupTable.supports([T.int4, argType])) return null;
  return new IntDistinctCount(argType);
}
