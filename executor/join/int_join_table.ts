/**
 * The integer-key join table: open addressing over typed arrays. Each row's key is a tuple of int32 words
 * (a 64-bit value is two words), distinct keys are numbered, the build rows of one key form a chain in
 * build order. Built once; its arrays can be copied into shared memory for the worker threads.
 */
import type { Vector } from '../../common/vector.js';
import type { PairBuffer } from '../operators/join_output.js';
import { keyWidth, keyWordColumns, mix } from './key_words.js';
import { directSpan, findDirect, keyRangeOf, rangeFilter, type KeyRange } from './key_range.js';
import { filteredRows, wordFilterOf, type WordFilter } from './word_filter.js';
import type { IntTableData, JoinTable } from './join_table_types.js';

function shared(a: Int32Array, n: number): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
  out.set(a.subarray(0, n));
  return out;
}

export class IntJoinTable implements JoinTable {
  readonly size: number;
  readonly hadNullKey: boolean;
  private readonly width: number;
  private readonly mask: number;
  /** slot → distinct key id + 1 (0: empty); sized by distinct keys (grown as they come); unused with a direct index */
  private readonly slots: Int32Array;
  /** distinct key id → its words (row-major, `width` each) */
  private readonly keyWords: Int32Array;
  /** distinct key id → first / last build row */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** build row → next build row with the same key (-1: end) */
  private readonly next: Int32Array;
  /** a direct index over a one-column key's range (null: hash lookups) */
  private readonly range: KeyRange | null;
  /**
   * the bitmap that rejects most probe rows without a match before they are hashed: a one-column key's range
   * bitmap, else the sparsest word of a multi-word key (null: none)
   */
  private readonly filter: WordFilter | null;

  private distinct = 0;

  constructor(keys: readonly Vector[], n: number, data?: IntTableData) {
    if (data !== undefined) {
      this.size = data.size;
      this.hadNullKey = data.hadNullKey;
      this.width = data.width;
      this.mask = data.slots.length - 1;
      this.slots = data.slots;
      this.keyWords = data.keyWords;
      this.head = data.head;
      this.tail = new Int32Array(0);
      this.next = data.next;
      this.range = data.range ?? null;
      this.filter = data.filter ?? null;
      return;
    }
    const w = keyWidth(keys)!;
    this.width = w;
    const words = rowWords(keys, n, w);
    const nulls = nullMask(keys, n);
    const span = directSpan(words, w, n, nulls);
    const built = span !== null ? buildDirect(words, w as 1 | 2, n, nulls, span) : buildHashed(words, w, n, nulls);
    this.mask = built.slots.length - 1;
    this.slots = built.slots;
    this.keyWords = built.keyWords;
    this.head = built.head;
    this.tail = built.tail;
    this.next = built.next;
    this.size = built.stored;
    this.hadNullKey = built.hadNull;
    this.distinct = built.distinct;
    const range = built.range ?? keyRangeOf(built.keyWords, w, built.distinct);
    this.range = range !== null && range.direct !== null ? range : null;
    this.filter = range !== null ? rangeFilter(range) : wordFilterOf(built.keyWords, w, built.distinct);
  }

  /** The probe-side arrays, copied once into shared memory (worker threads read them without a copy). */
  share(): IntTableData {
    const r = this.range;
    return {
      kind: 'int', size: this.size, hadNullKey: this.hadNullKey, width: this.width, slots: shared(this.slots, this.slots.length),
      keyWords: shared(this.keyWords, this.distinct * this.width), head: shared(this.head, this.distinct), next: shared(this.next, this.next.length),
      range: r === null ? null : { ...r, direct: shared(r.direct!, r.direct!.length) },
      filter: this.filter === null ? null : { ...this.filter, bits: shared(this.filter.bits, this.filter.bits.length) },
    };
  }

  /** distinct key id of each probe row (-1: no match or a NULL key) */
  private findAll(keys: readonly Vector[], n: number): Int32Array {
    // chunked probes of one batch pass the same key array: find once
    if (this.lastKeys === keys && this.lastIds !== null && this.lastIds.length === n) return this.lastIds;
    const ids = this.findFrom(keys, n, 0);
    this.lastKeys = keys;
    this.lastIds = ids;
    return ids;
  }

  private lastKeys: readonly Vector[] | null = null;
  private lastIds: Int32Array | null = null;

  private findFrom(keys: readonly Vector[], n: number, from: number): Int32Array {
    const w = this.width;
    const words = rowWords(keys, n, w);
    const nulls = nullMask(keys, n);
    const ids = new Int32Array(n).fill(-1);
    const r = this.range;
    if (r !== null && (w === 1 || w === 2)) findDirect(words, w, n, from, nulls, r, ids);
    else if (this.filter !== null) {
      // most rows without a match fail one bit test; only the others are hashed and looked up
      const c = filteredRows(words, w, n, from, nulls, this.filter);
      this.find(words, c.count, 0, null, ids, c.rows);
    } else this.find(words, n, from, nulls, ids, null);
    return ids;
  }

