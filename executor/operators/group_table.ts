/** Dense group ids for key rows (first-seen order), and the key values of every group. */
import type { Datum } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import type { Vector } from '../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../common/vector.js';
import { takeRows } from '../../common/vector_take.js';
import { IntGroupTable } from '../aggregate/int_group_table.js';
import { AnchoredGroupTable } from '../aggregate/anchored_group_table.js';
import { CodedGroupTable } from '../aggregate/coded_group_table.js';
import { keyFunction, type HashKey } from './hash_key.js';

export class GroupTable {
  private readonly ids = new Map<HashKey, number>();
  private readonly keyValues: Datum[][];
  /** integer-like keys: the typed-array table (null: the Map) */
  private readonly ints: IntGroupTable | null;
  /** integer-like keys with others: anchored on the integer ones (null: the Map) */
  private readonly anchored: AnchoredGroupTable | null;
  /** other keys (text above all), with or without integer-like ones: dictionary codes grouped as ints */
  private readonly coded: CodedGroupTable | null;
  size = 0;

  constructor(readonly keyTypes: readonly SqlType[]) {
    this.keyValues = keyTypes.map(() => []);
    this.ints = IntGroupTable.supports(keyTypes) ? new IntGroupTable(keyTypes) : null;
    this.coded = this.ints === null && CodedGroupTable.supports(keyTypes) ? new CodedGroupTable(keyTypes) : null;
    this.anchored = this.ints === null && this.coded === null && AnchoredGroupTable.supports(keyTypes) ? new AnchoredGroupTable(keyTypes) : null;
  }

  /** Group id of each of `rows` rows (new groups appended). */
  assign(keys: readonly Vector[], rows: number): Int32Array {
    if (this.ints !== null) {
      const out = this.ints.assign(keys, rows);
      this.size = this.ints.size;
      return out;
    }
    if (this.coded !== null) {
      const out = this.coded.assign(keys, rows);
      this.size = this.coded.size;
      return out;
    }
    if (this.anchored !== null) {
      const out = this.anchored.assign(keys, rows);
      this.size = this.anchored.size;
      return out;
    }
    const out = new Int32Array(rows);
    if (keys.length === 0) {
      if (this.size === 0) this.size = 1;
      return out; // all zero: one global group
    }
    const key = keyFunction(keys);
    for (let r = 0; r < rows; r++) {
      const k = key(r);
      let id = this.ids.get(k);
      if (id === undefined) {
        id = this.size++;
        this.ids.set(k, id);
        for (let c = 0; c < keys.length; c++) this.keyValues[c]!.push(getDatum(keys[c]!, r));
      }
      out[r] = id;
    }
    return out;
  }

  /**
   * Group id of rows sel[0..count) of `keys` (out[j]: the group of row sel[j]), the same as `assign` over those
   * rows copied out; text keys are read through the selection, other keys are copied first.
   */
  assignSelected(keys: readonly Vector[], sel: Int32Array, count: number): Int32Array {
    if (this.coded !== null) {
      const out = this.coded.assign(keys, count, sel);
      this.size = this.coded.size;
      return out;
    }
    return this.assign(keys.length === 0 ? keys : keys.map((v) => takeRows(v, sel, count)), count);
  }

  keyVectors(): Vector[] {
    if (this.ints !== null) return this.ints.keyVectors();
    if (this.coded !== null) return this.coded.keyVectors();
    if (this.anchored !== null) return this.anchored.keyVectors();
    return this.keyTypes.map((t, c) => vectorFromDatums(t, this.keyValues[c]!));
  }
}
