/**
 * Low-cardinality text columns written as Arrow dictionaries. The Parquet bytes are the same dictionary-encoded
 * BYTE_ARRAY (UTF8) column any reader expects, but the Arrow schema stored in the footer now says
 * Dictionary<Int32, Utf8>, so parquet-wasm hands the column back as codes plus one small dictionary per row
 * group instead of materialising every string: reading it becomes one pointer per row, not one string
 * allocation per row. Other readers (Spark, delta-rs, DuckDB) read the same string column as before.
 */
import { type Data, type DataType, Dictionary, Field, Int32, RecordBatch, Schema, Struct, Table, Type, Utf8, makeData, makeVector } from 'apache-arrow';
import { rebasedValidity, utf8Buffers, utf8Strings } from '../arrow/values.js';

/** A column is dictionary-encoded when it has at most this many distinct values… */
export const DICTIONARY_MAX_DISTINCT = 1 << 15;
/** …and on average every value repeats at least this often. */
export const DICTIONARY_MIN_REPEAT = 8;

interface EncodedColumn {
  /** per chunk: the codes of its rows (0 at NULLs) */
  readonly codes: Int32Array[];
  /** per chunk: its validity bits re-based to bit 0 (undefined: no NULLs) */
  readonly valid: (Uint8Array | undefined)[];
  readonly values: string[];
}

/** Codes of every chunk of one column and its distinct values, or null when the column is not low-cardinality. */
function encodeColumn(chunks: readonly Data[], rows: number): EncodedColumn | null {
  const ids = new Map<string, number>();
  const codes: Int32Array[] = [];
  const valids: (Uint8Array | undefined)[] = [];
  for (const data of chunks) {
    const strings = utf8Strings(data);
    const valid = rebasedValidity(data);
    const out = new Int32Array(data.length);
    for (let i = 0; i < strings.length; i++) {
      if (valid !== undefined && ((valid[i >> 3]! >> (i & 7)) & 1) === 0) continue;
      const s = strings[i]!;
      let id = ids.get(s);
      if (id === undefined) {
        id = ids.size;
        if (id >= DICTIONARY_MAX_DISTINCT) return null;
        ids.set(s, id);
      }
      out[i] = id;
    }
    codes.push(out);
    valids.push(valid);
  }
  if (ids.size * DICTIONARY_MIN_REPEAT > rows) return null;
  return { codes, valid: valids, values: [...ids.keys()] };
}

/** A Utf8 vector holding `values` in order. */
function utf8Vector(values: readonly string[]) {
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: 0, ...utf8Buffers(values) }));
}

/**
 * `table` with every low-cardinality Utf8 column (at most DICTIONARY_MAX_DISTINCT distinct values, each used
 * DICTIONARY_MIN_REPEAT times on average) as Dictionary<Int32, Utf8>, one dictionary shared by all batches.
 * Returns `table` itself when no column qualifies.
 */
export function dictionaryEncodeText(table: Table): Table {
  const rows = table.numRows;
  if (rows < DICTIONARY_MIN_REPEAT || table.batches.length === 0) return table;
  const fields = table.schema.fields;
  const encoded = new Map<number, { type: Dictionary; col: EncodedColumn; dictionary: ReturnType<typeof utf8Vector> }>();
  fields.forEach((f, c) => {
    if ((f.type as DataType).typeId !== Type.Utf8) return;
    const chunks = table.batches.map((b) => b.getChildAt(c)!.data[0]!);
    const col = encodeColumn(chunks, rows);
    if (col === null) return;
    encoded.set(c, { type: new Dictionary(new Utf8(), new Int32()), col, dictionary: utf8Vector(col.values) });
  });
  if (encoded.size === 0) return table;
  const schema = new Schema(fields.map((f, c) => {
    const e = encoded.get(c);
    return e === undefined ? f : new Field(f.name, e.type, f.nullable, f.metadata);
  }), table.schema.metadata);
  const batches = table.batches.map((b, bi) => {
    const children = fields.map((_, c) => {
      const data = b.getChildAt(c)!.data[0]!;
      const e = encoded.get(c);
      if (e === undefined) return data;
      const bits = e.col.valid[bi];
      return makeData({ type: e.type, length: data.length, nullCount: bits === undefined ? 0 : data.nullCount, nullBitmap: bits, data: e.col.codes[bi]!, dictionary: e.dictionary });
    });
    return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: b.numRows, nullCount: 0, children }));
  });
  return new Table(batches);
}
