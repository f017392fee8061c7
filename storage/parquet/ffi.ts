/**
 * parquet-wasm table → apache-arrow Table through the Arrow C Data Interface, without the Arrow IPC round
 * trip (serialize in wasm, copy out, parse in JS). Each column's buffers are copied once out of wasm memory.
 * Covers the flat layouts Pier's columns use (fixed-width numbers, dates, timestamps, decimals, booleans,
 * Utf8/Binary with 32- or 64-bit offsets, dictionaries of those); returns null for anything else (nested
 * types, views, non-zero array offsets) so the caller takes the IPC path.
 *
 * Layout (wasm32): ArrowSchema {format, name, metadata: ptr; flags, n_children: i64; children, dictionary,
 * release, private_data: ptr}; ArrowArray {length, null_count, offset, n_buffers, n_children: i64;
 * buffers, children, dictionary, release, private_data: ptr}.
 */
import { type DataType, type Data, Field, RecordBatch, Schema, Struct, Table, Type, makeData, makeVector } from 'apache-arrow';

interface Mem {
  readonly dv: DataView;
  readonly u8: Uint8Array;
  /** false: buffers are views on wasm memory (valid only until the wasm table is freed or memory grows) */
  readonly copy: boolean;
}

function i64(m: Mem, p: number): number {
  return Number(m.dv.getBigInt64(p, true));
}

function ptr(m: Mem, p: number): number {
  return m.dv.getUint32(p, true);
}

function cstr(m: Mem, p: number): string {
  let e = p;
  while (m.u8[e] !== 0) e++;
  let s = '';
  for (let i = p; i < e; i++) s += String.fromCharCode(m.u8[i]!);
  return s;
}

interface FfiArray {
  readonly length: number;
  readonly nullCount: number;
  readonly offset: number;
  readonly buffers: readonly number[];
  readonly children: readonly number[];
  readonly dictionary: number;
}

function readArray(m: Mem, p: number): FfiArray {
  const nBuf = i64(m, p + 24);
  const nChild = i64(m, p + 32);
  const bufs = ptr(m, p + 40);
  const kids = ptr(m, p + 44);
  const buffers: number[] = [];
  for (let i = 0; i < nBuf; i++) buffers.push(ptr(m, bufs + 4 * i));
  const children: number[] = [];
  for (let i = 0; i < nChild; i++) children.push(ptr(m, kids + 4 * i));
  return { length: i64(m, p), nullCount: i64(m, p + 8), offset: i64(m, p + 16), buffers, children, dictionary: ptr(m, p + 48) };
}

function copy(m: Mem, p: number, bytes: number): Uint8Array {
  if (p === 0) return new Uint8Array(0);
  // views only on 8-byte aligned buffers (arrow-rs aligns to 64), so any typed array can be laid over them
  return m.copy || p % 8 !== 0 ? m.u8.slice(p, p + bytes) : m.u8.subarray(p, p + bytes);
}

function popcountNulls(bitmap: Uint8Array, n: number): number {
  let valid = 0;
  for (let i = 0; i < n; i++) valid += (bitmap[i >> 3]! >> (i & 7)) & 1;
  return n - valid;
}

/** Byte width of a fixed-width Arrow type's values, or null when the type is not fixed-width here. */
function fixedWidth(t: DataType): number | null {
  switch (t.typeId) {
    case Type.Int: return (t as unknown as { bitWidth: number }).bitWidth / 8;
    case Type.Float: return [2, 4, 8][(t as unknown as { precision: number }).precision] ?? null;
    case Type.Date: return (t as unknown as { unit: number }).unit === 0 ? 4 : 8;
    case Type.Timestamp: return 8;
    case Type.Time: return (t as unknown as { bitWidth: number }).bitWidth / 8;
    case Type.Decimal: return (t as unknown as { bitWidth: number }).bitWidth / 8;
    default: return null;
  }
}