  /** ids of rows [from, n) (of `rows` when given) by hash lookup, through the probe loop of the key's width */
  private find(words: Int32Array, n: number, from: number, nulls: Uint8Array | null, ids: Int32Array, rows: Int32Array | null): void {
    const w = this.width;
    if (w === 1) findOneWord(words, n, from, nulls, this.slots, this.keyWords, this.mask, ids, rows);
    else if (w === 2) findTwoWords(words, n, from, nulls, this.slots, this.keyWords, this.mask, ids, rows);
    else findWords(words, w, n, from, nulls, this.slots, this.keyWords, this.mask, ids, rows);
  }

  probe(keys: readonly Vector[], n: number, out: PairBuffer): void {
    this.probeChunk(keys, n, out, 0, Infinity);
  }

  probeChunk(keys: readonly Vector[], n: number, out: PairBuffer, from: number, limit: number): number {
    if (this.size === 0) return n;
    const ids = this.findAll(keys, n);
    const head = this.head;
    const next = this.next;
    for (let i = from; i < n; i++) {
      const id = ids[i]!;
      if (id < 0) continue;
      for (let j = head[id]!; j >= 0; j = next[j]!) out.push(i, j);
      if (out.n >= limit) return i + 1;
    }
    return n;
  }

  probeExists(keys: readonly Vector[], n: number, matched: Uint8Array, nullRows: Uint8Array | null): void {
    if (nullRows !== null) {
      const nulls = nullMask(keys, n);
      if (nulls !== null) for (let i = 0; i < n; i++) if (nulls[i] === 1) nullRows[i] = 1;
    }
    if (this.size === 0) return;
    const ids = this.findAll(keys, n);
    for (let i = 0; i < n; i++) if (ids[i]! >= 0) matched[i] = 1;
  }
}

/**
 * Probe loops: the distinct key id of each row in `ids` (left -1 when absent); one loop per key width. With
 * `rows`, positions [from, n) of that list are the rows to look up.
 */
function findOneWord(words: Int32Array, n: number, from: number, nulls: Uint8Array | null, slots: Int32Array, kw: Int32Array, mask: number, ids: Int32Array, rows: Int32Array | null): void {
  for (let j = from; j < n; j++) {
    const i = rows === null ? j : rows[j]!;
    if (nulls !== null && nulls[i] === 1) continue;
    const a = words[i]!;
    let s = mix(Math.imul(0x2545f491 ^ a, 0x9e3779b1)) & mask;
    for (;;) {
      const id1 = slots[s]!;
      if (id1 === 0) break;
      if (kw[id1 - 1] === a) { ids[i] = id1 - 1; break; }
      s = (s + 1) & mask;
    }
  }
}

function findTwoWords(words: Int32Array, n: number, from: number, nulls: Uint8Array | null, slots: Int32Array, kw: Int32Array, mask: number, ids: Int32Array, rows: Int32Array | null): void {
  for (let j = from; j < n; j++) {
    const i = rows === null ? j : rows[j]!;
    if (nulls !== null && nulls[i] === 1) continue;
    const a = words[2 * i]!, b = words[2 * i + 1]!;
    let s = mix(Math.imul(Math.imul(0x2545f491 ^ a, 0x9e3779b1) ^ b, 0x9e3779b1)) & mask;
    for (;;) {
      const id1 = slots[s]!;
      if (id1 === 0) break;
      const o = (id1 - 1) * 2;
      if (kw[o] === a && kw[o + 1] === b) { ids[i] = id1 - 1; break; }
      s = (s + 1) & mask;
    }
  }
}

function findWords(words: Int32Array, w: number, n: number, from: number, nulls: Uint8Array | null, slots: Int32Array, kw: Int32Array, mask: number, ids: Int32Array, rows: Int32Array | null): void {
  for (let j = from; j < n; j++) {
    const i = rows === null ? j : rows[j]!;
    if (nulls !== null && nulls[i] === 1) continue;
    let s = hashAt(words, i, w) & mask;
    for (;;) {
      const id1 = slots[s]!;
      if (id1 === 0) break;
      if (sameWords(words, i * w, kw, (id1 - 1) * w, w)) { ids[i] = id1 - 1; break; }
      s = (s + 1) & mask;
    }
  }
}

interface Built {
  readonly slots: Int32Array;
  readonly keyWords: Int32Array;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly next: Int32Array;
  readonly stored: number;
  readonly hadNull: boolean;
  readonly distinct: number;
  /** set when built through a direct index (then `slots` is unused) */
  readonly range?: KeyRange;
}

