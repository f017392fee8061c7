/**
 * Gather rows from several record batches into one (the Z-order permutation of a bin reaches across the
 * batches its files were decoded into). Flat columns (ints, floats, dates, timestamps, decimals, bool,
 * utf8 / large utf8); a table with another column type, or a single batch, goes through takeRows.
 */
import { type Data, type DataType, RecordBatch, Struct, Table, Type, makeData } from 'apache-arrow';
import { isValid } from '../../arrow/values.js';
import { takeRows } from '../../arrow/take.js';

const GATHERABLE = new Set<Type>([Type.Int, Type.Float, Type.Date, Type.Timestamp, Type.Decimal, Type.Bool, Type.Utf8, Type.LargeUtf8]);

function bitsOf(n: number): Uint8Array {
  return new Uint8Array(((n + 63) >> 6) << 3);
}

/** One column's chunks gathered at (chunk[j], row[j]) for every output row j. */
function gatherColumn(chunks: readonly Data[], chunk: Uint32Array, row: Uint32Array): Data {
  const n = chunk.length;
  const type = chunks[0]!.type as DataType;
  let nullCount = 0;
  let nullBitmap: Uint8Array | undefined;
  if (chunks.some((c) => c.nullCount > 0)) {
    nullBitmap = bitsOf(n);
    for (let j = 0; j < n; j++) {
      if (isValid(chunks[chunk[j]!]!, row[j]!)) nullBitmap[j >> 3]! |= 1 << (j & 7);
      else nullCount++;
    }
  }
  switch (type.typeId) {
    case Type.Bool: {
      const out = bitsOf(n);
      for (let j = 0; j < n; j++) {
        const d = chunks[chunk[j]!]!;
        const k = d.offset + row[j]!;
        if ((((d.values as Uint8Array)[k >> 3]! >> (k & 7)) & 1) === 1) out[j >> 3]! |= 1 << (j & 7);
      }
      return makeData({ type, length: n, nullCount, nullBitmap, data: out } as never);
    }
    case Type.Utf8: case Type.LargeUtf8: {
      let total = 0;
      for (let j = 0; j < n; j++) {
        const offs = chunks[chunk[j]!]!.valueOffsets as unknown as ArrayLike<number | bigint>;
        total += Number(offs[row[j]! + 1]!) - Number(offs[row[j]!]!);
      }
      const large = type.typeId === Type.LargeUtf8;
      const outOffs = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
      const out = new Uint8Array(total);
      let o = 0;
      for (let j = 0; j < n; j++) {
        const d = chunks[chunk[j]!]!;
        const offs = d.valueOffsets as unknown as ArrayLike<number | bigint>;
        const a = Number(offs[row[j]!]!);
        const b = Number(offs[row[j]! + 1]!);
        out.set((d.values as Uint8Array).subarray(a, b), o);
        o += b - a;
        if (large) (outOffs as BigInt64Array)[j + 1] = BigInt(o); else (outOffs as Int32Array)[j + 1] = o;
      }
      return makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: outOffs, data: out } as never);
    }
    default: {
      const stride = chunks[0]!.stride;
      const proto = chunks[0]!.values as unknown as { constructor: new (n: number) => { [i: number]: unknown } };
      const out = new proto.constructor(n * stride);
      for (let j = 0; j < n; j++) {
        const src = chunks[chunk[j]!]!.values as unknown as { [i: number]: unknown };
        const s = row[j]! * stride;
        for (let k = 0; k < stride; k++) out[j * stride + k] = src[s + k];
      }
      return makeData({ type, length: n, nullCount, nullBitmap, data: out } as never);
    }
  }
}

/** Rows (table-relative indices, any order) of `table` as a one-batch table. */
export function gatherRows(table: Table, rows: readonly number[]): Table {
  const batches = table.batches;
  const flat = table.schema.fields.every((f) => GATHERABLE.has((f.type as DataType).typeId));
  if (batches.length <= 1 || !flat) return takeRows(table, rows);
  const starts = new Uint32Array(batches.length + 1);
  batches.forEach((b, i) => { starts[i + 1] = starts[i]! + b.numRows; });
  const chunk = new Uint32Array(rows.length);
  const row = new Uint32Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    let lo = 0, hi = batches.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid]! <= r) lo = mid; else hi = mid - 1; }
    chunk[j] = lo;
    row[j] = r - starts[lo]!;
  }
  const children = table.schema.fields.map((_, c) => gatherColumn(batches.map((b) => b.data.children[c] as Data), chunk, row));
  const struct = makeData({ type: new Struct(table.schema.fields), length: rows.length, nullCount: 0, children });
  return new Table([new RecordBatch(table.schema, struct)]);
}
