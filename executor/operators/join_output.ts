/** Building join output rows: pick rows of each side by index, -1 meaning a NULL-extended side. */
import type { Batch, Schema, Vector } from '../../common/vector.js';
import { allocData } from '../../common/vector.js';

export function takeOrNull(v: Vector, sel: Int32Array, count: number): Vector {
  const data = allocData(v.type, count);
  const src = v.data as unknown as ArrayLike<unknown>;
  const dst = data as unknown as unknown[];
  let nulls: Uint8Array | null = null;
  for (let j = 0; j < count; j++) {
    const i = sel[j]!;
    if (i < 0 || (v.nulls !== null && v.nulls[i] === 1)) {
      nulls ??= new Uint8Array(count);
      nulls[j] = 1;
    } else {
      dst[j] = src[i];
    }
  }
  return { type: v.type, length: count, data, nulls };
}

function nullVector(type: Vector['type'], count: number): Vector {
  return { type, length: count, data: allocData(type, count), nulls: new Uint8Array(count).fill(1) };
}

/** Rows (left[lsel[j]], right[rsel[j]]) for j < count; a side may be null (all NULL). */
export function joinRows(leftSchema: Schema, left: Batch | null, lsel: Int32Array, rightSchema: Schema, right: Batch | null, rsel: Int32Array, count: number): Batch {
  const l = leftSchema.map((f, c) => (left ? takeOrNull(left.columns[c]!, lsel, count) : nullVector(f.type, count)));
  const r = rightSchema.map((f, c) => (right ? takeOrNull(right.columns[c]!, rsel, count) : nullVector(f.type, count)));
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
