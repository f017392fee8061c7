/**
 * Group ids for keys with at least one column that is not integer-like — text above all: GROUP BY
 * l_returnflag, l_linestatus (TPC-H q01), l_shipmode (q12), p_brand, p_type, p_size (q16), n_name, o_year
 * (q09). Each such column goes through its own dictionary (a dense int code per distinct value, 0 for NULL:
 * TextDictionary for text-like columns, ValueDictionary for the rest); the codes, with the integer-like
 * columns as they are, are then grouped without any per-row JS key:
 *
 * - `direct`: coded columns only and every code below a fixed bound per column — the codes packed into one
 *   int index a flat array of group ids (q01: 2 bits + 2 bits of a 16K-entry array);
 * - `hashed`: otherwise — the codes and the integer columns through an IntGroupTable;
 * - `anchored`: integer columns whose coded columns are (nearly) one value per group — a key and its
 *   attributes, GROUP BY c_custkey, c_name, c_acctbal (q10): an AnchoredGroupTable compares the attributes
 *   with the group found by the integers, cheaper than a dictionary lookup per row. Decided once, when the
 *   table first reaches ANCHOR_CHECK groups.
 *
 * A table starts `direct` when it may, and moves to `hashed` the first time a code outgrows the bound: the
 * groups so far are fed to the next table in id order, which gives them the same ids. Ids are dense in
 * first-seen order and groups are exactly those of the Map-based table: strings equal when equal (bpchar
 * as stored), other values when their hash keys are equal, NULL its own group.
 */
import type { SqlType } from '../../common/types.js';
import { T } from '../../common/types.js';
import { sliceVector, type Vector } from '../../common/vector.js';
import { takeRows } from '../../common/vector_take.js';
import { typeWords } from '../join/key_words.js';
import { AnchoredGroupTable } from './anchored_group_table.js';
import { IntGroupTable } from './int_group_table.js';
import { TextDictionary } from './text_dictionary.js';
import { localCodes, type LocalCodes } from './text_local_codes.js';
import { ValueDictionary } from './value_dictionary.js';

/** log2 of the direct array's entries (16K group slots, 64 KB) */
const DIRECT_BITS = 14;
/** most combinations of local codes (text_local_codes.ts) the direct mode looks up through one table per batch */
const LOCAL_COMBOS = 4096;
/** groups at which a table with integer columns checks whether the coded columns follow the integers */
const ANCHOR_CHECK = 4096;
/** groups of a first batch's prefix enough to decide on anchoring there */
const ANCHOR_PREFIX_GROUPS = 1024;

/** Whether grouping compares values of this type as plain strings. */
export function isTextKey(type: SqlType): boolean {
  switch (type.kind) {
    case 'text': case 'varchar': case 'bpchar': case 'unknown': return true;
    default: return false;
  }
}

type Mode =
  | {
      readonly kind: 'direct';
      /** bits per coded column: column j's code sits at bit j × bits */
      readonly bits: number;
      /** packed codes → group id + 1 (0: no group yet) */
      readonly slots: Int32Array;
    }
  | { readonly kind: 'hashed'; readonly table: IntGroupTable }
  | { readonly kind: 'anchored'; readonly table: AnchoredGroupTable };

export class CodedGroupTable {
  size = 0;
  /** per key column: its dictionary (null: an integer-like column, grouped as it is) */
  private readonly dicts: (TextDictionary | ValueDictionary | null)[];
  private mode: Mode;
  /** direct mode: group id → its packed codes */
  private packed = new Int32Array(256);
  /** whether the anchored check is still to come (integer-like and coded columns both present) */
  private anchorPending: boolean;
  /** per key column: a reused buffer for one batch's codes (they live only during one assign) */
  private readonly scratch: Int32Array[];

  constructor(readonly keyTypes: readonly SqlType[]) {
    this.dicts = keyTypes.map((t) => (isTextKey(t) ? new TextDictionary() : typeWords(t) !== null ? null : new ValueDictionary()));
    const coded = this.dicts.filter((d) => d !== null).length;
    const bits = Math.floor(DIRECT_BITS / coded);
    this.anchorPending = coded < keyTypes.length;
    this.scratch = keyTypes.map(() => new Int32Array(0));
    this.mode = coded === keyTypes.length && bits >= 2
      ? { kind: 'direct', bits, slots: new Int32Array(1 << (bits * coded)) }
      : { kind: 'hashed', table: this.codeTable() };
  }

  /** Some column not integer-like (integer-like keys only: IntGroupTable), at most 30 columns. */
  static supports(types: readonly SqlType[]): boolean {
    return types.length > 0 && types.length <= 30 && types.some((t) => typeWords(t) === null);
  }

