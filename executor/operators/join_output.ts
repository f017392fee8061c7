/** Building join output rows: pick rows of each side by index, -1 meaning a NULL-extended side. */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { allocData } from '../../common/vector.js';
import { gatherVector } from '../join/gather.js';

function nullVector(type: Vector['type'], count: number): Vector {
  return { type, length: count, data: allocData(type, count), nulls: new Uint8Array(count).fill(1) };
}

/** Rows (left[lsel[j]], right[rsel[j]]) for j < count; a side may be null (all NULL). */
export function joinRows(leftSchema: Schema, left: Batch | null, lsel: Int32Array, rightSchema: Schema, right: Batch | null, rsel: Int32Array, count: number): Batch {
  const l = leftSchema.map((f, c) => (left ? gatherVector(left.columns[c]!, lsel, count) : nullVector(f.type, count)));
  const r = rightSchema.map((f, c) => (right ? gatherVector(right.columns[c]!, rsel, count) : nullVector(f.type, count)));
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

/** Indices i < n with flags[i] === 0. */
export function unmatchedRows(flags: Uint8Array, n: number): Int32Array {
  let c = 0;
  for (let i = 0; i < n; i++) if (flags[i] === 0) c++;
  const out = new Int32Array(c);
  c = 0;
  for (let i = 0; i < n; i++) if (flags[i] === 0) out[c++] = i;
  return out;
}
