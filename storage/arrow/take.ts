/**
 * Gather rows of an Arrow table by index (Arrow JS has no take kernel). Works on the buffers of flat columns:
 * fixed-width (ints, floats, dates, timestamps, decimals), bool, utf8/large utf8, binary, dictionary (indices
 * gathered), and lists / maps / structs of those (children gathered recursively).
 */
import { type Data, type DataType, RecordBatch, Struct, Table, Type, makeData } from 'apache-arrow';
import { isValid } from './values.js';

function gatherBits(get: (i: number) => boolean, n: number): Uint8Array {
  const out = new Uint8Array(((n + 63) >> 6) << 3);
  for (let j = 0; j < n; j++) if (get(j)) out[j >> 3]! |= 1 << (j & 7);
  return out;
}

/** Rows `rows` of one chunk (indices are chunk-relative). */
export function takeData(data: Data, rows: readonly number[]): Data {
  const n = rows.length;
  const type = data.type as DataType;
  let nullCount = 0;
  let nullBitmap: Uint8Array | undefined;
  if (data.nullCount > 0) {
    nullBitmap = gatherBits((j) => isValid(data, rows[j]!), n);
    for (let j = 0; j < n; j++) if (!isValid(data, rows[j]!)) nullCount++;
  }
  const values = data.values as unknown as { length: number; constructor: new (n: number) => { [i: number]: unknown; length: number } };
  switch (type.typeId) {
    case Type.Bool: {
      const bits = data.values as Uint8Array;
      const out = gatherBits((j) => { const k = data.offset + rows[j]!; return ((bits[k >> 3]! >> (k & 7)) & 1) === 1; }, n);
      return makeData({ type, length: n, nullCount, nullBitmap, data: out } as never);
    }
    case Type.Utf8: case Type.LargeUtf8: case Type.Binary: case Type.LargeBinary: {
      const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
      const bytes = data.values as Uint8Array;
      let total = 0;
      for (const r of rows) total += Number(offs[r + 1]!) - Number(offs[r]!);
      const large = type.typeId === Type.LargeUtf8 || type.typeId === Type.LargeBinary;
      const outOffs = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
      const out = new Uint8Array(total);
      let o = 0;
      for (let j = 0; j < n; j++) {
        const a = Number(offs[rows[j]!]!);
        const b = Number(offs[rows[j]! + 1]!);
        out.set(bytes.subarray(a, b), o);
        o += b - a;
        if (large) (outOffs as BigInt64Array)[j + 1] = BigInt(o); else (outOffs as Int32Array)[j + 1] = o;
      }
      return makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: outOffs, data: out } as never);
    }
    case Type.Int: case Type.Float: case Type.Date: case Type.Timestamp: case Type.Decimal: case Type.Dictionary: {
      const stride = data.stride;
      const src = values as unknown as { [i: number]: unknown };
      const out = new values.constructor(n * stride);
      for (let j = 0; j < n; j++) {
        const s = rows[j]! * stride;
        for (let k = 0; k < stride; k++) out[j * stride + k] = src[s + k];
      }
      const props: Record<string, unknown> = { type, length: n, nullCount, nullBitmap, data: out };
      if (type.typeId === Type.Dictionary) props['dictionary'] = data.dictionary;
      return makeData(props as never);
    }
    case Type.List: case Type.Map: {
      // gather each row's slice of the child, then the child rows themselves
      const offs = data.valueOffsets as unknown as ArrayLike<number>;
      const outOffs = new Int32Array(n + 1);
      const childRows: number[] = [];
      for (let j = 0; j < n; j++) {
        for (let k = Number(offs[rows[j]!]!); k < Number(offs[rows[j]! + 1]!); k++) childRows.push(k);
        outOffs[j + 1] = childRows.length;
      }
      const child = takeData(data.children[0] as Data, childRows);
      return makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: outOffs, child } as never);
    }
    case Type.Struct: {
      const children = (data.children as Data[]).map((c) => takeData(c, rows));
      return makeData({ type, length: n, nullCount, nullBitmap, children } as never);
    }
    default:
      throw new Error(`takeRows: unsupported Arrow type ${String(type)}`);
  }
}

/** Rows (table-relative indices, any order) of a table, as a one-batch table. */
export function takeRows(table: Table, rows: readonly number[]): Table {
  // map table rows to (chunk, row) via batch offsets
  const batches = table.batches;
  const starts: number[] = [];
  let acc = 0;
  for (const b of batches) { starts.push(acc); acc += b.numRows; }
  const chunkOf = (r: number): number => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid]! <= r) lo = mid; else hi = mid - 1; }
    return lo;
  };
  if (batches.length === 1) {
    const b = batches[0]!;
    const children = b.schema.fields.map((_, c) => takeData(b.data.children[c] as Data, rows));
    const struct = makeData({ type: new Struct(table.schema.fields), length: rows.length, nullCount: 0, children });
    return new Table([new RecordBatch(table.schema, struct)]);
  }
  // several batches: take per batch (keeping row order within runs of one batch)
  const parts: Table[] = [];
  let j = 0;
  while (j < rows.length) {
    const c = chunkOf(rows[j]!);
    const local: number[] = [];
    while (j < rows.length && chunkOf(rows[j]!) === c) { local.push(rows[j]! - starts[c]!); j++; }
    parts.push(takeRows(new Table([batches[c]!]), local));
  }
  return parts.length === 1 ? parts[0]! : parts[0]!.concat(...parts.slice(1));
}