/** One column (`p`: ArrowArray) of arrow-js type `t` copied out of wasm memory; null when not supported. */
function columnData(m: Mem, p: number, t: DataType): Data | null {
  const a = readArray(m, p);
  if (a.offset !== 0) return null;
  const n = a.length;
  const validity = a.buffers[0] ?? 0;
  const nullBitmap = a.nullCount !== 0 && validity !== 0 ? copy(m, validity, (n + 7) >> 3) : undefined;
  const nullCount = nullBitmap === undefined ? 0 : a.nullCount >= 0 ? a.nullCount : popcountNulls(nullBitmap, n);
  const w = fixedWidth(t);
  if (w !== null) {
    if (a.buffers.length !== 2) return null;
    return makeData({ type: t as never, length: n, nullCount, nullBitmap, data: copy(m, a.buffers[1]!, n * w) } as never) as Data;
  }
  switch (t.typeId) {
    case Type.Bool:
      if (a.buffers.length !== 2) return null;
      return makeData({ type: t as never, length: n, nullCount, nullBitmap, data: copy(m, a.buffers[1]!, (n + 7) >> 3) } as never) as Data;
    case Type.Utf8: case Type.Binary: case Type.LargeUtf8: case Type.LargeBinary: {
      if (a.buffers.length !== 3) return null;
      const large = t.typeId === Type.LargeUtf8 || t.typeId === Type.LargeBinary;
      const ob = copy(m, a.buffers[1]!, (n + 1) * (large ? 8 : 4));
      const offsets = large ? new BigInt64Array(ob.buffer, ob.byteOffset, n + 1) : new Int32Array(ob.buffer, ob.byteOffset, n + 1);
      const end = n === 0 ? 0 : Number(offsets[n]!);
      const data = copy(m, a.buffers[2]!, end);
      return makeData({ type: t as never, length: n, nullCount, nullBitmap, valueOffsets: offsets, data } as never) as Data;
    }
    case Type.Dictionary: {
      if (a.buffers.length !== 2 || a.dictionary === 0) return null;
      const dt = t as unknown as { indices: DataType; dictionary: DataType };
      const iw = fixedWidth(dt.indices);
      if (iw === null) return null;
      const dict = columnData(m, a.dictionary, dt.dictionary);
      if (dict === null) return null;
      return makeData({ type: t as never, length: n, nullCount, nullBitmap, data: copy(m, a.buffers[1]!, n * iw), dictionary: makeVector(dict) } as never) as Data;
    }
    default:
      return null;
  }
}

/**
 * The record batches at `arrayAddrs` (struct arrays, one child per field of `schema`) as an arrow-js Table of
 * `schema`; `memory` is parquet-wasm's memory, read before any other wasm call. Null when a column's layout is
 * not covered here. `copy` false: the Table's buffers are views on wasm memory, to be read before any other
 * wasm call and before the FFI stream is freed (then dropped).
 */
export function tableFromFfi(memory: ArrayBuffer, schemaAddr: number, arrayAddrs: ArrayLike<number>, schema: Schema, copy = true): Table | null {
  const m: Mem = { dv: new DataView(memory), u8: new Uint8Array(memory), copy };
  // the FFI schema must agree with the arrow-js one (same number of fields, same names)
  const nKids = i64(m, schemaAddr + 24);
  if (nKids !== schema.fields.length) return null;
  const kidsPtr = ptr(m, schemaAddr + 32);
  for (let i = 0; i < nKids; i++) {
    const sp = ptr(m, kidsPtr + 4 * i);
    if (cstr(m, ptr(m, sp + 4)) !== schema.fields[i]!.name) return null;
  }
  const batches: RecordBatch[] = [];
  for (let b = 0; b < arrayAddrs.length; b++) {
    const root = readArray(m, arrayAddrs[b]!);
    if (root.children.length !== schema.fields.length || root.offset !== 0) return null;
    const children: Data[] = [];
    for (let i = 0; i < root.children.length; i++) {
      const d = columnData(m, root.children[i]!, schema.fields[i]!.type as DataType);
      if (d === null) return null;
      children.push(d);
    }
    const struct = makeData({ type: new Struct(schema.fields as Field[]), length: root.length, nullCount: 0, children });
    batches.push(new RecordBatch(schema, struct));
  }
  return new Table(schema, batches);
}
