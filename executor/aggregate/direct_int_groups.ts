/**
 * Group ids of one integer key column over a dense range of values (TPC-H o_custkey in 1..150000,
 * dictionary codes): an Int32Array indexed by key − base holds group id + 1, so a row costs one array
 * read instead of a hash probe into a table far bigger than the caches. Used by IntGroupTable for a
 * batch of one key column without NULLs whose values fit int32 and whose range (with every range seen
 * before) stays dense enough; the first batch that does not fit turns the direct map off for good and
 * the hash table takes over (it catches up on the groups appended meanwhile).
 */
import type { Vector } from '../../common/vector.js';

/** The groups of the owning table, as the direct map sees them. */
export interface DirectGroupOwner {
  /** number of groups */
  groups(): number;
  /** the key of group g as int32, or null when it does not fit (NULL, or an int8 outside int32) */
  keyOf(g: number): number | null;
  /** append a group with key `k` (int32); returns its id */
  addGroup(k: number): number;
}

/** A range this small is always dense enough. */
const SMALL_SPAN = 1 << 16;
/** Never more entries than this (16 MB). */
const MAX_SPAN = 1 << 22;

export class DirectIntGroups {
  private map: Int32Array | null = null;
  private base = 0;
  /** groups [0, synced) of the owner are in the map */
  private synced = 0;
  disabled = false;
  /** least and greatest key of the last batch assigned (and of groups synced with it) */
  batchLo = 0;
  batchHi = 0;

  /** The int32 view of a key column's values (2 words per value for int8), or null. */
  private static view(v: Vector): { readonly d: Int32Array | Int16Array; readonly wide: boolean } | null {
    const d = v.data;
    if (d instanceof Int32Array || d instanceof Int16Array) return { d, wide: false };
    if (d instanceof BigInt64Array) return { d: new Int32Array(d.buffer, d.byteOffset, d.length * 2), wide: true };
    return null;
  }

  private disable(): false {
    this.disabled = true;
    this.map = null;
    return false;
  }

  /** Make the map cover [lo, hi]; false (and off) when the range gets too wide for `groups`. */
  private cover(lo: number, hi: number, groups: number): boolean {
    const map = this.map;
    const curLo = map === null ? lo : Math.min(lo, this.base);
    const curHi = map === null ? hi : Math.max(hi, this.base + map.length - 1);
    const span = curHi - curLo + 1;
    if (span > MAX_SPAN || (span > SMALL_SPAN && span > 4 * groups)) return this.disable();
    if (map !== null && curLo === this.base && span <= map.length) return true;
    // room for growth on the side that grew (at most double), within MAX_SPAN
    const len = Math.min(MAX_SPAN, map === null ? span : Math.max(span, Math.min(2 * map.length, span + map.length)));
    const base = map !== null && curLo < this.base ? curHi - len + 1 : curLo;
    const next = new Int32Array(len);
    if (map !== null) next.set(map, this.base - base);
    this.map = next;
    this.base = base;
    return true;
  }

  /**
   * Group ids of `rows` rows of key column `v` into `out`; false (nothing assigned) when the batch does
   * not fit — then the direct map is off and the caller hashes.
   */
  assign(v: Vector, rows: number, out: Int32Array, owner: DirectGroupOwner): boolean {
    if (this.disabled) return false;
    const view = DirectIntGroups.view(v);
    if (view === null) return this.disable();
    const nulls = v.nulls;
    if (nulls !== null) for (let i = 0; i < rows; i++) if (nulls[i] === 1) return this.disable();
    const d = view.d;
    let lo = 2147483647, hi = -2147483648;
    if (view.wide) {
      for (let i = 0; i < rows; i++) {
        const x = d[2 * i]!;
        if (d[2 * i + 1] !== x >> 31) return this.disable();
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const x = d[i]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    // groups the owner added another way (sorted runs, hashing before the map existed)
    for (let g = this.synced; g < owner.groups(); g++) {
      const k = owner.keyOf(g);
      if (k === null) return this.disable();
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    if (!this.cover(lo, hi, owner.groups() + rows)) return false;
    this.batchLo = lo;
    this.batchHi = hi;
    const map = this.map!;
    const base = this.base;
    for (let g = this.synced; g < owner.groups(); g++) map[owner.keyOf(g)! - base] = g + 1;
    const step = view.wide ? 2 : 1;
    for (let i = 0, j = 0; i < rows; i++, j += step) {
      const x = d[j]!;
      const at = x - base;
      let g = map[at]!;
      if (g === 0) {
        g = owner.addGroup(x) + 1;
        map[at] = g;
      }
      out[i] = g - 1;
    }
    this.synced = owner.groups();
    return true;
  }
}