/** Build through a direct index over the key's range: distinct keys numbered in first-seen order, no hashing. */
function buildDirect(words: Int32Array, w: 1 | 2, n: number, nulls: Uint8Array | null, span: { readonly min: number; readonly size: number }): Built {
  const direct = new Int32Array(span.size);
  const kw = new Int32Array(Math.max(1, n) * w);
  const head = new Int32Array(Math.max(1, n));
  const tail = new Int32Array(Math.max(1, n));
  const next = new Int32Array(n).fill(-1);
  const min = span.min;
  let distinct = 0, stored = 0, hadNull = false;
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) { hadNull = true; continue; }
    stored++;
    const k = words[i * w]! - min;
    const id1 = direct[k]!;
    if (id1 === 0) {
      const id = distinct++;
      direct[k] = id + 1;
      kw[id * w] = words[i * w]!;
      if (w === 2) kw[id * 2 + 1] = words[i * 2 + 1]!;
      head[id] = i;
      tail[id] = i;
    } else {
      const id = id1 - 1;
      next[tail[id]!] = i;
      tail[id] = i;
    }
  }
  return { slots: new Int32Array(1), keyWords: kw, head, tail, next, stored, hadNull, distinct, range: { min, size: span.size, direct, bits: null } };
}

/** Build the open-addressing table (load kept under 1/2). */
function buildHashed(words: Int32Array, w: number, n: number, nulls: Uint8Array | null): Built {
  let cap = 1024;
  while (cap < Math.min(n, 16384) * 2) cap *= 2;
  let mask = cap - 1;
  let slots = new Int32Array(cap);
  const kw = new Int32Array(Math.max(1, n) * w);
  const keyHash = new Int32Array(Math.max(1, n));
  const head = new Int32Array(Math.max(1, n));
  const tail = new Int32Array(Math.max(1, n));
  const next = new Int32Array(n).fill(-1);
  const hashes = hashWords(words, n, w);
  let distinct = 0;
  let stored = 0;
  let hadNull = false;
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) {
      hadNull = true;
      continue;
    }
    stored++;
    const h = hashes[i]!;
    let s = h & mask;
    const at = i * w;
    for (;;) {
      const id1 = slots[s]!;
      if (id1 === 0) {
        const id = distinct++;
        slots[s] = id + 1;
        for (let k = 0; k < w; k++) kw[id * w + k] = words[at + k]!;
        keyHash[id] = h;
        head[id] = i;
        tail[id] = i;
        if (distinct * 2 > cap) {
          // keep the load under 1/2: rehash the distinct keys into a table 4x the size
          cap *= 4;
          mask = cap - 1;
          slots = new Int32Array(cap);
          for (let d = 0; d < distinct; d++) {
            let t = keyHash[d]! & mask;
            while (slots[t] !== 0) t = (t + 1) & mask;
            slots[t] = d + 1;
          }
        }
        break;
      }
      if (keyHash[id1 - 1] === h && sameWords(words, at, kw, (id1 - 1) * w, w)) {
        const id = id1 - 1;
        next[tail[id]!] = i;
        tail[id] = i;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return { slots, keyWords: kw, head, tail, next, stored, hadNull, distinct };
}

/** The key words of rows [0, n), row-major (`w` per row). */
function rowWords(keys: readonly Vector[], n: number, w: number): Int32Array {
  const cols = keyWordColumns(keys);
  if (cols.length === 1) return cols[0]!.data.length === n * w ? cols[0]!.data : cols[0]!.data.subarray(0, n * w);
  const out = new Int32Array(n * w);
  let o = 0;
  for (const c of cols) {
    const d = c.data;
    if (c.words === 1) for (let i = 0; i < n; i++) out[i * w + o] = d[i]!;
    else for (let i = 0; i < n; i++) {
      out[i * w + o] = d[2 * i]!;
      out[i * w + o + 1] = d[2 * i + 1]!;
    }
    o += c.words;
  }
  return out;
}

function hashWords(words: Int32Array, n: number, w: number): Int32Array {
  const h = new Int32Array(n);
  for (let i = 0; i < n; i++) h[i] = hashAt(words, i, w);
  return h;
}

/** the hash of row i's `w` key words */
function hashAt(words: Int32Array, i: number, w: number): number {
  let x = 0x2545f491;
  for (let k = 0; k < w; k++) x = Math.imul(x ^ words[i * w + k]!, 0x9e3779b1);
  return mix(x);
}

function sameWords(a: Int32Array, at: number, b: Int32Array, bt: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (a[at + k] !== b[bt + k]) return false;
  return true;
}

/** 1 where some key is NULL (null: no NULLs); may be a key's own null array (read only). */
function nullMask(keys: readonly Vector[], n: number): Uint8Array | null {
  const masks = keys.flatMap((k) => (k.nulls === null ? [] : [k.nulls]));
  if (masks.length === 0) return null;
  if (masks.length === 1) return masks[0]!;
  const m = new Uint8Array(n);
  for (const x of masks) for (let i = 0; i < n; i++) m[i] |= x[i]!;
  return m;
}
