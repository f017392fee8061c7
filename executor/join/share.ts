/**
 * Batches in shared memory: fixed-width columns (typed arrays, compact numerics, NULL masks) copied once
 * into SharedArrayBuffers, so sending the batch to worker threads with every task copies no column data.
 * Other columns (numeric objects, …) stay as they are (cloned per message). String columns can be packed
 * into shared memory too (`packStrings`): one UTF-16 buffer and end offsets, unpacked once per thread.
 */
import type { Batch, Vector, VectorData } from '../../common/vector.js';
import { isScaledNumerics, scaledNumerics } from '../../common/vector.js';

type Typed = Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

function sharedCopy<T extends Typed>(a: T): T {
  const ctor = a.constructor as unknown as { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new ctor(new SharedArrayBuffer(Math.max(1, a.length) * ctor.BYTES_PER_ELEMENT));
  (out as unknown as { set(x: T): void }).set(a);
  return a.length === 0 ? (out.subarray(0, 0) as T) : out;
}

function shareVector(v: Vector): Vector {
  const d = v.data;
  let data: VectorData = d;
  if (ArrayBuffer.isView(d)) data = sharedCopy(d as Typed);
  else if (isScaledNumerics(d)) data = scaledNumerics(d.scale, sharedCopy(d.values));
  const nulls = v.nulls === null ? null : sharedCopy(v.nulls);
  return { type: v.type, length: v.length, data, nulls };
}

export function shareBatch(b: Batch): Batch {
  return { length: b.length, columns: b.columns.map(shareVector) };
}

/**
 * A string column in shared memory: few distinct values as a dictionary and one code per row, else the
 * UTF-16 code units of all values in a row and each value's end.
 */
export type PackedStrings =
  | { readonly form: 'dict'; readonly dict: readonly string[]; readonly codes: Int32Array }
  | { readonly form: 'units'; readonly units: Uint16Array; readonly ends: Int32Array };

/** a dictionary is kept while it has at most this many values (or a quarter of the rows) */
const DICT_MIN = 1024;

/** Pack a column of strings (NULL positions may hold null: unpacked as ''); null when some value is not a string. */
export function packStrings(values: readonly unknown[], n: number): PackedStrings | null {
  let total = 0;
  const ids = new Map<string, number>();
  const codes = new Int32Array(new SharedArrayBuffer(Math.max(4, n * 4))).subarray(0, n);
  const dictMax = Math.max(DICT_MIN, n >> 2);
  let dict = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const x = typeof v === 'string' ? v : v === null || v === undefined ? '' : null;
    if (x === null) return null;
    total += x.length;
    if (!dict) continue;
    let id = ids.get(x);
    if (id === undefined) {
      id = ids.size;
      ids.set(x, id);
      if (ids.size > dictMax) dict = false;
    }
    codes[i] = id;
  }
  if (dict) return { form: 'dict', dict: [...ids.keys()], codes };
  const units = new Uint16Array(new SharedArrayBuffer(Math.max(2, total * 2)));
  const ends = codes; // reused: every value's end
  let at = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'string') for (let k = 0; k < v.length; k++) units[at++] = v.charCodeAt(k);
    ends[i] = at;
  }
  return { form: 'units', units, ends };
}

const CHUNK_UNITS = 8192;

/** The strings of a packed column. */
export function unpackStrings(p: PackedStrings): string[] {
  if (p.form === 'dict') {
    const { dict, codes } = p;
    const out = new Array<string>(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = dict[codes[i]!]!;
    return out;
  }
  const { units, ends } = p;
  const n = ends.length;
  const total = n > 0 ? ends[n - 1]! : 0;
  // one string of everything (built in chunks), then each value is a slice of it
  let all = '';
  for (let from = 0; from < total; from += CHUNK_UNITS) {
    all += String.fromCharCode.apply(null, units.subarray(from, Math.min(total, from + CHUNK_UNITS)) as unknown as number[]);
  }
  const out = new Array<string>(n);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = ends[i]!;
    out[i] = all.slice(start, end);
    start = end;
  }
  return out;
}
