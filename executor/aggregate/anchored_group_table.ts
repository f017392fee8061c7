/**
 * Group ids for keys that mix integer-like columns with others (GROUP BY c_custkey, c_name, c_address, …:
 * TPC-H q10). The integer columns (the "anchor") are looked up in an IntGroupTable; the other columns of a
 * row are compared with those of the first group under the same anchor, which in the usual case — the
 * anchor determines the rest, like a key and its attributes — is the row's group. Other rows go through a
 * Map keyed by the anchor id and the rest's hash keys. Ids are dense in first-seen order, and groups are
 * exactly those of the Map-based table: rest values compare equal exactly when their hash keys are equal.
 */
import type { Datum } from '../../common/datum.js';
import type { SqlType } from '../../common/types.js';
import type { Vector } from '../../common/vector.js';
import { getDatum, vectorFromDatums } from '../../common/vector.js';
import { typeWords } from '../join/key_words.js';
import { valueKey } from '../operators/hash_key.js';
import { IntGroupTable } from './int_group_table.js';

/** the representation compared for one rest column: the string itself for text, else its hash key */
type Rep = (v: Vector, i: number) => string | null;

function repOf(type: SqlType): Rep {
  switch (type.kind) {
    case 'text': case 'varchar': case 'bpchar': case 'unknown':
      return (v, i) => (v.nulls !== null && v.nulls[i] === 1 ? null : (v.data as string[])[i]!);
    default:
      return (v, i) => valueKey(v, i);
  }
}

export class AnchoredGroupTable {
  size = 0;
  private readonly anchorCols: number[] = [];
  private readonly restCols: number[] = [];
  private readonly anchor: IntGroupTable;
  private readonly reps: Rep[];
  /** anchor id → the first group with that anchor */
  private firstGroup = new Int32Array(1024);
  /** group id → its rest representations (rest-column major) */
  private readonly restReps: (string | null)[][];
  /** groups after the first under one anchor: `${anchor id}\u0002` + the rest's hash keys */
  private readonly more = new Map<string, number>();
  private readonly keyValues: Datum[][];

  constructor(readonly keyTypes: readonly SqlType[]) {
    keyTypes.forEach((t, c) => (typeWords(t) !== null ? this.anchorCols : this.restCols).push(c));
    this.anchor = new IntGroupTable(this.anchorCols.map((c) => keyTypes[c]!));
    this.reps = this.restCols.map((c) => repOf(keyTypes[c]!));
    this.restReps = this.restCols.map(() => []);
    this.keyValues = keyTypes.map(() => []);
    this.firstGroup.fill(-1);
  }

  /** Integer-like columns to anchor on, and others (else another table fits better). */
  static supports(types: readonly SqlType[]): boolean {
    const ints = types.filter((t) => typeWords(t) !== null).length;
    return ints > 0 && ints < types.length && IntGroupTable.supports(types.filter((t) => typeWords(t) !== null));
  }

  private newGroup(keys: readonly Vector[], r: number): number {
    const g = this.size++;
    for (let c = 0; c < keys.length; c++) this.keyValues[c]!.push(getDatum(keys[c]!, r));
    for (let j = 0; j < this.restCols.length; j++) this.restReps[j]!.push(this.reps[j]!(keys[this.restCols[j]!]!, r));
    return g;
  }

  private restKey(aid: number, keys: readonly Vector[], r: number): string {
    let s = `${aid}\u0002`;
    for (const c of this.restCols) s += `${valueKey(keys[c]!, r)}\u0001`;
    return s;
  }

  assign(keys: readonly Vector[], rows: number): Int32Array {
    const out = new Int32Array(rows);
    if (rows === 0) return out;
    const aids = this.anchor.assign(this.anchorCols.map((c) => keys[c]!), rows);
    if (this.anchor.size > this.firstGroup.length) {
      let n = this.firstGroup.length;
      while (n < this.anchor.size) n *= 2;
      const f = new Int32Array(n).fill(-1);
      f.set(this.firstGroup);
      this.firstGroup = f;
    }
    const fg = this.firstGroup;
    const nr = this.restCols.length;
    for (let r = 0; r < rows; r++) {
      const aid = aids[r]!;
      const first = fg[aid]!;
      if (first < 0) {
        const g = this.newGroup(keys, r);
        fg[aid] = g;
        out[r] = g;
        continue;
      }
      let same = true;
      for (let j = 0; j < nr; j++) {
        if (this.reps[j]!(keys[this.restCols[j]!]!, r) !== this.restReps[j]![first]) {
          same = false;
          break;
        }
      }
      if (same) {
        out[r] = first;
        continue;
      }
      const k = this.restKey(aid, keys, r);
      let g = this.more.get(k);
      if (g === undefined) {
        g = this.newGroup(keys, r);
        this.more.set(k, g);
      }
      out[r] = g;
    }
    return out;
  }

  keyVectors(): Vector[] {
    return this.keyTypes.map((t, c) => vectorFromDatums(t, this.keyValues[c]!));
  }
}