  /** The IntGroupTable of hashed mode: coded columns as their int4 codes. */
  private codeTable(): IntGroupTable {
    return new IntGroupTable(this.keyTypes.map((t, c) => (this.dicts[c] !== null ? T.int4 : t)));
  }

  /** Leave direct mode: the groups so far go to an IntGroupTable in id order (keeping their ids). */
  private toHashed(bits: number): void {
    const table = this.codeTable();
    const n = this.size;
    if (n > 0) {
      const mask = (1 << bits) - 1;
      const cols = this.dicts.map((_, j): Vector => {
        const codes = new Int32Array(n);
        for (let g = 0; g < n; g++) codes[g] = (this.packed[g]! >>> (j * bits)) & mask;
        return { type: T.int4, length: n, data: codes, nulls: null };
      });
      table.assign(cols, n);
    }
    this.mode = { kind: 'hashed', table };
  }

  /** Whether some coded column has about one value per group (then anchoring on the integers wins). */
  private codedFollowInts(): boolean {
    return this.dicts.some((d) => d !== null && d.size * 2 > this.size);
  }

  /** Move to an AnchoredGroupTable: the groups so far, in id order, get the same ids there. */
  private toAnchored(): void {
    const table = new AnchoredGroupTable(this.keyTypes);
    if (this.size > 0) table.assign(this.keyVectors(), this.size);
    this.mode = { kind: 'anchored', table };
  }

  /**
   * Group id of each of `rows` rows; with `sel`, of rows sel[0..rows) of `keys` (out[j]: the group of row
   * sel[j]) — the same groups and ids as assigning those rows copied out.
   */
  assign(keys: readonly Vector[], rows: number, sel: Int32Array | null = null): Int32Array {
    if (rows === 0) return new Int32Array(0);
    if (sel !== null && (this.mode.kind === 'anchored' || (this.anchorPending && this.size === 0 && rows > 2 * ANCHOR_CHECK))) {
      return this.assign(keys.map((v) => takeRows(v, sel, rows)), rows);
    }
    if (this.anchorPending && this.size === 0 && rows > 2 * ANCHOR_CHECK) {
      // the first batch: decide on a prefix, before all of it goes through the dictionaries
      const head = 2 * ANCHOR_CHECK;
      const out = new Int32Array(rows);
      out.set(this.assign(keys.map((v) => sliceVector(v, 0, head)), head));
      // a prefix with a fair number of groups decides even below ANCHOR_CHECK (q10: ~3 rows per customer)
      if (this.anchorPending && this.size >= ANCHOR_PREFIX_GROUPS) {
        this.anchorPending = false;
        if (this.codedFollowInts()) this.toAnchored();
      }
      out.set(this.assign(keys.map((v) => sliceVector(v, head, rows)), rows - head), head);
      return out;
    }
    const out = this.assignCodes(keys, rows, sel);
    if (this.anchorPending && this.size >= ANCHOR_CHECK) {
      this.anchorPending = false;
      if (this.codedFollowInts()) this.toAnchored();
    }
    return out;
  }

  private assignCodes(keys: readonly Vector[], rows: number, sel: Int32Array | null): Int32Array {
    const first = this.mode;
    if (first.kind === 'anchored') {
      const out = first.table.assign(keys, rows);
      this.size = first.table.size;
      return out;
    }
    if (first.kind === 'direct') {
      const out = this.assignLocal(first.bits, first.slots, keys, rows, sel);
      if (out !== null) return out;
    }
    const codes: (Int32Array | null)[] = [];
    let max = 0;
    for (let c = 0; c < keys.length; c++) {
      const d = this.dicts[c]!;
      if (d === null) {
        codes.push(null);
        continue;
      }
      if (this.scratch[c]!.length < rows) this.scratch[c] = new Int32Array(Math.max(rows, 1024));
      const a = this.scratch[c]!.subarray(0, rows);
      const m = sel === null ? d.encode(keys[c]!, rows, a)
        : d instanceof TextDictionary ? d.encodeSelected(keys[c]!, sel, rows, a)
        : d.encode(takeRows(keys[c]!, sel, rows), rows, a);
      if (m > max) max = m;
      codes.push(a);
    }
    const mode = this.mode;
    if (mode.kind === 'direct' && max >= 1 << mode.bits) this.toHashed(mode.bits);
    const now = this.mode;
    switch (now.kind) {
      case 'direct':
        return this.assignDirect(now.bits, now.slots, codes as Int32Array[], rows);
      case 'hashed': {
        const cols = keys.map((v, c): Vector => {
          const a = codes[c]!;
          if (a !== null) return { type: T.int4, length: rows, data: a, nulls: null };
          return sel === null ? v : takeRows(v, sel, rows);
        });
        const out = now.table.assign(cols, rows);
        this.size = now.table.size;
        return out;
      }
      case 'anchored': throw new Error('anchored keys take no codes');
      default: {
        const never: never = now;
        throw new Error(`unknown mode ${String(never)}`);
      }
    }
  }

