/**
 * Dense int codes for the values of one text-like key column (text, varchar, bpchar, unknown): code 0 is
 * NULL, the distinct strings get 1, 2, … in first-seen order. Two values get the same code exactly when
 * the strings are equal (`===`), the same equality the string hash keys of hash_key.ts give (bpchar
 * included: its values are compared as stored).
 *
 * Lookups try the previous row's string first (sorted / low-cardinality columns repeat it), a table by
 * character code for one-character ASCII strings (flags: TPC-H l_returnflag, l_linestatus), then the Map
 * (a short linear scan for tiny dictionaries measured no faster: `===` compares characters of strings that
 * are not the same object, the Map compares cached hashes first).
 */
import type { SqlType } from '../../common/types.js';
import type { Vector } from '../../common/vector.js';
import { localCodes, type LocalCodes } from './text_local_codes.js';

export class TextDictionary {
  /** code - 1 → value */
  private readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  /** one-character ASCII strings: char code → code (0: not seen yet) */
  private readonly oneChar = new Int32Array(128);

  /** Distinct non-NULL values so far (the greatest code). */
  get size(): number {
    return this.values.length;
  }

  /** The string of a non-zero code. */
  value(code: number): string {
    return this.values[code - 1]!;
  }

  /** The code of one non-NULL string (added when new). */
  code(s: string): number {
    const known = this.codes.get(s);
    if (known !== undefined) return known;
    this.values.push(s);
    const c = this.values.length;
    this.codes.set(s, c);
    return c;
  }

  /** Codes of rows [0, rows) of a text vector into `out`; returns the greatest code written. */
  encode(v: Vector, rows: number, out: Int32Array): number {
    return this.encodeSelected(v, null, rows, out);
  }

  /**
   * Codes of rows sel[0..count) of a text vector into out[0..count) (sel null: rows [0, count)); returns the
   * greatest code written.
   */
  encodeSelected(v: Vector, sel: Int32Array | null, count: number, out: Int32Array): number {
    const local = localCodes(v);
    if (local !== null) return this.encodeLocal(local, sel, count, out);
    const data = v.data as string[];
    const nulls = v.nulls;
    let last: string | null = null;
    let lastCode = 0;
    let max = 0;
    for (let j = 0; j < count; j++) {
      const i = sel === null ? j : sel[j]!;
      if (nulls !== null && nulls[i] === 1) {
        out[j] = 0;
        continue;
      }
      const s = data[i]!;
      if (s !== last) {
        last = s;
        const ch = s.length === 1 ? s.charCodeAt(0) : 128;
        if (ch < 128) {
          lastCode = this.oneChar[ch]!;
          if (lastCode === 0) lastCode = this.oneChar[ch] = this.code(s);
        } else lastCode = this.code(s);
        if (lastCode > max) max = lastCode;
      }
      out[j] = lastCode;
    }
    return max;
  }

  /**
   * encode / encodeSelected through a column's local codes: each distinct string is looked up once, when a
   * row first uses it (so the codes given are those of the string-per-row loops).
   */
  private encodeLocal(local: LocalCodes, sel: Int32Array | null, count: number, out: Int32Array): number {
    const map = new Int32Array(local.values.length + 1).fill(-1);
    map[0] = 0;
    const codes = local.codes;
    let max = 0;
    for (let j = 0; j < count; j++) {
      const l = codes[sel === null ? j : sel[j]!]!;
      let c = map[l]!;
      if (c < 0) {
        const s = local.values[l - 1]!;
        const ch = s.length === 1 ? s.charCodeAt(0) : 128;
        if (ch < 128) {
          c = this.oneChar[ch]!;
          if (c === 0) c = this.oneChar[ch] = this.code(s);
        } else c = this.code(s);
        map[l] = c;
        if (c > max) max = c;
      }
      out[j] = c;
    }
    return max;
  }

  /** The key vector of `n` groups whose codes `codeOf` gives (code 0: NULL): strings, '' at NULLs. */
  vector(type: SqlType, n: number, codeOf: (g: number) => number): Vector {
    const data = new Array<string>(n).fill('');
    let nulls: Uint8Array | null = null;
    for (let g = 0; g < n; g++) {
      const code = codeOf(g);
      if (code === 0) {
        nulls ??= new Uint8Array(n);
        nulls[g] = 1;
      } else data[g] = this.values[code - 1]!;
    }
    return { type, length: n, data, nulls };
  }
}
