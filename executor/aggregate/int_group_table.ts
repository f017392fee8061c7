/**
 * Group ids for integer-like keys (int2/int4/date one int32 word, int8/timestamp/timestamptz two) by open
 * addressing over typed arrays: no per-row JS key, no Map. Each key tuple is its words plus one word of NULL
 * bits (a NULL column's words are 0), so NULLs group together and apart from every value. Ids are dense in
 * first-seen order, like the Map-based table.
 *
 * Clustered data (a table sorted by its key, like TPC-H lineitem by l_orderkey): a batch of one key column
 * without NULLs, in non-decreasing order and wholly below or above every key seen so far, holds only new
 * groups, one per run of equal keys — they are appended without touching the hash slots (partial states of
 * such files merge with no lookups). The slots catch up when a later batch needs lookups.
 */
import type { SqlType } from '../../common/types.js';
import type { Vector } from '../../common/vector.js';
import { mix, typeWords } from '../join/key_words.js';
import { DirectIntGroups, type DirectGroupOwner } from './direct_int_groups.js';

function hashAt(a: Int32Array, at: number, w: number): number {
  let x = 0x2545f491;
  for (let k = 0; k < w; k++) x = Math.imul(x ^ a[at + k]!, 0x9e3779b1);
  return mix(x);
}

/** The int32 words of one key column (a view where possible). */
function columnWords(v: Vector, words: 1 | 2): Int32Array {
  const d = v.data;
  if (words === 1) {
    if (d instanceof Int32Array) return d;
    return Int32Array.from(d as ArrayLike<number>);
  }
  const b = d instanceof BigInt64Array ? d : BigInt64Array.from(d as unknown as ArrayLike<bigint>);
  return new Int32Array(b.buffer, b.byteOffset, b.length * 2);
}

export class IntGroupTable {
  size = 0;
  private readonly words: (1 | 2)[];
  /** words per key tuple: the columns' words, then the NULL bits */
  private readonly width: number;
  /** ints per slot: group id + 1 (0: empty), then the key's words (one cache line per probe) */
  private readonly stride: number;
  private mask = 1023;
  private slots: Int32Array;
  /** group id → its words (`width` each), for keyVectors */
  private keyWords = new Int32Array(1024);
  /** groups [0, hashed) are in the slots; the rest were appended as sorted runs */
  private hashed = 0;
  /** least and greatest non-NULL key so far (one key column only) */
  private lo: number | bigint | null = null;
  private hi: number | bigint | null = null;
  /** the group of key `hi` when known (-1: unknown), so a sorted batch may start at `hi` */
  private hiGroup = -1;
  /** one key column over a dense range: group ids by direct indexing (direct_int_groups.ts) */
  private readonly direct = new DirectIntGroups();
  private readonly directOwner: DirectGroupOwner = {
    groups: () => this.size,
    keyOf: (g) => {
      const w = this.width, kw = this.keyWords;
      if (kw[g * w + w - 1] !== 0) return null;
      const x = kw[g * w]!;
      return w === 2 || kw[g * w + 1] === x >> 31 ? x : null;
    },
    addGroup: (k) => {
      const g = this.size++;
      const w = this.width;
      if ((g + 1) * w > this.keyWords.length) this.growGroups();
      const kw = this.keyWords;
      kw[g * w] = k;
      if (w === 3) kw[g * w + 1] = k >> 31;
      kw[g * w + w - 1] = 0;
      return g;
    },
  };

  constructor(readonly keyTypes: readonly SqlType[]) {
    this.words = keyTypes.map((t) => typeWords(t)!);
    this.width = this.words.reduce((a, b) => a + b, 0) + 1;
    this.stride = this.width + 1;
    this.slots = new Int32Array(1024 * this.stride);
  }

  /** Whether keys of these types fit this table. */
  static supports(types: readonly SqlType[]): boolean {
    return types.length > 0 && types.length <= 30 && types.every((t) => typeWords(t) !== null);
  }

  private growGroups(): void {
    const kw = new Int32Array(this.keyWords.length * 2);
    kw.set(this.keyWords);
    this.keyWords = kw;
  }