  private assignDirect(bits: number, slots: Int32Array, codes: readonly Int32Array[], rows: number): Int32Array {
    const out = new Int32Array(rows);
    const idx = codes[0]!; // the codes of other columns are or-ed into this batch's buffer
    if (codes.length > 1) {
      for (let j = 1; j < codes.length; j++) {
        const c = codes[j]!;
        const shift = j * bits;
        for (let r = 0; r < rows; r++) idx[r] |= c[r]! << shift;
      }
    }
    for (let r = 0; r < rows; r++) {
      const k = idx[r]!;
      const g = slots[k]! - 1;
      out[r] = g >= 0 ? g : this.directGroup(slots, k);
    }
    return out;
  }

  /**
   * Direct mode over text columns the column cache holds (text_local_codes.ts): each combination of the
   * columns' local codes is looked up once per batch, then every row is one table read — no per-row
   * dictionary work. Null (nothing done) when some column has no local codes, the combinations are too many,
   * or a code outgrows the direct bound (the general path then moves to hashed mode).
   */
  private assignLocal(bits: number, slots: Int32Array, keys: readonly Vector[], rows: number, sel: Int32Array | null): Int32Array | null {
    const locals: LocalCodes[] = [];
    const dicts: TextDictionary[] = [];
    let combos = 1;
    for (let c = 0; c < keys.length; c++) {
      const d = this.dicts[c];
      if (!(d instanceof TextDictionary)) return null;
      const l = localCodes(keys[c]!);
      if (l === null) return null;
      combos *= l.values.length + 1;
      if (combos > LOCAL_COMBOS) return null;
      locals.push(l);
      dicts.push(d);
    }
    // each column's local code → its dictionary code, packed at the column's bits (local 0, NULL: code 0)
    const shifted = locals.map((l, c) => {
      const a = new Int32Array(l.values.length + 1);
      for (let k = 1; k <= l.values.length; k++) a[k] = dicts[c]!.code(l.values[k - 1]!) << (c * bits);
      return a;
    });
    const bound = 1 << bits;
    if (dicts.some((d) => d.size >= bound)) return null;
    const combo = new Int32Array(combos).fill(-1);
    const out = new Int32Array(rows);
    if (locals.length === 2) {
      const a = locals[0]!.codes, b = locals[1]!.codes, sa = shifted[0]!, sb = shifted[1]!, m = locals[1]!.values.length + 1;
      for (let j = 0; j < rows; j++) {
        const r = sel === null ? j : sel[j]!;
        const la = a[r]!, lb = b[r]!;
        const li = la * m + lb;
        let g = combo[li]!;
        if (g < 0) g = combo[li] = this.directGroup(slots, sa[la]! | sb[lb]!);
        out[j] = g;
      }
      return out;
    }
    for (let j = 0; j < rows; j++) {
      const r = sel === null ? j : sel[j]!;
      let li = 0, packed = 0;
      for (let c = 0; c < locals.length; c++) {
        const l = locals[c]!.codes[r]!;
        li = li * (locals[c]!.values.length + 1) + l;
        packed |= shifted[c]![l]!;
      }
      let g = combo[li]!;
      if (g < 0) g = combo[li] = this.directGroup(slots, packed);
      out[j] = g;
    }
    return out;
  }

  /** The group of packed codes `k` in direct mode (a new one when first seen). */
  private directGroup(slots: Int32Array, k: number): number {
    let g = slots[k]! - 1;
    if (g >= 0) return g;
    g = this.size++;
    slots[k] = g + 1;
    if (g >= this.packed.length) {
      const p = new Int32Array(this.packed.length * 2);
      p.set(this.packed);
      this.packed = p;
    }
    this.packed[g] = k;
    return g;
  }

  keyVectors(): Vector[] {
    const mode = this.mode;
    switch (mode.kind) {
      case 'direct': {
        const mask = (1 << mode.bits) - 1;
        const packed = this.packed;
        return this.keyTypes.map((t, j) => this.dicts[j]!.vector(t, this.size, (g) => (packed[g]! >>> (j * mode.bits)) & mask));
      }
      case 'hashed': {
        const inner = mode.table.keyVectors();
        return this.keyTypes.map((t, c) => {
          const d = this.dicts[c]!;
          const v = inner[c]!;
          if (d === null) return v;
          const codes = v.data as Int32Array;
          return d.vector(t, this.size, (g) => codes[g]!);
        });
      }
      case 'anchored': return mode.table.keyVectors();
      default: {
        const never: never = mode;
        throw new Error(`unknown mode ${String(never)}`);
      }
    }
  }
}
