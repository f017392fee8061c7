/**
 * The exact sum/avg states of many groups in typed arrays (no object or BigInt per group): per group a row
 * count, a float sum, a scale, and an exact integer sum at that scale held as a number while it stays within
 * ±(2^53 − 1) (beyond that, a BigInt in a sparse side array). Every operation keeps the arithmetic of the
 * {count, int, scale, float, special} state objects (aggregates/basic.ts): exact, scale = largest scale added.
 */
import type { Numeric } from '../../common/datum.js';
import { pow10 } from '../../common/values/numeric.js';
import { SCALED_MAX } from '../../common/vector.js';

type Special = Numeric['special'];

/** One group's state in the object form partial aggregates exchange. */
export interface SumState { count: number; int: bigint; scale: number; float: number; special: Special | undefined }

const MAXB = BigInt(SCALED_MAX);

export class SumColumns {
  count = new Float64Array(0);
  lo = new Float64Array(0);
  float = new Float64Array(0);
  scale = new Int32Array(0);
  /** groups whose exact sum left the number range: the whole sum (lo is then 0) */
  big: (bigint | undefined)[] = [];
  special: (Special | undefined)[] = [];
  hasBig = false;
  hasSpecial = false;
  size = 0;

  resize(n: number): void {
    if (n > this.count.length) {
      const cap = Math.max(n, this.count.length * 2, 16);
      const grow = <A extends Float64Array | Int32Array>(a: A, make: (c: number) => A): A => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.count = grow(this.count, (c) => new Float64Array(c));
      this.lo = grow(this.lo, (c) => new Float64Array(c));
      this.float = grow(this.float, (c) => new Float64Array(c));
      this.scale = grow(this.scale, (c) => new Int32Array(c));
    }
    if (n > this.size) this.size = n;
  }

  getInt(g: number): bigint {
    const b = this.hasBig ? this.big[g] : undefined;
    return b === undefined ? BigInt(this.lo[g]!) : b;
  }

  setInt(g: number, v: bigint): void {
    if (v <= MAXB && v >= -MAXB) {
      this.lo[g] = Number(v);
      if (this.hasBig) this.big[g] = undefined;
    } else {
      this.lo[g] = 0;
      this.big[g] = v;
      this.hasBig = true;
    }
  }

  /** Raise group g's scale to `to` (its sum multiplied accordingly), as the state objects do. */
  private rescale(g: number, to: number): void {
    const from = this.scale[g]!;
    if (to <= from) return;
    if (this.lo[g] !== 0 || (this.hasBig && this.big[g] !== undefined)) this.setInt(g, this.getInt(g) * pow10(to - from));
    this.scale[g] = to;
  }

  /** Add the exact integer `x` (a number) at scale `at` to group g's sum (not its count). */
  addInt(g: number, x: number, at: number): void {
    if (at > this.scale[g]!) this.rescale(g, at);
    if (at === this.scale[g] && !(this.hasBig && this.big[g] !== undefined)) {
      const cur = this.lo[g]!;
      if ((cur < 0 ? -cur : cur) + (x < 0 ? -x : x) <= SCALED_MAX) {
        this.lo[g] = cur + x;
        return;
      }
    }
    this.addBig(g, BigInt(x), at);
  }

  /** Add the exact integer `x` at scale `at` to group g's sum (not its count). */
  addBig(g: number, x: bigint, at: number): void {
    if (at > this.scale[g]!) this.rescale(g, at);
    const s = this.scale[g]!;
    this.setInt(g, this.getInt(g) + (s === at ? x : x * pow10(s - at)));
  }

  addSpecial(g: number, sp: Special): void {
    const cur = this.special[g];
    this.special[g] = cur === undefined || cur === sp ? sp : 'nan';
    this.hasSpecial = true;
  }

  /** Merge a state object into group g. */
  mergeState(g: number, o: SumState): void {
    this.count[g]! += o.count;
    this.float[g]! += o.float;
    if (o.special !== undefined) this.addSpecial(g, o.special);
    if (o.int === 0n) this.rescale(g, o.scale);
    else this.addBig(g, o.int, o.scale);
  }

  state(g: number): SumState {
    return { count: this.count[g]!, int: this.getInt(g), scale: this.scale[g]!, float: this.float[g]!, special: this.hasSpecial ? this.special[g] : undefined };
  }
}
