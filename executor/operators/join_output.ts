/** Building join output rows: pick rows of each side by index, -1 meaning a NULL-extended side. */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { allocData, takeVector } from '../../common/vector.js';

function nullVector(type: Vector['type'], count: number): Vector {
  return { type, length: count, data: allocData(type, count), nulls: new Uint8Array(count).fill(1) };
}

/** Rows (left[lsel[j]], right[rsel[j]]) for j < count; a side may be null (all NULL). */
export function joinRows(leftSchema: Schema, left: Batch | null, lsel: Int32Array, rightSchema: Schema, right: Batch | null, rsel: Int32Array, count: number): Batch {
  const l = leftSchema.map((f, c) => (left ? takeVector(left.columns[c]!, lsel, count) : nullVector(f.type, count)));
  const r = rightSchema.map((f, c) => (right ? takeVector(right.columns[c]!, rsel, count) : nullVector(f.type, count)));
  return { length: count, columns: [...l, ...r] };
}

/** Growable pair of index lists. */
export class PairBuffer {
  l = new Int32Array(1024);
  r = new Int32Array(1024);
  n = 0;

  push(a: number, b: number): void {
    if (this.n === this.l.length) {
      const nl = new Int32Array(this.n * 2);
      nl.set(this.l);
      this.l = nl;
      const nr = new Int32Array(this.n * 2);
      nr.set(this.r);
      this.r = nr;
    }
    this.l[this.n] = a;
    this.r[this.n] = b;
    this.n++;
  }

  reset(): void {
    this.n = 0;
  }
}