  /** Rebuild the slots with room for every group (at least 4× the current capacity). */
  private rehash(): void {
    let cap = (this.mask + 1) * 4;
    while (this.size * 2 > cap) cap *= 2;
    const st = this.stride, w = this.width;
    const slots = new Int32Array(cap * st);
    const mask = cap - 1;
    const kw = this.keyWords;
    for (let g = 0; g < this.size; g++) {
      let s = hashAt(kw, g * w, w) & mask;
      while (slots[s * st] !== 0) s = (s + 1) & mask;
      slots[s * st] = g + 1;
      for (let k = 0; k < w; k++) slots[s * st + 1 + k] = kw[g * w + k]!;
    }
    this.slots = slots;
    this.mask = mask;
    this.hashed = this.size;
  }

  /** Put appended groups into the slots. */
  private catchUp(): void {
    if (this.hashed === this.size) return;
    if (this.size * 2 > this.mask + 1) {
      this.rehash();
      return;
    }
    const st = this.stride, w = this.width, mask = this.mask, slots = this.slots, kw = this.keyWords;
    for (let g = this.hashed; g < this.size; g++) {
      let s = hashAt(kw, g * w, w) & mask;
      while (slots[s * st] !== 0) s = (s + 1) & mask;
      slots[s * st] = g + 1;
      for (let k = 0; k < w; k++) slots[s * st + 1 + k] = kw[g * w + k]!;
    }
    this.hashed = this.size;
  }

  /** The sorted-run path (see the header); false when the batch does not qualify. */
  private tryAppend(keys: readonly Vector[], rows: number, out: Int32Array): boolean {
    if (keys.length !== 1) return false;
    const v = keys[0]!;
    const d = v.data;
    if (!(d instanceof Int32Array || d instanceof BigInt64Array || d instanceof Int16Array)) return false;
    const nulls = v.nulls;
    if (nulls !== null) for (let i = 0; i < rows; i++) if (nulls[i] === 1) return false;
    for (let i = 1; i < rows; i++) if (d[i]! < d[i - 1]!) return false;
    const first = d[0]!;
    const last = d[rows - 1]!;
    // the batch may start with the greatest key so far (a key spanning two files) when its group is known
    const touching = this.size > 0 && this.hiGroup >= 0 && first === this.hi;
    if (this.size > 0 && !touching && !(this.lo !== null && this.hi !== null && (first > this.hi || last < this.lo))) return false;
    const cw = this.words[0]!;
    const src = columnWords(v, cw);
    const w = this.width;
    let g = touching ? this.hiGroup : -1;
    for (let i = 0; i < rows; i++) {
      if ((i === 0 && !touching) || (i > 0 && d[i] !== d[i - 1])) {
        g = this.size++;
        if ((g + 1) * w > this.keyWords.length) this.growGroups();
        const kw = this.keyWords;
        kw[g * w] = src[cw * i]!;
        if (cw === 2) kw[g * w + 1] = src[2 * i + 1]!;
        kw[g * w + w - 1] = 0;
      }
      out[i] = g;
    }
    if (this.lo === null || first < this.lo) this.lo = first;
    if (this.hi === null || last >= this.hi) {
      this.hi = last;
      this.hiGroup = g;
    }
    return true;
  }

  /** Widen lo / hi by a batch's least and greatest key (int32 values; one key column). */
  private widen(lo: number, hi: number): void {
    const wide = this.words[0] === 2;
    const l = wide ? BigInt(lo) : lo, h = wide ? BigInt(hi) : hi;
    if (this.lo === null || l < this.lo) this.lo = l;
    if (this.hi === null || h > this.hi) {
      this.hi = h;
      this.hiGroup = -1;
    }
  }

  /** Widen lo / hi by the non-NULL keys of a batch taken the general way. */
  private track(keys: readonly Vector[], rows: number): void {
    if (keys.length !== 1) return;
    const v = keys[0]!;
    const d = v.data as ArrayLike<number | bigint>;
    const nulls = v.nulls;
    let lo = this.lo, hi = this.hi;
    for (let i = 0; i < rows; i++) {
      if (nulls !== null && nulls[i] === 1) continue;
      const x = d[i]!;
      if (lo === null || x < lo) lo = x;
      if (hi === null || x > hi) hi = x;
    }
    this.lo = lo;
    if (hi !== this.hi) this.hiGroup = -1;
    this.hi = hi;
  }

  assign(keys: readonly Vector[], rows: number): Int32Array {
    const out = new Int32Array(rows);
    if (rows === 0) return out;
    if (this.tryAppend(keys, rows, out)) return out;
    if (keys.length === 1 && !this.direct.disabled && this.direct.assign(keys[0]!, rows, out, this.directOwner)) {
      this.widen(this.direct.batchLo, this.direct.batchHi);
      return out;
    }
    this.catchUp();
    this.track(keys, rows);
    const w = this.width;
    const st = this.stride;
    const nk = keys.length;
    // row-major words of every row (last word: NULL bits)
    const rw = new Int32Array(rows * w);
    let o = 0;
    for (let c = 0; c < nk; c++) {
      const v = keys[c]!;
      const cw = this.words[c]!;
      const src = columnWords(v, cw);
      const nulls = v.nulls;
      if (cw === 1) for (let i = 0; i < rows; i++) rw[i * w + o] = src[i]!;
      else for (let i = 0; i < rows; i++) {
        rw[i * w + o] = src[2 * i]!;
        rw[i * w + o + 1] = src[2 * i + 1]!;
      }
      if (nulls !== null) {
        const bit = 1 << c;
        for (let i = 0; i < rows; i++) {
          if (nulls[i] !== 1) continue;
          for (let k = 0; k < cw; k++) rw[i * w + o + k] = 0;
          rw[i * w + w - 1] |= bit;
        }
      }
      o += cw;
    }
    let slots = this.slots;
    let mask = this.mask;
    let kw = this.keyWords;
    for (let i = 0; i < rows; i++) {
      const at = i * w;
      let s = hashAt(rw, at, w) & mask;
      for (;;) {
        const b = s * st;
        const id1 = slots[b]!;
        if (id1 === 0) {
          const g = this.size++;
          if ((g + 1) * w > kw.length) {
            this.growGroups();
            kw = this.keyWords;
          }
          for (let k = 0; k < w; k++) {
            const x = rw[at + k]!;
            kw[g * w + k] = x;
            slots[b + 1 + k] = x;
          }
          slots[b] = g + 1;
          this.hashed = this.size;
          out[i] = g;
          if (this.size * 2 > mask + 1) {
            this.rehash();
            slots = this.slots;
            mask = this.mask;
          }
          break;
        }
        let same = true;
        for (let k = 0; k < w; k++) if (slots[b + 1 + k] !== rw[at + k]) { same = false; break; }
        if (same) {
          out[i] = id1 - 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
    return out;
  }

  keyVectors(): Vector[] {
    const n = this.size;
    const w = this.width;
    const kw = this.keyWords;
    let o = 0;
    return this.keyTypes.map((type, c) => {
      const cw = this.words[c]!;
      const bit = 1 << c;
      let nulls: Uint8Array | null = null;
      for (let g = 0; g < n; g++) {
        if ((kw[g * w + w - 1]! & bit) === 0) continue;
        nulls ??= new Uint8Array(n);
        nulls[g] = 1;
      }
      let data: Int16Array | Int32Array | BigInt64Array;
      if (cw === 2) {
        const words = new Int32Array(n * 2);
        for (let g = 0; g < n; g++) {
          words[2 * g] = kw[g * w + o]!;
          words[2 * g + 1] = kw[g * w + o + 1]!;
        }
        data = new BigInt64Array(words.buffer);
      } else {
        data = type.kind === 'int2' ? new Int16Array(n) : new Int32Array(n);
        for (let g = 0; g < n; g++) data[g] = kw[g * w + o]!;
      }
      o += cw;
      return { type, length: n, data, nulls };
    });
  }
}
